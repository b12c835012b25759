#include "fake_salesforce_setup_api.hpp"

#include <cctype>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "fake_salesforce_field_write.hpp"
#include "fake_salesforce_response.hpp"

namespace sellerscore::fakes {
namespace {

// Tooling API errors carry "fields" like SaveResult errors.
FakeResponse tooling_error(int status, const std::string& code, const std::string& message) {
    return sf_json(status, boost::json::array{boost::json::object{{"message", message}, {"errorCode", code}, {"fields", boost::json::array{}}}});
}

FakeResponse created(const std::string& id) {
    return sf_json(201, boost::json::object{{"id", id}, {"success", true}, {"errors", boost::json::array{}}});
}

const boost::json::value* member(const boost::json::object& object, const char* name) { return object.if_contains(name); }

int int_member(const boost::json::object& object, const char* name, int fallback) {
    const boost::json::value* v = member(object, name);
    if (!v || !v->is_number()) return fallback;
    return static_cast<int>(v->to_number<double>());
}

}  // namespace

bool valid_custom_field_name(const std::string& name) {
    if (name.empty() || name.size() > 40 || !std::isalpha(static_cast<unsigned char>(name[0])) || name.back() == '_') return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
        if (c == '_' && i > 0 && name[i - 1] == '_') return false;
    }
    return true;
}

