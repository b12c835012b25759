#include "sync_cursor.hpp"

#include <boost/json.hpp>

namespace sellerscore::connectors::hubspot {

namespace json = boost::json;

std::int64_t SyncCursor::mark(ObjectType type) const {
    const auto it = marks.find(type);
    return it == marks.end() ? 0 : it->second;
}

std::string SyncCursor::to_text() const {
    json::object o;
    o["v"] = 1;
    for (ObjectType type : all_object_types) {
        if (const auto it = marks.find(type); it != marks.end()) o[path_name(type)] = it->second;
    }
    o["owners"] = owners;
    o["pipelines"] = pipelines;
    json::object counts;
    for (ObjectType type : all_object_types) {
        if (const auto it = live.find(type); it != live.end()) counts[path_name(type)] = it->second;
    }
    o["live"] = std::move(counts);
    return json::serialize(o);
}

Result<SyncCursor> SyncCursor::parse(std::string_view text) {
    const Status invalid = Status::invalid_argument("hubspot: invalid cursor (expected the JSON a HubSpot read returned)");
    boost::system::error_code ec;
    const json::value value = json::parse(text, ec);
    if (ec || !value.is_object()) return invalid;
    const json::object& o = value.get_object();
    const json::value* version = o.if_contains("v");
    if (version == nullptr || !version->is_int64() || version->get_int64() != 1) return invalid;
    SyncCursor cursor;
    const json::object* counts = nullptr;
    if (const json::value* live = o.if_contains("live")) {
        counts = live->if_object();
        if (counts == nullptr) return invalid;
    }
    for (ObjectType type : all_object_types) {
        if (const json::value* mark = o.if_contains(path_name(type))) {
            if (!mark->is_int64()) return invalid;
            cursor.marks[type] = mark->get_int64();
        }
        if (counts == nullptr) continue;
        if (const json::value* count = counts->if_contains(path_name(type))) {
            if (!count->is_int64()) return invalid;
            cursor.live[type] = count->get_int64();
        }
    }
    const json::value* owners = o.if_contains("owners");
    const json::value* pipelines = o.if_contains("pipelines");
    if (owners == nullptr || !owners->is_string() || pipelines == nullptr || !pipelines->is_string()) return invalid;
    cursor.owners = std::string(owners->get_string());
    cursor.pipelines = std::string(pipelines->get_string());
    return cursor;
}

}  // namespace sellerscore::connectors::hubspot
