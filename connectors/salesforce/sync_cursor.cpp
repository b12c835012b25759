#include "sync_cursor.hpp"

#include <boost/json.hpp>

namespace sellerscore::connectors::salesforce {

namespace json = boost::json;

std::string SyncCursor::to_text() const {
    json::object marks_json, counts_json;
    for (const auto& [object, mark] : marks) marks_json[object] = mark;
    for (const auto& [object, count] : counts) counts_json[object] = count;
    return json::serialize(json::object{{"v", 1}, {"marks", marks_json}, {"counts", counts_json}});
}

Result<SyncCursor> SyncCursor::parse(std::string_view text) {
    boost::system::error_code ec;
    const json::value doc = json::parse(text, ec);
    const auto bad = Status::invalid_argument("salesforce: the sync cursor is not one this connector wrote");
    if (ec || !doc.is_object()) return bad;
    const auto* version = doc.as_object().if_contains("v");
    if (version == nullptr || !version->is_int64() || version->as_int64() != 1) return bad;
    SyncCursor cursor;
    for (auto [key, out] : {std::pair{"marks", &cursor.marks}, std::pair{"counts", &cursor.counts}}) {
        const auto* section = doc.as_object().if_contains(key);
        if (section == nullptr || !section->is_object()) return bad;
        for (const auto& [object, value] : section->as_object()) {
            if (!value.is_int64()) return bad;
            (*out)[std::string(object)] = value.as_int64();
        }
    }
    return cursor;
}

}  // namespace sellerscore::connectors::salesforce
