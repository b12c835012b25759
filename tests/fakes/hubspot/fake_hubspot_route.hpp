// Which endpoint a request addresses, and its route template for request counts
// ("POST /crm/v3/objects/deals/batch/update", "GET /crm/v3/properties/deals/{propertyName}").
#pragma once

#include <optional>
#include <string>

#include "fake_hubspot_object_type.hpp"
#include "tests/fakes/fake_exchange.hpp"

namespace sellerscore::fakes {

enum class FakeHubSpotEndpoint {
    unknown,
    oauth_token,
    list_objects,
    read_object,
    batch_read_objects,
    search_objects,
    batch_update_objects,
    list_properties,
    create_property,
    read_property,
    delete_property,
    list_property_groups,
    create_property_group,
    list_owners,
    list_deal_pipelines,
    batch_read_associations,
};

struct FakeHubSpotRoute {
    FakeHubSpotEndpoint endpoint = FakeHubSpotEndpoint::unknown;
    std::string template_name;  // "METHOD /path/with/{placeholders}"
    std::optional<HubSpotObjectType> type;     // the object type of the path
    std::optional<HubSpotObjectType> to_type;  // v4 associations: the "to" type
    std::string name;                          // object id or property name of the path
    bool path_known = false;                   // the path exists (for 405 versus 404)
    bool type_known = true;                    // the path's object type is one the fake serves
};

FakeHubSpotRoute match_route(const FakeRequest& request);

}  // namespace sellerscore::fakes
