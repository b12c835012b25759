#include "field_schema.hpp"

#include <boost/json.hpp>

#include "json_access.hpp"

namespace sellerscore::connectors::hubspot {

std::string property_name(std::string_view field_id) {
    return std::string(property_prefix) + std::string(field_id);
}

std::optional<std::string> field_id_of(std::string_view property) {
    if (!property.starts_with(property_prefix) || property.size() == property_prefix.size()) return std::nullopt;
    return std::string(property.substr(property_prefix.size()));
}

PropertyKind FieldSchema::kind_of(FieldType type) {
    switch (type) {
        case FieldType::number:
        case FieldType::percentage:
        case FieldType::money: return PropertyKind::number;
        // Text travels like an enumeration value: the string as-is.
        case FieldType::enumeration:
        case FieldType::text: return PropertyKind::enumeration;
        case FieldType::datetime: return PropertyKind::datetime;
    }
    return PropertyKind::number;
}

PropertyKind FieldSchema::kind_of_hubspot_type(std::string_view type) {
    if (type == "number") return PropertyKind::number;
    if (type == "datetime" || type == "date") return PropertyKind::datetime;
    return PropertyKind::enumeration;
}

std::map<std::string, PropertyKind>& FieldSchema::of(RecordObject object) {
    switch (object) {
        case RecordObject::deal: return deal_;
        case RecordObject::contact: return contact_;
        case RecordObject::company: return company_;
    }
    return deal_;
}

void FieldSchema::set(RecordObject object, std::string name, PropertyKind kind) { of(object)[std::move(name)] = kind; }

void FieldSchema::erase(RecordObject object, const std::string& name) { of(object).erase(name); }

void FieldSchema::load(RecordObject object, const boost::json::value& property_list) {
    auto& fields = of(object);
    fields.clear();
    loaded_.insert(object);
    std::set<std::string>& names = all_names_[object];
    names.clear();
    const boost::json::array* results = array_at(property_list, "results");
    if (results == nullptr) return;
    for (const auto& property : *results) {
        names.insert(string_at(property, "name"));
        if (string_at(property, "groupName") != property_group) continue;
        if (const auto field_id = field_id_of(string_at(property, "name"))) {
            fields[*field_id] = kind_of_hubspot_type(string_at(property, "type"));
        }
    }
}

bool FieldSchema::has_property(RecordObject object, const std::string& name) const {
    const auto it = all_names_.find(object);
    return it != all_names_.end() && it->second.contains(name);
}

const std::map<std::string, PropertyKind>& FieldSchema::fields(RecordObject object) const {
    switch (object) {
        case RecordObject::deal: return deal_;
        case RecordObject::contact: return contact_;
        case RecordObject::company: return company_;
    }
    return deal_;
}

std::optional<PropertyKind> FieldSchema::kind(RecordObject object, std::string_view name) const {
    const auto& fields = this->fields(object);
    const auto it = fields.find(std::string(name));
    if (it == fields.end()) return std::nullopt;
    return it->second;
}

}  // namespace sellerscore::connectors::hubspot
