#include "field_catalog.hpp"

#include <boost/json.hpp>

namespace sellerscore::plugin {

namespace json = boost::json;
using connectors::FieldType;
using connectors::RecordObject;

namespace {

std::optional<FieldType> field_type_from(std::string_view s) {
    if (s == "number") return FieldType::number;
    if (s == "percentage") return FieldType::percentage;
    if (s == "money") return FieldType::money;
    if (s == "enumeration") return FieldType::enumeration;
    if (s == "datetime") return FieldType::datetime;
    if (s == "text") return FieldType::text;
    return std::nullopt;
}

std::optional<RecordObject> object_from(std::string_view s) {
    if (s == "deal") return RecordObject::deal;
    if (s == "contact") return RecordObject::contact;
    if (s == "company") return RecordObject::company;
    return std::nullopt;
}

std::string string_at(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

Result<FieldCatalog> FieldCatalog::from_manifest(std::string_view manifest_json) {
    json::error_code ec;
    const json::value doc = json::parse(manifest_json, ec);
    const json::object* root = ec ? nullptr : doc.if_object();
    const json::value* list = root != nullptr ? root->if_contains("customFields") : nullptr;
    if (list == nullptr || !list->is_array()) {
        return Status::internal("embedded manifest: missing array 'customFields'");
    }
    FieldCatalog catalog;
    for (const json::value& entry : list->get_array()) {
        const json::object* o = entry.if_object();
        if (o == nullptr) return Status::internal("embedded manifest: customFields entry is not an object");
        connectors::FieldDefinition field;
        field.id = string_at(*o, "id");
        field.label = string_at(*o, "label");
        field.group = string_at(*o, "group");
        field.description = string_at(*o, "description");
        const auto type = field_type_from(string_at(*o, "type"));
        const auto object = object_from(string_at(*o, "object"));
        if (field.id.empty() || !type || !object) {
            return Status::internal("embedded manifest: customFields entry '" + field.id + "' lacks id, type or object");
        }
        field.type = *type;
        field.object = *object;
        if (const auto* options = o->if_contains("options"); options != nullptr && options->is_array()) {
            for (const json::value& option : options->get_array()) {
                if (option.is_string()) field.options.emplace_back(option.get_string());
            }
        }
        catalog.fields_.push_back(std::move(field));
    }
    return catalog;
}

std::optional<std::size_t> FieldCatalog::index_of(std::string_view field_id) const {
    for (std::size_t i = 0; i < fields_.size(); ++i) {
        if (fields_[i].id == field_id) return i;
    }
    return std::nullopt;
}

void FieldCatalog::place_customer_fields_on(connectors::RecordObject customer_object) {
    for (connectors::FieldDefinition& field : fields_) {
        if (field.object == connectors::RecordObject::contact) field.object = customer_object;
    }
}

}  // namespace sellerscore::plugin
