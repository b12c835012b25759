// The v1 endpoints v2 still lacks: users, leads, notes, activity types, and a deal's changelog
// (cursor paged, newest first) and flow (start/limit, newest first). Empty v1 lists answer
// "data": null, as Pipedrive's v1 does.
#pragma once

#include <cstdint>

#include "fake_pipedrive_route.hpp"
#include "fake_pipedrive_store.hpp"
#include "tests/fakes/fake_exchange.hpp"

namespace sellerscore::fakes::pipedrive {

FakeResponse handle_v1(const Route& route, const FakeRequest& request, const Store& store,
                       std::int64_t acting_user_id);

}  // namespace sellerscore::fakes::pipedrive
