#include "fake_hubspot_route.hpp"

#include <string_view>
#include <vector>

#include "tests/fakes/path_segments.hpp"

namespace sellerscore::fakes {

FakeHubSpotRoute match_route(const FakeRequest& request) {
    FakeHubSpotRoute route;
    const std::string& method = request.method;
    const std::vector<std::string> s = path_segments(request.path);
    const std::size_t n = s.size();
    auto set = [&](FakeHubSpotEndpoint endpoint, std::string path_template, const std::string& wanted_method) {
        route.path_known = true;
        route.template_name = method + " " + path_template;
        if (method == wanted_method) route.endpoint = endpoint;
    };
    auto typed = [&](const std::string& name) {
        route.type = parse_object_type(name);
        route.type_known = route.type.has_value();
    };

    if (n == 3 && s[0] == "oauth" && s[1] == "v1" && s[2] == "token") {
        set(FakeHubSpotEndpoint::oauth_token, "/oauth/v1/token", "POST");
    } else if (n >= 4 && s[0] == "crm" && s[1] == "v3" && s[2] == "objects") {
        typed(s[3]);
        const std::string base = "/crm/v3/objects/" + s[3];
        if (n == 4) {
            set(FakeHubSpotEndpoint::list_objects, base, "GET");
        } else if (n == 5 && s[4] == "search") {
            set(FakeHubSpotEndpoint::search_objects, base + "/search", "POST");
        } else if (n == 6 && s[4] == "batch" && s[5] == "read") {
            set(FakeHubSpotEndpoint::batch_read_objects, base + "/batch/read", "POST");
        } else if (n == 6 && s[4] == "batch" && s[5] == "update") {
            set(FakeHubSpotEndpoint::batch_update_objects, base + "/batch/update", "POST");
        } else if (n == 5) {
            route.name = s[4];
            set(FakeHubSpotEndpoint::read_object, base + "/{objectId}", "GET");
        }
    } else if (n >= 4 && s[0] == "crm" && s[1] == "v3" && s[2] == "properties") {
        typed(s[3]);
        const std::string base = "/crm/v3/properties/" + s[3];
        if (n == 4) {
            set(method == "POST" ? FakeHubSpotEndpoint::create_property : FakeHubSpotEndpoint::list_properties, base,
                method == "POST" ? "POST" : "GET");
        } else if (n == 5 && s[4] == "groups") {
            set(method == "POST" ? FakeHubSpotEndpoint::create_property_group : FakeHubSpotEndpoint::list_property_groups,
                base + "/groups", method == "POST" ? "POST" : "GET");
        } else if (n == 5) {
            route.name = s[4];
            set(method == "DELETE" ? FakeHubSpotEndpoint::delete_property : FakeHubSpotEndpoint::read_property,
                base + "/{propertyName}", method == "DELETE" ? "DELETE" : "GET");
        }
    } else if (n == 3 && s[0] == "crm" && s[1] == "v3" && s[2] == "owners") {
        set(FakeHubSpotEndpoint::list_owners, "/crm/v3/owners", "GET");
    } else if (n == 4 && s[0] == "crm" && s[1] == "v3" && s[2] == "pipelines") {
        typed(s[3]);
        // Only deal pipelines exist in this fake.
        route.type_known = route.type == HubSpotObjectType::deals;
        set(FakeHubSpotEndpoint::list_deal_pipelines, "/crm/v3/pipelines/" + s[3], "GET");
    } else if (n == 7 && s[0] == "crm" && s[1] == "v4" && s[2] == "associations" && s[5] == "batch" && s[6] == "read") {
        route.type = parse_object_type(s[3]);
        route.to_type = parse_object_type(s[4]);
        route.type_known = route.type.has_value() && route.to_type.has_value();
        set(FakeHubSpotEndpoint::batch_read_associations, "/crm/v4/associations/" + s[3] + "/" + s[4] + "/batch/read", "POST");
    }
    if (!route.path_known) route.template_name = method + " " + request.path;
    return route;
}

}  // namespace sellerscore::fakes
