// Which endpoint a request addresses, its route template for the counters ("GET /api/v2/deals/{id}")
// and its token cost (pipedrive_mapping.md's table: v2 list 10, get 1, create/update 5, delete 3;
// v1 list 20, get 2, changelog 20, flow 40; OAuth 0).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "fake_pipedrive_object_kind.hpp"

namespace sellerscore::fakes::pipedrive {

enum class Endpoint {
    oauth_token,
    v1_users,
    v1_users_me,
    v1_leads,
    v1_notes,
    v1_activity_types,
    v1_call_logs,
    v1_deal_changelog,
    v1_deal_flow,
    v2_pipelines,
    v2_stages,
    v2_deals,
    v2_deals_archived,
    v2_persons,
    v2_organizations,
    v2_activities,
    v2_object_get,     // GET /api/v2/{deals,persons,organizations}/{id}
    v2_object_update,  // PATCH /api/v2/{deals,persons,organizations}/{id}
    v2_fields_list,
    v2_field_get,
    v2_field_create,
    v2_field_delete,
};

struct Route {
    Endpoint endpoint;
    std::string name;  // "METHOD template"
    int token_cost = 0;
    ObjectKind kind = ObjectKind::deal;  // for object and field endpoints
    std::int64_t id = 0;                 // {id}
    std::string field_code;              // {field_code}
};

// nullopt for a path or method the API does not have.
std::optional<Route> find_route(const std::string& method, const std::string& path);

}  // namespace sellerscore::fakes::pipedrive
