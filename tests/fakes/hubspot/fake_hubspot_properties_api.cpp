#include "fake_hubspot_properties_api.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "fake_hubspot_response.hpp"

namespace sellerscore::fakes {
namespace {

constexpr std::size_t max_name_length = 100;

// VENDOR_APIS §1.5: which fieldTypes each type accepts.
const std::map<std::string, std::set<std::string>, std::less<>> field_types_by_type = {
    {"bool", {"booleancheckbox", "calculation_equation"}},
    {"enumeration", {"booleancheckbox", "checkbox", "radio", "select", "calculation_equation"}},
    {"date", {"date"}},
    {"datetime", {"date"}},
    {"string", {"text", "textarea", "file", "calculation_equation"}},
    {"number", {"number", "calculation_equation"}},
    {"phone_number", {"phonenumber"}},
};

const std::set<std::string, std::less<>> number_display_hints = {"currency",   "duration",    "formatted",
                                                                 "percentage", "probability", "unformatted"};

bool valid_internal_name(const std::string& name) {
    if (name.empty() || name.size() >= max_name_length || name.front() < 'a' || name.front() > 'z') return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::optional<std::string> text_of(const boost::json::object& body, std::string_view name) {
    const boost::json::value* value = body.if_contains(name);
    if (!value || !value->is_string()) return std::nullopt;
    return std::string(value->get_string());
}

}  // namespace

boost::json::object property_json(const FakeHubSpotProperty& property) {
    boost::json::object json;
    json["name"] = property.name;
    json["label"] = property.label;
    json["type"] = property.type;
    json["fieldType"] = property.field_type;
    json["description"] = property.description;
    json["groupName"] = property.group_name;
    boost::json::array options;
    for (const FakeHubSpotPropertyOption& option : property.options)
        options.push_back(boost::json::object{{"label", option.label},
                                              {"value", option.value},
                                              {"displayOrder", option.display_order},
                                              {"hidden", option.hidden}});
    json["options"] = std::move(options);
    json["displayOrder"] = -1;
    json["calculated"] = property.calculated;
    json["externalOptions"] = false;
    json["hasUniqueValue"] = false;
    json["hidden"] = false;
    json["hubspotDefined"] = property.hubspot_defined;
    json["modificationMetadata"] = boost::json::object{{"archivable", !property.hubspot_defined},
                                                       {"readOnlyDefinition", property.hubspot_defined},
                                                       {"readOnlyValue", property.calculated}};
    json["formField"] = !property.calculated;
    json["archived"] = false;
    if (property.number_display_hint) json["numberDisplayHint"] = *property.number_display_hint;
    return json;
}

FakeResponse list_properties(const FakeHubSpotStore& store, HubSpotObjectType type) {
    const FakeHubSpotPropertyCatalog& catalog = store.catalog(type);
    boost::json::array results;
    for (FakeHubSpotPropertyCatalog::Slot slot : catalog.live_slots()) results.push_back(property_json(catalog.definition(slot)));
    return json_response(200, boost::json::object{{"results", std::move(results)}});
}

FakeResponse read_property(const FakeHubSpotStore& store, HubSpotObjectType type, const std::string& name,
                           const std::string& correlation) {
    const FakeHubSpotPropertyCatalog& catalog = store.catalog(type);
    const std::optional<FakeHubSpotPropertyCatalog::Slot> slot = catalog.slot_of(name);
    if (!slot)
        return error_response(404, "OBJECT_NOT_FOUND",
                              "Unable to find property " + name + " on object type " + std::string(plural_name(type)),
                              correlation);
    return json_response(200, property_json(catalog.definition(*slot)));
}

FakeResponse create_property(FakeHubSpotStore& store, HubSpotObjectType type, const FakeRequest& request,
                             const std::string& correlation) {
    boost::system::error_code parse_error;
    const boost::json::value parsed = boost::json::parse(request.body, parse_error);
    if (parse_error || !parsed.is_object()) return validation_error("Invalid input JSON: expected a property object", correlation);
    const boost::json::object& body = parsed.get_object();

    std::vector<std::string> missing;
    for (const char* field : {"name", "label", "type", "fieldType", "groupName"})
        if (!text_of(body, field) || text_of(body, field)->empty()) missing.push_back(field);
    if (!missing.empty()) {
        std::string list;
        for (const std::string& field : missing) list += (list.empty() ? "" : ", ") + field;
        return validation_error("Property create request is missing required fields: " + list, correlation);
    }
    FakeHubSpotProperty property;
    property.name = *text_of(body, "name");
    property.label = *text_of(body, "label");
    property.type = *text_of(body, "type");
    property.field_type = *text_of(body, "fieldType");
    property.group_name = *text_of(body, "groupName");
    property.description = text_of(body, "description").value_or("");

    if (!valid_internal_name(property.name))
        return validation_error("Property name \"" + property.name +
                                    "\" is invalid: names must be lowercase, start with a letter, contain only "
                                    "letters, digits and underscores, and have less than 100 characters",
                                correlation);
    FakeHubSpotPropertyCatalog& catalog = store.catalog(type);
    if (catalog.slot_of(property.name))
        return error_response(409, "OBJECT_ALREADY_EXISTS", "Property named '" + property.name + "' already exists.",
                              correlation);
    const auto allowed = field_types_by_type.find(property.type);
    if (allowed == field_types_by_type.end())
        return validation_error("Property type \"" + property.type + "\" is not a valid type", correlation);
    if (!allowed->second.contains(property.field_type))
        return validation_error("Property fieldType \"" + property.field_type + "\" is not valid for type \"" +
                                    property.type + "\"",
                                correlation);
    if (const std::optional<std::string> hint = text_of(body, "numberDisplayHint")) {
        if (!number_display_hints.contains(*hint))
            return validation_error("numberDisplayHint \"" + *hint + "\" is not valid", correlation);
        if (property.type != "number")
            return validation_error("numberDisplayHint is only valid for number properties", correlation);
        property.number_display_hint = *hint;
    }
    if (const boost::json::value* options = body.if_contains("options")) {
        if (!options->is_array()) return validation_error("Invalid input JSON: options must be an array", correlation);
        int order = 0;
        for (const boost::json::value& option : options->get_array()) {
            const boost::json::object* fields = option.if_object();
            const std::optional<std::string> label = fields ? text_of(*fields, "label") : std::nullopt;
            const std::optional<std::string> value = fields ? text_of(*fields, "value") : std::nullopt;
            if (!label || !value) return validation_error("Every option needs a label and a value", correlation);
            FakeHubSpotPropertyOption parsed_option{*label, *value, order, false};
            if (const boost::json::value* display_order = fields->if_contains("displayOrder"); display_order && display_order->is_int64())
                parsed_option.display_order = static_cast<int>(display_order->get_int64());
            property.options.push_back(std::move(parsed_option));
            ++order;
        }
    }
    if (property.type == "enumeration" && property.options.empty() && property.field_type != "booleancheckbox")
        return validation_error("Enumeration property \"" + property.name + "\" needs at least one option", correlation);
    if (!catalog.has_group(property.group_name))
        return validation_error("Property group \"" + property.group_name + "\" does not exist", correlation);

    boost::json::object created = property_json(property);
    catalog.define(std::move(property));
    return json_response(201, created);
}

FakeResponse delete_property(FakeHubSpotStore& store, HubSpotObjectType type, const std::string& name,
                             const std::string& correlation) {
    FakeHubSpotPropertyCatalog& catalog = store.catalog(type);
    const std::optional<FakeHubSpotPropertyCatalog::Slot> slot = catalog.slot_of(name);
    if (!slot)
        return error_response(404, "OBJECT_NOT_FOUND",
                              "Unable to find property " + name + " on object type " + std::string(plural_name(type)),
                              correlation);
    if (catalog.definition(*slot).hubspot_defined)
        return validation_error("Property " + name + " is HubSpot-defined and cannot be deleted", correlation);
    catalog.remove(name);
    FakeResponse response;
    response.status = 204;
    return response;
}

FakeResponse list_property_groups(const FakeHubSpotStore& store, HubSpotObjectType type) {
    boost::json::array results;
    for (const FakeHubSpotPropertyGroup& group : store.catalog(type).groups())
        results.push_back(boost::json::object{
            {"name", group.name}, {"label", group.label}, {"displayOrder", group.display_order}, {"archived", false}});
    return json_response(200, boost::json::object{{"results", std::move(results)}});
}

FakeResponse create_property_group(FakeHubSpotStore& store, HubSpotObjectType type, const FakeRequest& request,
                                   const std::string& correlation) {
    boost::system::error_code parse_error;
    const boost::json::value parsed = boost::json::parse(request.body, parse_error);
    if (parse_error || !parsed.is_object()) return validation_error("Invalid input JSON: expected a group object", correlation);
    const std::optional<std::string> name = text_of(parsed.get_object(), "name");
    const std::optional<std::string> label = text_of(parsed.get_object(), "label");
    if (!name || !label || name->empty() || label->empty())
        return validation_error("Property group create request is missing required fields: name, label", correlation);
    if (!valid_internal_name(*name))
        return validation_error("Property group name \"" + *name + "\" is invalid", correlation);
    FakeHubSpotPropertyCatalog& catalog = store.catalog(type);
    if (catalog.has_group(*name))
        return error_response(409, "OBJECT_ALREADY_EXISTS", "Property group named '" + *name + "' already exists.",
                              correlation);
    int display_order = -1;
    if (const boost::json::value* order = parsed.get_object().if_contains("displayOrder"); order && order->is_int64())
        display_order = static_cast<int>(order->get_int64());
    catalog.add_group({*name, *label, display_order});
    return json_response(201, boost::json::object{
                                  {"name", *name}, {"label", *label}, {"displayOrder", display_order}, {"archived", false}});
}

}  // namespace sellerscore::fakes
