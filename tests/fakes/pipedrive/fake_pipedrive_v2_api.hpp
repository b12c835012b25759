// The v2 endpoints: pipelines, stages, deals (+ archived), persons, organizations, activities,
// single objects, their custom field definitions, and PATCH of deals, persons and organizations.
#pragma once

#include <cstdint>

#include "fake_pipedrive_route.hpp"
#include "fake_pipedrive_store.hpp"
#include "fake_pipedrive_write_log.hpp"
#include "tests/fakes/fake_exchange.hpp"

namespace sellerscore::fakes::pipedrive {

// `now` (epoch seconds) stamps modifications; `acting_user_id` is the token's user.
FakeResponse handle_v2(const Route& route, const FakeRequest& request, Store& store, WriteLog& writes,
                       std::int64_t now, std::int64_t acting_user_id);

}  // namespace sellerscore::fakes::pipedrive
