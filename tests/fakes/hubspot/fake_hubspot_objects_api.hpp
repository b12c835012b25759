// /crm/v3/objects/{type}: list (cursor paging, properties, associations, archived), read one,
// batch/read, search and batch/update, with HubSpot's limits and multi-status answers.
#pragma once

#include <string>

#include "fake_hubspot_object_type.hpp"
#include "fake_hubspot_store.hpp"
#include "tests/fakes/fake_exchange.hpp"

namespace sellerscore::fakes {

FakeResponse list_objects(const FakeHubSpotStore& store, HubSpotObjectType type, const FakeRequest& request,
                          const std::string& correlation);
FakeResponse read_object(const FakeHubSpotStore& store, HubSpotObjectType type, const std::string& id,
                         const FakeRequest& request, const std::string& correlation);
FakeResponse batch_read_objects(const FakeHubSpotStore& store, HubSpotObjectType type, const FakeRequest& request,
                                const std::string& correlation);
FakeResponse search_objects(const FakeHubSpotStore& store, HubSpotObjectType type, const FakeRequest& request,
                            const std::string& correlation);
FakeResponse batch_update_objects(FakeHubSpotStore& store, HubSpotObjectType type, const FakeRequest& request,
                                  const std::string& correlation);

}  // namespace sellerscore::fakes
