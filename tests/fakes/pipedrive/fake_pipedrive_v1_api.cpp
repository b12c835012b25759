#include "fake_pipedrive_v1_api.hpp"

#include <algorithm>
#include <variant>

#include <boost/json/array.hpp>

#include "fake_pipedrive_base64.hpp"
#include "fake_pipedrive_entity_json.hpp"
#include "fake_pipedrive_paging.hpp"
#include "fake_pipedrive_response.hpp"
#include "fake_pipedrive_time.hpp"

namespace sellerscore::fakes::pipedrive {
namespace {

using Query = std::map<std::string, std::string>;

// One start/limit page of `total` items rendered by `render(position)`; v1 answers an empty list
// with "data": null.
template <class Render>
FakeResponse v1_page(const Query& query, std::size_t total, Render render) {
    auto read = read_v1_page_request(query);
    if (auto* problem = std::get_if<std::string>(&read)) return error_response(400, *problem);
    const V1PageRequest& request = std::get<V1PageRequest>(read);
    boost::json::array data;
    for (std::size_t i = static_cast<std::size_t>(request.start);
         i < total && data.size() < static_cast<std::size_t>(request.limit); ++i)
        data.push_back(render(i));
    const std::size_t returned = data.size();
    boost::json::value data_value = data.empty() ? boost::json::value(nullptr) : boost::json::value(std::move(data));
    return success_response(std::move(data_value), v1_additional_data(request, returned, total));
}

std::optional<std::int64_t> integer_param(const Query& query, const char* name, bool& bad) {
    const auto found = query.find(name);
    if (found == query.end()) return std::nullopt;
    const auto value = parse_integer(found->second);
    if (!value) bad = true;
    return value;
}

// GET /v1/notes `sort`: "field ASC|DESC" terms separated by commas, over the documented fields.
struct NoteSort {
    std::string field;
    bool descending = false;
};

std::optional<std::vector<NoteSort>> read_note_sort(const std::string& text) {
    static const std::vector<std::string> fields{"id", "user_id", "deal_id", "person_id", "org_id", "content",
                                                 "add_time", "update_time"};
    std::vector<NoteSort> terms;
    std::size_t from = 0;
    while (from <= text.size()) {
        const std::size_t comma = text.find(',', from);
        std::string term = text.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
        while (!term.empty() && term.front() == ' ') term.erase(term.begin());
        const std::size_t space = term.find(' ');
        NoteSort sort{term.substr(0, space), false};
        if (space != std::string::npos) {
            const std::string direction = term.substr(space + 1);
            if (direction != "ASC" && direction != "DESC" && direction != "asc" && direction != "desc") return std::nullopt;
            sort.descending = direction == "DESC" || direction == "desc";
        }
        if (std::find(fields.begin(), fields.end(), sort.field) == fields.end()) return std::nullopt;
        terms.push_back(std::move(sort));
        if (comma == std::string::npos) break;
        from = comma + 1;
    }
    return terms;
}

std::int64_t note_sort_key(const NoteRecord& note, const std::string& field) {
    if (field == "user_id") return note.user_id;
    if (field == "deal_id") return note.deal_id.value_or(0);
    if (field == "person_id") return note.person_id.value_or(0);
    if (field == "org_id") return note.org_id.value_or(0);
    if (field == "add_time") return note.add_time;
    if (field == "update_time") return note.update_time;
    return note.id;
}

FakeResponse list_notes(const Query& query, const Store& store) {
    bool bad = false;
    const auto deal_id = integer_param(query, "deal_id", bad);
    const auto person_id = integer_param(query, "person_id", bad);
    const auto user_id = integer_param(query, "user_id", bad);
    if (bad) return error_response(400, "deal_id, person_id and user_id must be integers");
    // Documented as RFC 3339 ("2025-01-01T10:20:00Z"), inclusive; v1's own "YYYY-MM-DD HH:MM:SS" is refused.
    std::optional<std::int64_t> updated_since;
    if (const auto found = query.find("updated_since"); found != query.end()) {
        updated_since = parse_v2_time(found->second);
        if (!updated_since)
            return error_response(400, "updated_since must be in RFC3339 format, e.g. 2025-01-01T10:20:00Z");
    }
    std::vector<NoteSort> sort;
    if (const auto found = query.find("sort"); found != query.end()) {
        auto terms = read_note_sort(found->second);
        if (!terms)
            return error_response(400, "sort must be field names with ASC or DESC separated by commas; supported fields: "
                                       "id, user_id, deal_id, person_id, org_id, content, add_time, update_time");
        sort = std::move(*terms);
    }
    std::vector<const NoteRecord*> notes;
    for (const NoteRecord& note : store.notes)
        if ((!deal_id || note.deal_id == deal_id) && (!person_id || note.person_id == person_id) &&
            (!user_id || note.user_id == *user_id) && (!updated_since || note.update_time >= *updated_since))
            notes.push_back(&note);
    std::stable_sort(notes.begin(), notes.end(), [&](const NoteRecord* a, const NoteRecord* b) {
        for (const NoteSort& term : sort) {
            if (term.field == "content") {
                if (a->content != b->content) return term.descending ? a->content > b->content : a->content < b->content;
                continue;
            }
            const std::int64_t ka = note_sort_key(*a, term.field);
            const std::int64_t kb = note_sort_key(*b, term.field);
            if (ka != kb) return term.descending ? ka > kb : ka < kb;
        }
        return false;
    });
    return v1_page(query, notes.size(), [&](std::size_t i) {
        return note_json(*notes[i], find_by_id(store.users, notes[i]->user_id));
    });
}

// GET /v1/callLogs: the call logs assigned to the user the request is authorised as, start/limit
// paging with at most 50 to a page.
FakeResponse list_call_logs(const Query& query, const Store& store, std::int64_t acting_user_id) {
    constexpr std::int64_t max_call_logs_limit = 50;
    Query paging = query;
    if (const auto limit = query.find("limit"); limit != query.end()) {
        const auto value = parse_integer(limit->second);
        if (!value || *value < 1 || *value > max_call_logs_limit)
            return error_response(400, "limit must be an integer between 1 and 50");
    } else {
        paging["limit"] = std::to_string(max_call_logs_limit);
    }
    std::vector<const CallLogRecord*> logs;
    for (const CallLogRecord& log : store.call_logs)
        if (log.user_id == acting_user_id) logs.push_back(&log);
    return v1_page(paging, logs.size(), [&](std::size_t i) { return call_log_json(*logs[i]); });
}

FakeResponse list_leads(const Query& query, const Store& store) {
    bool bad = false;
    const auto owner_id = integer_param(query, "owner_id", bad);
    const auto person_id = integer_param(query, "person_id", bad);
    if (bad) return error_response(400, "owner_id and person_id must be integers");
    const auto archived_status = query.find("archived_status");
    const std::string archived = archived_status == query.end() ? "not_archived" : archived_status->second;
    if (archived != "archived" && archived != "not_archived" && archived != "all")
        return error_response(400, "archived_status must be one of: archived, not_archived, all");
    std::vector<const LeadRecord*> leads;
    for (const LeadRecord& lead : store.leads)
        if ((!owner_id || lead.owner_id == *owner_id) && (!person_id || lead.person_id == person_id) &&
            (archived == "all" || lead.is_archived == (archived == "archived")))
            leads.push_back(&lead);
    return v1_page(query, leads.size(), [&](std::size_t i) { return lead_json(*leads[i]); });
}

// The deal's changelog, newest first.
std::vector<const ChangelogEntry*> newest_first(const Store& store, std::int64_t deal_id) {
    std::vector<const ChangelogEntry*> entries;
    if (const auto found = store.changelog.find(deal_id); found != store.changelog.end())
        for (const ChangelogEntry& entry : found->second) entries.push_back(&entry);
    std::sort(entries.begin(), entries.end(), [](const ChangelogEntry* a, const ChangelogEntry* b) {
        if (a->time != b->time) return a->time > b->time;
        return a->sequence > b->sequence;
    });
    return entries;
}

FakeResponse deal_changelog(const Route& route, const Query& query, const Store& store) {
    if (!find_by_id(store.deals, route.id)) return error_response(404, "Deal not found");
    int limit = 100;
    if (const auto found = query.find("limit"); found != query.end()) {
        const auto value = parse_integer(found->second);
        if (!value || *value < 1 || *value > max_page_limit)
            return error_response(400, "limit must be an integer between 1 and 500");
        limit = static_cast<int>(*value);
    }
    std::size_t offset = 0;
    if (const auto found = query.find("cursor"); found != query.end() && !found->second.empty()) {
        const auto decoded = decode_base64url(found->second);
        const auto position = decoded && decoded->rfind("changelog:", 0) == 0 ? parse_integer(decoded->substr(10))
                                                                              : std::nullopt;
        if (!position || *position < 0) return error_response(400, "Invalid cursor");
        offset = static_cast<std::size_t>(*position);
    }
    const std::vector<const ChangelogEntry*> entries = newest_first(store, route.id);
    boost::json::array data;
    std::size_t i = offset;
    for (; i < entries.size() && data.size() < static_cast<std::size_t>(limit); ++i)
        data.push_back(changelog_json(*entries[i]));
    boost::json::object additional;
    if (i < entries.size())
        additional["next_cursor"] = encode_base64url("changelog:" + std::to_string(i));
    else
        additional["next_cursor"] = nullptr;
    return success_response(std::move(data), std::move(additional));
}

FakeResponse deal_flow(const Route& route, const Query& query, const Store& store) {
    if (!find_by_id(store.deals, route.id)) return error_response(404, "Deal not found");
    // The fake's flow holds deal changes only; a request for other item types gets none of them.
    if (const auto items = query.find("items"); items != query.end() && items->second.find("dealChange") == std::string::npos)
        return v1_page(query, 0, [](std::size_t) { return boost::json::object(); });
    const std::vector<const ChangelogEntry*> entries = newest_first(store, route.id);
    return v1_page(query, entries.size(), [&](std::size_t i) { return flow_item_json(*entries[i], route.id); });
}

}  // namespace

FakeResponse handle_v1(const Route& route, const FakeRequest& request, const Store& store,
                       std::int64_t acting_user_id) {
    switch (route.endpoint) {
        case Endpoint::v1_users:
            // Documented without parameters: every user in one answer (paging kept for callers that ask).
            if (request.query.count("start") == 0 && request.query.count("limit") == 0) {
                boost::json::array data;
                for (const User& user : store.users) data.push_back(user_json(user, user.id == acting_user_id));
                return success_response(std::move(data));
            }
            return v1_page(request.query, store.users.size(),
                           [&](std::size_t i) { return user_json(store.users[i], store.users[i].id == acting_user_id); });
        case Endpoint::v1_users_me:
            if (const User* user = find_by_id(store.users, acting_user_id)) return success_response(user_json(*user, true));
            return error_response(404, "User not found");
        case Endpoint::v1_leads: return list_leads(request.query, store);
        case Endpoint::v1_notes: return list_notes(request.query, store);
        case Endpoint::v1_call_logs: return list_call_logs(request.query, store, acting_user_id);
        case Endpoint::v1_activity_types: {
            boost::json::array data;
            for (const ActivityTypeRecord& type : store.activity_types) data.push_back(activity_type_json(type));
            return success_response(std::move(data));
        }
        case Endpoint::v1_deal_changelog: return deal_changelog(route, request.query, store);
        case Endpoint::v1_deal_flow: return deal_flow(route, request.query, store);
        default: return error_response(404, "Not found");
    }
}

}  // namespace sellerscore::fakes::pipedrive