FakeResponse create_custom_field(SfOrg& org, const FakeRequest& request) {
    boost::system::error_code parse_error;
    const boost::json::value body = boost::json::parse(request.body, parse_error);
    if (parse_error || !body.is_object()) return sf_error(400, "JSON_PARSER_ERROR", "The request body is not valid JSON");
    const boost::json::object& root = body.as_object();
    const boost::json::value* full_name_json = member(root, "FullName");
    const boost::json::value* metadata_json = member(root, "Metadata");
    if (!full_name_json || !full_name_json->is_string() || !metadata_json || !metadata_json->is_object())
        return tooling_error(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: [FullName, Metadata]");
    const std::string full_name(full_name_json->as_string());
    const boost::json::object& metadata = metadata_json->as_object();

    const std::size_t dot = full_name.find('.');
    const std::string object_name = full_name.substr(0, dot);
    const std::string api_name = dot == std::string::npos ? "" : full_name.substr(dot + 1);
    SfObject* object = org.object(object_name);
    if (!object || dot == std::string::npos) return tooling_error(400, "INVALID_FIELD", "Cannot find entity: " + object_name);
    if (api_name.size() < 4 || api_name.compare(api_name.size() - 3, 3, "__c") != 0 ||
        !valid_custom_field_name(api_name.substr(0, api_name.size() - 3)))
        return tooling_error(400, "FIELD_INTEGRITY_EXCEPTION",
                             "The Field Name field can only contain underscores and alphanumeric characters. It must be unique, "
                             "begin with a letter, not include spaces, not end with an underscore, and not contain two "
                             "consecutive underscores.");
    const std::string developer_name = api_name.substr(0, api_name.size() - 3);
    // A second create of the same name fails whatever the type asked for.
    if (object->slot_of(api_name))
        return tooling_error(400, "DUPLICATE_DEVELOPER_NAME", "There is already a field named " + developer_name + " on " +
                                                                  object->name() + ".");

    const boost::json::value* type_json = member(metadata, "type");
    const boost::json::value* label_json = member(metadata, "label");
    if (!type_json || !type_json->is_string() || !label_json || !label_json->is_string())
        return tooling_error(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: [label, type]");
    const std::string type(type_json->as_string());
    SfField field;
    field.name = api_name;
    field.custom = true;
    field.granted_to_all = false;
    if (type == "Number" || type == "Percent" || type == "Currency") {
        field.type = type == "Number" ? SfFieldType::number : (type == "Percent" ? SfFieldType::percent : SfFieldType::currency);
        field.precision = int_member(metadata, "precision", 0);
        field.scale = int_member(metadata, "scale", -1);
        if (field.precision < 1 || field.precision > 18 || field.scale < 0 || field.scale > field.precision)
            return tooling_error(400, "FIELD_INTEGRITY_EXCEPTION",
                                 "Length, precision and scale: precision must be 1..18 and scale 0..precision");
    } else if (type == "Text") {
        field.type = SfFieldType::text;
        field.precision = int_member(metadata, "length", 0);  // the text length
        if (field.precision < 1 || field.precision > 255)
            return tooling_error(400, "FIELD_INTEGRITY_EXCEPTION", "Length: the length must be 1..255");
    } else if (type == "DateTime") {
        field.type = SfFieldType::datetime;
    } else if (type == "Date") {
        field.type = SfFieldType::date;
    } else if (type == "Checkbox") {
        field.type = SfFieldType::boolean;
    } else if (type == "Picklist") {
        field.type = SfFieldType::picklist;
        const boost::json::value* value_set = member(metadata, "valueSet");
        const boost::json::value* definition = value_set && value_set->is_object() ? value_set->as_object().if_contains("valueSetDefinition") : nullptr;
        const boost::json::value* values = definition && definition->is_object() ? definition->as_object().if_contains("value") : nullptr;
        if (!values || !values->is_array() || values->as_array().empty())
            return tooling_error(400, "FIELD_INTEGRITY_EXCEPTION", "Picklist: the valueSet must define at least one value");
        const boost::json::value* restricted = value_set->as_object().if_contains("restricted");
        std::vector<std::string> names;
        for (const boost::json::value& v : values->as_array())
            if (v.is_object())
                if (const boost::json::value* name = v.as_object().if_contains("fullName"); name && name->is_string())
                    names.emplace_back(name->as_string());
        if (restricted && restricted->is_bool() && restricted->as_bool()) field.picklist_values = std::move(names);
    } else {
        return tooling_error(400, "FIELD_INTEGRITY_EXCEPTION", "Unsupported field type in this fake: " + type);
    }
    object->add_field(field);

    SfObject& fields = *org.object("CustomField", true);
    SfRecord& record = org.create(fields, org.now_ms());
    const std::string id = record.id;
    org.set(fields, record, "DeveloperName", SfValue::of_text(developer_name));
    org.set(fields, record, "TableEnumOrId", SfValue::of_text(object->name()));
    org.set(fields, record, "FullName", SfValue::of_text(object->name() + "." + api_name));
    org.set(fields, record, "Metadata", SfValue::of_text(boost::json::serialize(metadata)));
    return created(id);
}

FakeResponse delete_custom_field(SfOrg& org, const std::string& id) {
    SfObject& fields = *org.object("CustomField", true);
    SfRecord* record = fields.find(id);
    if (!record || record->deleted)
        return sf_error(404, "NOT_FOUND", "The requested resource does not exist");
    const std::string full_name = record->at(*fields.slot_of("FullName")).text;
    const std::size_t dot = full_name.find('.');
    SfObject* object = org.object(full_name.substr(0, dot));
    const std::string api_name = full_name.substr(dot + 1);
    if (object) {
        if (const std::optional<std::size_t> slot = object->slot_of(api_name))
            object->rename_field(*slot, api_name.substr(0, api_name.size() - 3) + "_del__c");
        SfObject& permissions = *org.object("FieldPermissions");
        const std::size_t target = *permissions.slot_of("Field");
        for (SfRecord& permission : permissions.records())
            if (lower_case(permission.at(target).text) == lower_case(full_name)) {
                permission.deleted = true;
                permissions.set(permission, *permissions.slot_of("IsDeleted"), SfValue::of_bool(true));
            }
    }
    record->deleted = true;
    fields.set(*record, *fields.slot_of("IsDeleted"), SfValue::of_bool(true));
    org.touch(fields, *record);
    FakeResponse response;
    response.status = 204;
    return response;
}

FakeResponse create_sobject(SfOrg& org, const std::string& type, const FakeRequest& request, const std::string& user_id) {
    SfObject* object = org.object(type);
    if (!object) return sf_error(404, "NOT_FOUND", "The requested resource does not exist");
    boost::system::error_code parse_error;
    const boost::json::value body = boost::json::parse(request.body, parse_error);
    if (parse_error || !body.is_object()) return sf_error(400, "JSON_PARSER_ERROR", "The request body is not valid JSON");
    const boost::json::object& fields = body.as_object();

    std::vector<std::pair<std::size_t, SfValue>> values;
    for (const auto& item : fields) {
        if (item.key() == "attributes") continue;
        const std::optional<std::size_t> slot = object->slot_of(item.key());
        if (!slot || !org.can_read(*object, object->field(*slot), user_id))
            return sf_error(400, "INVALID_FIELD", "No such column '" + std::string(item.key()) + "' on sobject of type " + object->name());
        const SfField& field = object->field(*slot);
        if (*slot < 5 || !org.can_edit(*object, field, user_id))
            return sf_error(400, "INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: " + field.name +
                                                                        ". Please check the security settings of this field and "
                                                                        "verify that it is read/write for your profile or permission set.");
        SfFieldWrite write = convert_field_write(field, item.value());
        if (write.error) return sf_error(400, write.error->status_code, write.error->message);
        values.emplace_back(*slot, std::move(*write.value));
    }
    auto given = [&](const char* name) -> const SfValue* {
        const std::optional<std::size_t> slot = object->slot_of(name);
        for (const auto& [s, v] : values)
            if (slot && s == *slot && !v.is_null()) return &v;
        return nullptr;
    };
    auto require = [&](std::initializer_list<const char*> names) -> std::optional<FakeResponse> {
        std::string missing;
        for (const char* name : names)
            if (!given(name)) missing += (missing.empty() ? "" : ", ") + std::string(name);
        if (missing.empty()) return std::nullopt;
        return sf_error(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: [" + missing + "]");
    };
    const std::string name = object->name();
    if (name == "PermissionSet") {
        if (auto missing = require({"Name", "Label"})) return *missing;
        const std::size_t slot = *object->slot_of("Name");
        for (const SfRecord& existing : object->records())
            if (!existing.deleted && lower_case(existing.at(slot).text) == lower_case(given("Name")->text))
                return sf_error(400, "DUPLICATE_VALUE", "duplicate value found: Name duplicates value on record with id: " + existing.id);
    } else if (name == "FieldPermissions") {
        if (auto missing = require({"ParentId", "SobjectType", "Field"})) return *missing;
        const SfValue* edit = given("PermissionsEdit");
        const SfValue* read = given("PermissionsRead");
        if (edit && edit->boolean && !(read && read->boolean))
            return sf_error(400, "FIELD_INTEGRITY_EXCEPTION", "Permission Edit depends on permission(s): Read");
        const std::string& target = given("Field")->text;
        const std::size_t dot = target.find('.');
        const SfObject* target_object = org.object(target.substr(0, dot));
        if (dot == std::string::npos || !target_object || !target_object->slot_of(target.substr(dot + 1)))
            return sf_error(400, "INVALID_FIELD", "Invalid field: " + target);
        if (!org.object("PermissionSet")->find(given("ParentId")->text))
            return sf_error(400, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
    } else if (name == "PermissionSetAssignment") {
        if (auto missing = require({"AssigneeId", "PermissionSetId"})) return *missing;
        if (!org.object("User")->find(given("AssigneeId")->text) || !org.object("PermissionSet")->find(given("PermissionSetId")->text))
            return sf_error(400, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
        const std::size_t assignee = *object->slot_of("AssigneeId"), set = *object->slot_of("PermissionSetId");
        for (const SfRecord& existing : object->records())
            if (!existing.deleted && existing.at(assignee).text.substr(0, 15) == given("AssigneeId")->text.substr(0, 15) &&
                existing.at(set).text.substr(0, 15) == given("PermissionSetId")->text.substr(0, 15))
                return sf_error(400, "DUPLICATE_VALUE", "duplicate value found: <unknown> duplicates value on record with id: " + existing.id);
    }
    SfRecord& record = org.create(*object, org.now_ms());
    for (auto& [slot, value] : values) object->set(record, slot, std::move(value));
    return created(record.id);
}

}  // namespace sellerscore::fakes
