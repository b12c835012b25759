#include "sync_cursor.hpp"

#include <boost/json.hpp>

#include "pipedrive_time.hpp"

namespace sellerscore::connectors::pipedrive {

namespace json = boost::json;

void ListMark::advance(model::Timestamp updated_at, const std::string& id) {
    if (updated_at > at || (ids.empty() && at == 0)) {
        at = updated_at;
        ids = {id};
    } else if (updated_at == at) {
        ids.insert(id);
    }
}

bool ListMark::covers(model::Timestamp updated_at, const std::string& id) const {
    return updated_at < at || (updated_at == at && ids.count(id) > 0);
}

const ListMark* SyncCursor::mark(std::string_view list) const {
    const auto it = marks.find(std::string(list));
    return it == marks.end() ? nullptr : &it->second;
}

std::string SyncCursor::hash(std::string_view name) const {
    const auto it = hashes.find(std::string(name));
    return it == hashes.end() ? std::string() : it->second;
}

std::string SyncCursor::to_text() const {
    json::object marks_json;
    for (const auto& [list, mark] : marks) {
        json::array ids;
        for (const auto& id : mark.ids) ids.emplace_back(id);
        marks_json[list] = json::object{{"at", format_v2_time(mark.at)}, {"ids", std::move(ids)}};
    }
    json::object hashes_json;
    for (const auto& [name, hash] : hashes) hashes_json[name] = hash;
    return json::serialize(json::object{{"v", 1}, {"marks", std::move(marks_json)}, {"hashes", std::move(hashes_json)}});
}

Result<SyncCursor> SyncCursor::parse(std::string_view text) {
    SyncCursor cursor;
    if (text.empty()) return cursor;
    const Status bad = Status::invalid_argument("pipedrive: the sync cursor is not one this connector wrote");
    boost::system::error_code ec;
    const json::value root = json::parse(text, ec);
    if (ec || !root.is_object()) return bad;
    const json::object& o = root.get_object();
    const json::value* version = o.if_contains("v");
    if (version == nullptr || !version->is_int64() || version->get_int64() != 1) return bad;
    if (const json::value* marks = o.if_contains("marks")) {
        if (!marks->is_object()) return bad;
        for (const auto& [list, mark_json] : marks->get_object()) {
            const json::object* m = mark_json.if_object();
            if (m == nullptr) return bad;
            const json::value* at = m->if_contains("at");
            const json::value* ids = m->if_contains("ids");
            if (at == nullptr || !at->is_string() || ids == nullptr || !ids->is_array()) return bad;
            const auto time = parse_time(at->get_string());
            if (!time) return bad;
            ListMark mark;
            mark.at = *time;
            for (const auto& id : ids->get_array()) {
                if (!id.is_string()) return bad;
                mark.ids.insert(std::string(id.get_string()));
            }
            cursor.marks[std::string(list)] = std::move(mark);
        }
    }
    if (const json::value* hashes = o.if_contains("hashes")) {
        if (!hashes->is_object()) return bad;
        for (const auto& [name, hash] : hashes->get_object()) {
            if (!hash.is_string()) return bad;
            cursor.hashes[std::string(name)] = std::string(hash.get_string());
        }
    }
    return cursor;
}

}  // namespace sellerscore::connectors::pipedrive
