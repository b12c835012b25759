// The records objects refer to: /crm/v3/owners (cursor paging, archived), /crm/v3/pipelines/deals,
// and /crm/v4/associations/{from}/{to}/batch/read.
#pragma once

#include <string>

#include "fake_hubspot_store.hpp"
#include "tests/fakes/fake_exchange.hpp"

namespace sellerscore::fakes {

FakeResponse list_owners(const FakeHubSpotStore& store, const FakeRequest& request, const std::string& correlation);
FakeResponse list_deal_pipelines(const FakeHubSpotStore& store);
FakeResponse batch_read_associations(const FakeHubSpotStore& store, HubSpotObjectType from, HubSpotObjectType to,
                                     const FakeRequest& request, const std::string& correlation);

}  // namespace sellerscore::fakes
