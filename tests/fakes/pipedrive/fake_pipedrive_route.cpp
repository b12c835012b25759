#include "fake_pipedrive_route.hpp"

#include <string_view>
#include <vector>

#include "fake_pipedrive_paging.hpp"

namespace sellerscore::fakes::pipedrive {
namespace {

constexpr int v2_list = 10, v2_get = 1, v2_write = 5, v2_delete = 3;
constexpr int v1_list = 20, v1_get = 2, v1_changelog = 20, v1_flow = 40;

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> segments;
    std::size_t from = 0;
    while (from <= path.size()) {
        const std::size_t slash = path.find('/', from);
        const std::size_t end = slash == std::string::npos ? path.size() : slash;
        if (end > from) segments.push_back(path.substr(from, end - from));
        if (slash == std::string::npos) break;
        from = slash + 1;
    }
    return segments;
}

Route route(Endpoint endpoint, const std::string& method, const std::string& template_path, int cost) {
    return Route{endpoint, method + " " + template_path, cost, ObjectKind::deal, 0, {}};
}

std::optional<Route> v1_route(const std::string& method, const std::vector<std::string>& s) {
    if (method != "GET") return std::nullopt;
    if (s.size() == 3) {
        if (s[2] == "users") return route(Endpoint::v1_users, method, "/api/v1/users", v1_list);
        if (s[2] == "leads") return route(Endpoint::v1_leads, method, "/api/v1/leads", v1_list);
        if (s[2] == "notes") return route(Endpoint::v1_notes, method, "/api/v1/notes", v1_list);
        if (s[2] == "callLogs") return route(Endpoint::v1_call_logs, method, "/api/v1/callLogs", v1_list);
        if (s[2] == "activityTypes") return route(Endpoint::v1_activity_types, method, "/api/v1/activityTypes", v1_list);
    }
    if (s.size() == 4 && s[2] == "users" && s[3] == "me")
        return route(Endpoint::v1_users_me, method, "/api/v1/users/me", v1_get);
    if (s.size() == 5 && s[2] == "deals") {
        const auto id = parse_integer(s[3]);
        if (!id) return std::nullopt;
        std::optional<Route> found;
        if (s[4] == "changelog")
            found = route(Endpoint::v1_deal_changelog, method, "/api/v1/deals/{id}/changelog", v1_changelog);
        if (s[4] == "flow") found = route(Endpoint::v1_deal_flow, method, "/api/v1/deals/{id}/flow", v1_flow);
        if (found) found->id = *id;
        return found;
    }
    return std::nullopt;
}

std::optional<Route> v2_route(const std::string& method, const std::vector<std::string>& s) {
    if (s.size() == 3 && method == "GET") {
        if (s[2] == "pipelines") return route(Endpoint::v2_pipelines, method, "/api/v2/pipelines", v2_list);
        if (s[2] == "stages") return route(Endpoint::v2_stages, method, "/api/v2/stages", v2_list);
        if (s[2] == "deals") return route(Endpoint::v2_deals, method, "/api/v2/deals", v2_list);
        if (s[2] == "persons") return route(Endpoint::v2_persons, method, "/api/v2/persons", v2_list);
        if (s[2] == "organizations") return route(Endpoint::v2_organizations, method, "/api/v2/organizations", v2_list);
        if (s[2] == "activities") return route(Endpoint::v2_activities, method, "/api/v2/activities", v2_list);
    }
    if (s.size() == 4 && method == "GET" && s[2] == "deals" && s[3] == "archived")
        return route(Endpoint::v2_deals_archived, method, "/api/v2/deals/archived", v2_list);

    if (const auto kind = object_kind_from_fields_path(s.size() >= 3 ? s[2] : std::string())) {
        const std::string base = "/api/v2/" + s[2];
        std::optional<Route> found;
        if (s.size() == 3 && method == "GET") found = route(Endpoint::v2_fields_list, method, base, v2_list);
        if (s.size() == 3 && method == "POST") found = route(Endpoint::v2_field_create, method, base, v2_write);
        if (s.size() == 4 && method == "GET")
            found = route(Endpoint::v2_field_get, method, base + "/{field_code}", v2_get);
        if (s.size() == 4 && method == "DELETE")
            found = route(Endpoint::v2_field_delete, method, base + "/{field_code}", v2_delete);
        if (found) {
            found->kind = *kind;
            if (s.size() == 4) found->field_code = s[3];
        }
        return found;
    }
    if (s.size() == 4) {
        const auto kind = object_kind_from_plural(s[2]);
        const auto id = parse_integer(s[3]);
        if (!kind || !id) return std::nullopt;
        const std::string template_path = "/api/v2/" + s[2] + "/{id}";
        std::optional<Route> found;
        if (method == "GET") found = route(Endpoint::v2_object_get, method, template_path, v2_get);
        if (method == "PATCH") found = route(Endpoint::v2_object_update, method, template_path, v2_write);
        if (found) {
            found->kind = *kind;
            found->id = *id;
        }
        return found;
    }
    return std::nullopt;
}

}  // namespace

std::optional<Route> find_route(const std::string& method, const std::string& path) {
    if (path == "/oauth/token" && method == "POST") return route(Endpoint::oauth_token, method, "/oauth/token", 0);
    const std::vector<std::string> segments = split_path(path);
    if (segments.size() < 3 || segments[0] != "api") return std::nullopt;
    if (segments[1] == "v1") return v1_route(method, segments);
    if (segments[1] == "v2") return v2_route(method, segments);
    return std::nullopt;
}

}  // namespace sellerscore::fakes::pipedrive
