#include "property_definition.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "field_schema.hpp"
#include "json_access.hpp"

namespace sellerscore::connectors::hubspot {

namespace json = boost::json;

namespace {

struct HubSpotType {
    std::string_view type;
    std::string_view field_type;
    std::string_view number_display_hint;  // "" = none
};

HubSpotType hubspot_type(FieldType type) {
    switch (type) {
        case FieldType::number: return {"number", "number", "formatted"};
        case FieldType::percentage: return {"number", "number", "percentage"};
        case FieldType::money: return {"number", "number", "currency"};
        case FieldType::enumeration: return {"enumeration", "select", ""};
        case FieldType::datetime: return {"datetime", "date", ""};
        case FieldType::text: return {"string", "text", ""};
    }
    return {"number", "number", "formatted"};
}

}  // namespace

std::string_view object_label(RecordObject object) {
    switch (object) {
        case RecordObject::deal: return "deal";
        case RecordObject::contact: return "contact";
        case RecordObject::company: return "company";
    }
    return "deal";
}

json::object property_create_body(const FieldDefinition& field) {
    const HubSpotType t = hubspot_type(field.type);
    json::object body{{"name", property_name(field.id)},
                      {"label", field.label.empty() ? field.id : field.label},
                      {"type", t.type},
                      {"fieldType", t.field_type},
                      {"groupName", property_group}};
    if (!field.description.empty()) body["description"] = field.description;
    if (!t.number_display_hint.empty()) body["numberDisplayHint"] = t.number_display_hint;
    if (field.type == FieldType::enumeration) {
        json::array options;
        int order = 0;
        for (const auto& option : field.options) {
            options.push_back(json::object{{"label", option}, {"value", option}, {"displayOrder", order++}});
        }
        body["options"] = std::move(options);
    }
    return body;
}

json::object property_group_body(std::string_view label) {
    return json::object{{"name", property_group}, {"label", label}, {"displayOrder", -1}};
}

Status check_existing_property(const FieldDefinition& field, const json::value& existing) {
    const HubSpotType t = hubspot_type(field.type);
    const std::string prefix =
        "hubspot: " + std::string(object_label(field.object)) + " property " + property_name(field.id) + " exists with ";
    const std::string advice = "; rename or delete it";
    const std::string type = string_at(existing, "type");
    if (type != t.type) return Status::data(prefix + "type " + type + ", expected " + std::string(t.type) + advice);
    const std::string field_type = string_at(existing, "fieldType");
    if (field_type != t.field_type) {
        return Status::data(prefix + "fieldType " + field_type + ", expected " + std::string(t.field_type) + advice);
    }
    if (field.type == FieldType::enumeration) {
        std::vector<std::string> values;
        if (const json::array* options = array_at(existing, "options")) {
            for (const auto& option : *options) values.push_back(string_at(option, "value"));
        }
        for (const auto& option : field.options) {
            if (std::find(values.begin(), values.end(), option) == values.end()) {
                return Status::data(prefix + "no option '" + option + "'" + advice);
            }
        }
    }
    return Status::ok();
}

}  // namespace sellerscore::connectors::hubspot
