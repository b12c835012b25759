#include "field_directory.hpp"

#include <algorithm>

#include "object_route.hpp"

namespace sellerscore::connectors::pipedrive {

bool is_custom_code(std::string_view code) {
    return code.size() == 40 && std::all_of(code.begin(), code.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

FieldDirectory::FieldDirectory(PipedriveApi& api, FieldRegistry& registry) : api_(api), registry_(registry) {}

Result<const std::vector<CustomField>*> FieldDirectory::all(RecordObject object) {
    if (const auto it = lists_.find(object); it != lists_.end()) return &it->second;
    auto items = api_.cursor_list(PipedriveApi::v2("/" + std::string(fields_route_of(object)) + "?limit=500"));
    if (!items) return items.status();
    std::vector<CustomField> fields;
    for (const auto& item : *items) {
        if (auto field = CustomField::from_json(item)) fields.push_back(std::move(*field));
    }
    return &(lists_[object] = std::move(fields));
}

Result<std::map<std::string, CustomField>> FieldDirectory::ours(RecordObject object) {
    std::map<std::string, CustomField> out;
    const auto codes = registry_.codes(object);
    if (codes.empty()) return out;
    auto fields = all(object);
    if (!fields) return fields.status();
    for (const auto& [field_id, code] : codes) {
        const auto it = std::find_if((*fields)->begin(), (*fields)->end(),
                                     [&](const CustomField& f) { return f.code == code; });
        if (it != (*fields)->end()) out.emplace(field_id, *it);
    }
    return out;
}

Result<std::optional<CustomField>> FieldDirectory::named(RecordObject object, std::string_view name) {
    auto fields = all(object);
    if (!fields) return fields.status();
    std::optional<CustomField> found;
    for (const auto& field : **fields) {
        if (field.name != name) continue;
        if (is_custom_code(field.code)) return std::optional<CustomField>(field);
        if (!found) found = field;
    }
    return found;
}

void FieldDirectory::invalidate(RecordObject object) { lists_.erase(object); }

}  // namespace sellerscore::connectors::pipedrive
