// /crm/v3/properties/{objectType}: list, read, create (HubSpot's name and type/fieldType rules,
// 409 for an existing name), delete, and property groups.
#pragma once

#include <string>

#include <boost/json/object.hpp>

#include "fake_hubspot_store.hpp"
#include "tests/fakes/fake_exchange.hpp"

namespace sellerscore::fakes {

FakeResponse list_properties(const FakeHubSpotStore& store, HubSpotObjectType type);
FakeResponse read_property(const FakeHubSpotStore& store, HubSpotObjectType type, const std::string& name,
                           const std::string& correlation);
FakeResponse create_property(FakeHubSpotStore& store, HubSpotObjectType type, const FakeRequest& request,
                             const std::string& correlation);
FakeResponse delete_property(FakeHubSpotStore& store, HubSpotObjectType type, const std::string& name,
                             const std::string& correlation);
FakeResponse list_property_groups(const FakeHubSpotStore& store, HubSpotObjectType type);
FakeResponse create_property_group(FakeHubSpotStore& store, HubSpotObjectType type, const FakeRequest& request,
                                   const std::string& correlation);

boost::json::object property_json(const FakeHubSpotProperty& property);

}  // namespace sellerscore::fakes
