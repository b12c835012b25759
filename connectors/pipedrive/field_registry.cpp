#include "field_registry.hpp"

#include <boost/json.hpp>

#include "object_route.hpp"

namespace sellerscore::connectors::pipedrive {

namespace json = boost::json;

namespace {

constexpr std::string_view index_key = "pipedrive.fields";

std::optional<RecordObject> object_named(std::string_view name) {
    for (RecordObject object : {RecordObject::deal, RecordObject::contact, RecordObject::company}) {
        if (singular_of(object) == name) return object;
    }
    return std::nullopt;
}

}  // namespace

FieldRegistry::FieldRegistry(ConnectorMemory& memory) : memory_(memory) {}

// The index lists "<object>.<field id>" entries; each code lives under its own key.
std::map<FieldRegistry::Key, std::string> FieldRegistry::load() const {
    std::map<Key, std::string> fields;
    const auto index = memory_.get(index_key);
    if (!index) return fields;
    boost::system::error_code ec;
    const json::value entries = json::parse(*index, ec);
    if (ec || !entries.is_array()) return fields;
    for (const auto& entry : entries.get_array()) {
        if (!entry.is_string()) continue;
        const std::string_view text = entry.get_string();
        const std::size_t dot = text.find('.');
        if (dot == std::string_view::npos) continue;
        const auto object = object_named(text.substr(0, dot));
        if (!object) continue;
        const std::string field_id(text.substr(dot + 1));
        if (auto code = memory_.get(field_memory_key(*object, field_id)); code && !code->empty()) {
            fields[{*object, field_id}] = std::move(*code);
        }
    }
    return fields;
}

Status FieldRegistry::save_index(const std::map<Key, std::string>& fields) {
    json::array entries;
    for (const auto& [key, code] : fields) entries.emplace_back(std::string(singular_of(key.first)) + "." + key.second);
    return memory_.put(index_key, json::serialize(entries));
}

std::map<std::string, std::string> FieldRegistry::codes(RecordObject object) const {
    std::map<std::string, std::string> out;
    for (auto& [key, code] : load()) {
        if (key.first == object) out[key.second] = code;
    }
    return out;
}

std::optional<std::string> FieldRegistry::code(RecordObject object, const std::string& field_id) const {
    auto code = memory_.get(field_memory_key(object, field_id));
    if (!code || code->empty()) return std::nullopt;
    return code;
}

Status FieldRegistry::remember(RecordObject object, const std::string& field_id, const std::string& code) {
    if (Status s = memory_.put(field_memory_key(object, field_id), code); !s) return s;
    auto fields = load();
    fields[{object, field_id}] = code;
    return save_index(fields);
}

Status FieldRegistry::forget(RecordObject object, const std::string& field_id) {
    if (Status s = memory_.put(field_memory_key(object, field_id), ""); !s) return s;
    auto fields = load();
    fields.erase({object, field_id});
    return save_index(fields);
}

}  // namespace sellerscore::connectors::pipedrive
