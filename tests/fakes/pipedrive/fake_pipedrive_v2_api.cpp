#include "fake_pipedrive_v2_api.hpp"

#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <variant>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "fake_pipedrive_entity_json.hpp"
#include "fake_pipedrive_paging.hpp"
#include "fake_pipedrive_record_edit.hpp"
#include "fake_pipedrive_response.hpp"
#include "fake_pipedrive_time.hpp"

namespace sellerscore::fakes::pipedrive {
namespace {

using Query = std::map<std::string, std::string>;

constexpr std::size_t max_ids = 100;
constexpr std::size_t max_custom_field_keys = 15;

std::optional<std::string> unknown_parameter(const Query& query, std::initializer_list<std::string_view> allowed) {
    for (const auto& [name, value] : query)
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
            return name + ": Parameter '" + name + "' is not allowed for this request";
    return std::nullopt;
}

std::vector<std::string> split_csv(const std::string& text) {
    std::vector<std::string> parts;
    std::size_t from = 0;
    while (from <= text.size()) {
        const std::size_t comma = text.find(',', from);
        parts.push_back(text.substr(from, comma == std::string::npos ? std::string::npos : comma - from));
        if (comma == std::string::npos) break;
        from = comma + 1;
    }
    return parts;
}

// The list filters v2 endpoints share; each is present only when the query names it.
struct Filters {
    std::optional<std::int64_t> owner_id, person_id, org_id, pipeline_id, stage_id, deal_id;
    std::optional<std::int64_t> updated_since, updated_until;
    std::vector<std::int64_t> ids;
    std::vector<std::string> statuses{"open", "won", "lost"};
    std::optional<bool> done;
    std::vector<std::string> custom_field_codes;

    template <class Record>
    bool accepts_times_and_ids(const Record& record) const {
        if (updated_since && record.update_time < *updated_since) return false;
        if (updated_until && record.update_time >= *updated_until) return false;
        if (!ids.empty() && std::find(ids.begin(), ids.end(), record.id) == ids.end()) return false;
        return true;
    }
};

bool matches(const std::optional<std::int64_t>& wanted, const std::optional<std::int64_t>& actual) {
    return !wanted || actual == wanted;
}

std::variant<Filters, std::string> read_filters(const Query& query) {
    Filters filters;
    const std::pair<const char*, std::optional<std::int64_t> Filters::*> integer_params[] = {
        {"owner_id", &Filters::owner_id},       {"person_id", &Filters::person_id}, {"org_id", &Filters::org_id},
        {"pipeline_id", &Filters::pipeline_id}, {"stage_id", &Filters::stage_id},   {"deal_id", &Filters::deal_id}};
    for (const auto& [name, member] : integer_params) {
        const auto found = query.find(name);
        if (found == query.end()) continue;
        const auto value = parse_integer(found->second);
        if (!value) return std::string(name) + ": Parameter '" + name + "' must be an integer";
        filters.*member = value;
    }
    const std::pair<const char*, std::optional<std::int64_t> Filters::*> time_params[] = {
        {"updated_since", &Filters::updated_since}, {"updated_until", &Filters::updated_until}};
    for (const auto& [name, member] : time_params) {
        const auto found = query.find(name);
        if (found == query.end()) continue;
        const auto value = parse_v2_time(found->second);
        if (!value)
            return std::string(name) + ": Parameter '" + name +
                   "' must be an RFC 3339 date-time without fractional seconds, e.g. 2025-01-01T10:20:00Z";
        filters.*member = value;
    }
    if (const auto found = query.find("ids"); found != query.end()) {
        for (const std::string& part : split_csv(found->second)) {
            const auto id = parse_integer(part);
            if (!id) return std::string("ids: Parameter 'ids' must be a comma-separated list of integers");
            filters.ids.push_back(*id);
        }
        if (filters.ids.size() > max_ids) return std::string("ids: Parameter 'ids' accepts at most 100 ids");
    }
    if (const auto found = query.find("status"); found != query.end()) {
        filters.statuses = split_csv(found->second);
        for (const std::string& status : filters.statuses)
            if (status != "open" && status != "won" && status != "lost" && status != "deleted")
                return std::string("status: Parameter 'status' must be a comma-separated list of: open, won, lost, deleted");
    }
    if (const auto found = query.find("done"); found != query.end()) {
        if (found->second != "true" && found->second != "false")
            return std::string("done: Parameter 'done' must be a boolean (true or false)");
        filters.done = found->second == "true";
    }
    if (const auto found = query.find("custom_fields"); found != query.end()) {
        filters.custom_field_codes = split_csv(found->second);
        if (filters.custom_field_codes.size() > max_custom_field_keys)
            return std::string("custom_fields: Parameter 'custom_fields' accepts at most 15 keys");
    }
    return filters;
}

// A v2 list: the table's records that pass `accept`, sorted by the request's sort key, one page.
template <class Record, class Accept, class SortKey, class Render>
FakeResponse list_page(const std::vector<Record>& table, const V2PageRequest& page_request, Accept accept,
                       SortKey sort_key, Render render) {
    std::vector<SortableItem> items;
    for (std::size_t i = 0; i < table.size(); ++i)
        if (accept(table[i])) items.push_back({sort_key(table[i]), table[i].id, i});
    auto cut = cut_v2_page(std::move(items), page_request);
    if (auto* problem = std::get_if<std::string>(&cut)) return validation_error(*problem);
    const V2Page& page = std::get<V2Page>(cut);
    boost::json::array data;
    data.reserve(page.indices.size());
    for (std::size_t index : page.indices) data.push_back(render(table[index]));
    return success_response(std::move(data), v2_additional_data(page));
}

// Reads paging and filters after checking that only `allowed` parameters were sent.
struct ListRequest {
    V2PageRequest page;
    Filters filters;
};

std::variant<ListRequest, FakeResponse> read_list_request(const Query& query,
                                                          std::initializer_list<std::string_view> allowed,
                                                          const std::vector<std::string>& sort_keys) {
    if (auto problem = unknown_parameter(query, allowed)) return validation_error(*problem);
    auto page = read_v2_page_request(query, sort_keys);
    if (auto* problem = std::get_if<std::string>(&page)) return validation_error(*problem);
    auto filters = read_filters(query);
    if (auto* problem = std::get_if<std::string>(&filters)) return validation_error(*problem);
    return ListRequest{std::get<V2PageRequest>(page), std::get<Filters>(filters)};
}

template <class Record>
std::int64_t common_sort_key(const Record& record, const std::string& sort_by) {
    if (sort_by == "update_time") return record.update_time;
    if (sort_by == "add_time") return record.add_time;
    return record.id;
}

CustomFieldSelection selection(const Store& store, ObjectKind kind, const Filters& filters) {
    return CustomFieldSelection{&store.catalog.fields(kind), filters.custom_field_codes};
}

FakeResponse list_deals(const Query& query, const Store& store, bool archived) {
    auto read = read_list_request(query,
                                  {"limit", "cursor", "sort_by", "sort_direction", "owner_id", "person_id", "org_id",
                                   "pipeline_id", "stage_id", "status", "updated_since", "updated_until", "ids",
                                   "custom_fields", "include_fields", "include_option_labels"},
                                  {"id", "update_time", "add_time"});
    if (auto* response = std::get_if<FakeResponse>(&read)) return *response;
    const ListRequest& list = std::get<ListRequest>(read);
    const Filters& f = list.filters;
    const CustomFieldSelection custom = selection(store, ObjectKind::deal, f);
    return list_page(
        store.deals, list.page,
        [&](const DealRecord& deal) {
            return deal.is_archived == archived &&
                   std::find(f.statuses.begin(), f.statuses.end(), deal.status) != f.statuses.end() &&
                   matches(f.owner_id, deal.owner_id) && matches(f.person_id, deal.person_id) &&
                   matches(f.org_id, deal.org_id) && matches(f.pipeline_id, deal.pipeline_id) &&
                   matches(f.stage_id, deal.stage_id) && f.accepts_times_and_ids(deal);
        },
        [&](const DealRecord& deal) { return common_sort_key(deal, list.page.sort_by); },
        [&](const DealRecord& deal) { return deal_json(deal, custom); });
}

FakeResponse list_persons(const Query& query, const Store& store) {
    auto read = read_list_request(query,
                                  {"limit", "cursor", "sort_by", "sort_direction", "owner_id", "org_id",
                                   "updated_since", "updated_until", "ids", "custom_fields", "include_fields"},
                                  {"id", "update_time", "add_time"});
    if (auto* response = std::get_if<FakeResponse>(&read)) return *response;
    const ListRequest& list = std::get<ListRequest>(read);
    const Filters& f = list.filters;
    const CustomFieldSelection custom = selection(store, ObjectKind::person, f);
    return list_page(
        store.persons, list.page,
        [&](const PersonRecord& person) {
            return matches(f.owner_id, person.owner_id) && matches(f.org_id, person.org_id) &&
                   f.accepts_times_and_ids(person);
        },
        [&](const PersonRecord& person) { return common_sort_key(person, list.page.sort_by); },
        [&](const PersonRecord& person) { return person_json(person, custom); });
}

FakeResponse list_organizations(const Query& query, const Store& store) {
    auto read = read_list_request(query,
                                  {"limit", "cursor", "sort_by", "sort_direction", "owner_id", "updated_since",
                                   "updated_until", "ids", "custom_fields", "include_fields"},
                                  {"id", "update_time", "add_time"});
    if (auto* response = std::get_if<FakeResponse>(&read)) return *response;
    const ListRequest& list = std::get<ListRequest>(read);
    const Filters& f = list.filters;
    const CustomFieldSelection custom = selection(store, ObjectKind::organization, f);
    return list_page(
        store.organizations, list.page,
        [&](const OrganizationRecord& organization) {
            return matches(f.owner_id, organization.owner_id) && f.accepts_times_and_ids(organization);
        },
        [&](const OrganizationRecord& organization) { return common_sort_key(organization, list.page.sort_by); },
        [&](const OrganizationRecord& organization) { return organization_json(organization, custom); });
}

FakeResponse list_activities(const Query& query, const Store& store) {
    auto read = read_list_request(query,
                                  {"limit", "cursor", "sort_by", "sort_direction", "owner_id", "deal_id", "person_id",
                                   "org_id", "done", "updated_since", "updated_until", "ids", "include_fields"},
                                  {"id", "update_time", "add_time", "due_date"});
    if (auto* response = std::get_if<FakeResponse>(&read)) return *response;
    const ListRequest& list = std::get<ListRequest>(read);
    const Filters& f = list.filters;
    return list_page(
        store.activities, list.page,
        [&](const ActivityRecord& activity) {
            return (!f.done || activity.done == *f.done) && matches(f.owner_id, activity.owner_id) &&
                   matches(f.deal_id, activity.deal_id) && matches(f.person_id, activity.person_id) &&
                   matches(f.org_id, activity.org_id) && f.accepts_times_and_ids(activity);
        },
        [&](const ActivityRecord& activity) {
            return list.page.sort_by == "due_date" ? activity.due : common_sort_key(activity, list.page.sort_by);
        },
        [](const ActivityRecord& activity) { return activity_json(activity); });
}

FakeResponse list_pipelines(const Query& query, const Store& store) {
    auto read = read_list_request(query, {"limit", "cursor", "sort_by", "sort_direction"},
                                  {"id", "update_time", "add_time"});
    if (auto* response = std::get_if<FakeResponse>(&read)) return *response;
    const ListRequest& list = std::get<ListRequest>(read);
    return list_page(
        store.pipelines, list.page, [](const Pipeline&) { return true; },
        [&](const Pipeline& pipeline) { return common_sort_key(pipeline, list.page.sort_by); },
        [](const Pipeline& pipeline) { return pipeline_json(pipeline); });
}

FakeResponse list_stages(const Query& query, const Store& store) {
    auto read = read_list_request(query, {"pipeline_id", "limit", "cursor", "sort_by", "sort_direction"},
                                  {"id", "update_time", "add_time", "order_nr"});
    if (auto* response = std::get_if<FakeResponse>(&read)) return *response;
    const ListRequest& list = std::get<ListRequest>(read);
    return list_page(
        store.stages, list.page,
        [&](const PipelineStage& stage) { return matches(list.filters.pipeline_id, stage.pipeline_id); },
        [&](const PipelineStage& stage) {
            return list.page.sort_by == "order_nr" ? stage.order_nr : common_sort_key(stage, list.page.sort_by);
        },
        [](const PipelineStage& stage) { return stage_json(stage); });
}

FakeResponse get_object(const Route& route, const Query& query, const Store& store) {
    if (auto problem = unknown_parameter(query, {"custom_fields", "include_fields", "include_option_labels"}))
        return validation_error(*problem);
    auto filters = read_filters(query);
    if (auto* problem = std::get_if<std::string>(&filters)) return validation_error(*problem);
    const CustomFieldSelection custom = selection(store, route.kind, std::get<Filters>(filters));
    switch (route.kind) {
        case ObjectKind::deal:
            if (const DealRecord* deal = find_by_id(store.deals, route.id)) return success_response(deal_json(*deal, custom));
            return error_response(404, "Deal not found");
        case ObjectKind::person:
            if (const PersonRecord* person = find_by_id(store.persons, route.id))
                return success_response(person_json(*person, custom));
            return error_response(404, "Person not found");
        case ObjectKind::organization:
            if (const OrganizationRecord* organization = find_by_id(store.organizations, route.id))
                return success_response(organization_json(*organization, custom));
            return error_response(404, "Organization not found");
    }
    return error_response(404, "Not found");
}

FakeResponse update_object(const Route& route, const FakeRequest& request, Store& store, WriteLog& writes,
                           std::int64_t now, std::int64_t acting_user_id) {
    boost::system::error_code parse_error;
    const boost::json::value body = boost::json::parse(request.body, parse_error);
    if (parse_error || !body.is_object()) return validation_error("body: Expected a JSON object");
    const EditResult result = edit_record(store, route.kind, route.id, body.get_object(), now, acting_user_id, &writes);
    if (result.outcome == EditOutcome::invalid) return validation_error(result.detail);
    if (result.outcome == EditOutcome::not_found) return error_response(404, result.detail);
    return get_object(route, {}, store);
}

FakeResponse list_fields(const Route& route, const Query& query, const Store& store) {
    if (auto problem = unknown_parameter(query, {"limit", "cursor"})) return validation_error(*problem);
    auto page_request = read_v2_page_request(query, {"id"});
    if (auto* problem = std::get_if<std::string>(&page_request)) return validation_error(*problem);
    // Fields have no numeric id; their position in the catalog orders them.
    const std::vector<FakePipedriveField>& fields = store.catalog.fields(route.kind);
    std::vector<SortableItem> items;
    for (std::size_t i = 0; i < fields.size(); ++i)
        items.push_back({static_cast<std::int64_t>(i), static_cast<std::int64_t>(i), i});
    auto cut = cut_v2_page(std::move(items), std::get<V2PageRequest>(page_request));
    if (auto* problem = std::get_if<std::string>(&cut)) return validation_error(*problem);
    const V2Page& page = std::get<V2Page>(cut);
    boost::json::array data;
    for (std::size_t index : page.indices) data.push_back(FieldCatalog::to_json(fields[index]));
    return success_response(std::move(data), v2_additional_data(page));
}

FakeResponse create_field(const Route& route, const FakeRequest& request, Store& store) {
    boost::system::error_code parse_error;
    const boost::json::value body = boost::json::parse(request.body, parse_error);
    if (parse_error) return validation_error("body: Expected a JSON object");
    auto created = store.catalog.create(route.kind, body);
    if (auto* problem = std::get_if<std::string>(&created)) return validation_error(*problem);
    return success_response(FieldCatalog::to_json(std::get<FakePipedriveField>(created)));
}

FakeResponse get_field(const Route& route, const Store& store) {
    const FakePipedriveField* field = store.catalog.find_by_code(route.kind, route.field_code);
    if (!field) return error_response(404, "Field not found");
    return success_response(FieldCatalog::to_json(*field));
}

FakeResponse delete_field(const Route& route, Store& store) {
    const FakePipedriveField* field = store.catalog.find_by_code(route.kind, route.field_code);
    if (!field) return error_response(404, "Field not found");
    if (!field->is_custom_field) return error_response(400, "System fields cannot be deleted");
    const std::string code = field->field_code;
    store.catalog.remove(route.kind, code);
    // A deleted field's values go with it.
    auto erase_values = [&](auto& table) {
        for (auto& record : table) record.custom.erase(code);
    };
    if (route.kind == ObjectKind::deal) erase_values(store.deals);
    if (route.kind == ObjectKind::person) erase_values(store.persons);
    if (route.kind == ObjectKind::organization) erase_values(store.organizations);
    boost::json::object data;
    data["field_code"] = code;
    return success_response(std::move(data));
}

}  // namespace

FakeResponse handle_v2(const Route& route, const FakeRequest& request, Store& store, WriteLog& writes,
                       std::int64_t now, std::int64_t acting_user_id) {
    switch (route.endpoint) {
        case Endpoint::v2_pipelines: return list_pipelines(request.query, store);
        case Endpoint::v2_stages: return list_stages(request.query, store);
        case Endpoint::v2_deals: return list_deals(request.query, store, false);
        case Endpoint::v2_deals_archived: return list_deals(request.query, store, true);
        case Endpoint::v2_persons: return list_persons(request.query, store);
        case Endpoint::v2_organizations: return list_organizations(request.query, store);
        case Endpoint::v2_activities: return list_activities(request.query, store);
        case Endpoint::v2_object_get: return get_object(route, request.query, store);
        case Endpoint::v2_object_update: return update_object(route, request, store, writes, now, acting_user_id);
        case Endpoint::v2_fields_list: return list_fields(route, request.query, store);
        case Endpoint::v2_field_get: return get_field(route, store);
        case Endpoint::v2_field_create: return create_field(route, request, store);
        case Endpoint::v2_field_delete: return delete_field(route, store);
        default: return error_response(404, "Not found");
    }
}

}  // namespace sellerscore::fakes::pipedrive
