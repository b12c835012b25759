#include "fake_pipedrive_field_catalog.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include <boost/json/array.hpp>

#include "fake_pipedrive_time.hpp"

namespace sellerscore::fakes::pipedrive {
namespace {

constexpr std::array<std::string_view, 16> creatable_types = {
    "varchar", "text", "double", "phone",  "date",         "daterange", "time",     "timerange",
    "set",     "enum", "varchar_auto", "address", "monetary", "org",  "people", "user"};

FakePipedriveField system_field(std::string name, std::string code, std::string type) {
    FakePipedriveField field;
    field.field_name = std::move(name);
    field.field_code = std::move(code);
    field.field_type = std::move(type);
    field.is_custom_field = false;
    return field;
}

std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

bool is_integer(const boost::json::value& value) {
    if (value.is_int64() || value.is_uint64()) return true;
    return false;
}

std::int64_t as_integer(const boost::json::value& value) {
    return value.is_int64() ? value.get_int64() : static_cast<std::int64_t>(value.get_uint64());
}

bool has_option(const FakePipedriveField& field, std::int64_t id) {
    return std::any_of(field.options.begin(), field.options.end(),
                       [id](const FakePipedriveFieldOption& option) { return option.id == id; });
}

std::string quoted(const FakePipedriveField& field) { return "'" + field.field_code + "'"; }

}  // namespace

FieldCatalog::FieldCatalog() {
    auto& deal = fields_[static_cast<std::size_t>(ObjectKind::deal)];
    deal = {system_field("Title", "title", "varchar"),
            system_field("Creator", "creator_user_id", "user"),
            system_field("Owner", "owner_id", "user"),
            system_field("Value", "value", "monetary"),
            system_field("Currency", "currency", "varchar"),
            system_field("Person", "person_id", "people"),
            system_field("Organization", "org_id", "org"),
            system_field("Pipeline", "pipeline_id", "double"),
            system_field("Stage", "stage_id", "stage"),
            system_field("Status", "status", "status"),
            system_field("Probability", "probability", "double"),
            system_field("Lost reason", "lost_reason", "varchar"),
            system_field("Deal created", "add_time", "date"),
            system_field("Update time", "update_time", "date"),
            system_field("Last stage change", "stage_change_time", "date"),
            system_field("Won time", "won_time", "date"),
            system_field("Lost time", "lost_time", "date"),
            system_field("Deal closed on", "close_time", "date"),
            system_field("Expected close date", "expected_close_date", "date")};
    auto& person = fields_[static_cast<std::size_t>(ObjectKind::person)];
    person = {system_field("Name", "name", "varchar"),
              system_field("Owner", "owner_id", "user"),
              system_field("Organization", "org_id", "org"),
              system_field("Email", "emails", "varchar"),
              system_field("Phone", "phones", "phone"),
              system_field("Person created", "add_time", "date"),
              system_field("Update time", "update_time", "date")};
    auto& organization = fields_[static_cast<std::size_t>(ObjectKind::organization)];
    organization = {system_field("Name", "name", "varchar"),
                    system_field("Owner", "owner_id", "user"),
                    system_field("Address", "address", "address"),
                    system_field("Organization created", "add_time", "date"),
                    system_field("Update time", "update_time", "date")};
}

const std::vector<FakePipedriveField>& FieldCatalog::fields(ObjectKind kind) const {
    return fields_[static_cast<std::size_t>(kind)];
}

const FakePipedriveField* FieldCatalog::find_by_code(ObjectKind kind, std::string_view code) const {
    for (const FakePipedriveField& field : fields(kind))
        if (field.field_code == code) return &field;
    return nullptr;
}

std::vector<FakePipedriveField> FieldCatalog::named(ObjectKind kind, std::string_view name) const {
    std::vector<FakePipedriveField> found;
    for (const FakePipedriveField& field : fields(kind))
        if (field.field_name == name) found.push_back(field);
    return found;
}

std::string FieldCatalog::next_code() {
    // Deterministic per fake (tests reproduce), distinct per field, shaped like Pipedrive's hashes.
    std::uint64_t state = 0x5EC0DE0000000000ULL + ++codes_issued_;
    char text[49];
    std::snprintf(text, sizeof text, "%016llx%016llx%016llx", static_cast<unsigned long long>(splitmix64(state)),
                  static_cast<unsigned long long>(splitmix64(state)),
                  static_cast<unsigned long long>(splitmix64(state)));
    return std::string(text, 40);
}

std::variant<FakePipedriveField, std::string> FieldCatalog::create(ObjectKind kind, const boost::json::value& body) {
    const boost::json::object* object = body.if_object();
    if (!object) return std::string("body: Expected an object");
    static constexpr std::array<std::string_view, 7> allowed = {
        "field_name", "field_type", "options", "description", "ui_visibility", "important_fields", "required_fields"};
    for (const auto& member : *object)
        if (std::find(allowed.begin(), allowed.end(), std::string_view(member.key())) == allowed.end())
            return std::string(member.key()) + ": Parameter '" + std::string(member.key()) +
                   "' is not allowed for this request";

    const boost::json::value* name = object->if_contains("field_name");
    if (!name || !name->is_string() || name->get_string().empty())
        return std::string("field_name: Parameter 'field_name' is required and must be a non-empty string");
    const boost::json::value* type = object->if_contains("field_type");
    if (!type || !type->is_string())
        return std::string("field_type: Parameter 'field_type' is required");
    const std::string type_text(type->get_string());
    if (std::find(creatable_types.begin(), creatable_types.end(), type_text) == creatable_types.end()) {
        std::string allowed_list;
        for (std::string_view t : creatable_types) allowed_list += (allowed_list.empty() ? "" : ", ") + std::string(t);
        return "field_type: Parameter 'field_type' must be one of: " + allowed_list;
    }

    FakePipedriveField field;
    field.field_name = std::string(name->get_string());
    field.field_type = type_text;
    const bool takes_options = type_text == "enum" || type_text == "set";
    const boost::json::value* options = object->if_contains("options");
    if (takes_options) {
        if (!options || !options->is_array() || options->get_array().empty())
            return std::string("options: Parameter 'options' is required for field_type '") + type_text +
                   "' and must be a non-empty array";
        for (const boost::json::value& option : options->get_array()) {
            const boost::json::object* option_object = option.if_object();
            const boost::json::value* label = option_object ? option_object->if_contains("label") : nullptr;
            if (!label || !label->is_string() || label->get_string().empty())
                return std::string("options: each option needs a non-empty 'label'");
            field.options.push_back({0, std::string(label->get_string())});
        }
    } else if (options && !options->is_null()) {
        return std::string("options: Parameter 'options' is only allowed for enum and set fields");
    }
    return define(kind, std::move(field));
}

FakePipedriveField FieldCatalog::define(ObjectKind kind, FakePipedriveField field) {
    if (field.field_code.empty()) field.field_code = next_code();
    for (FakePipedriveFieldOption& option : field.options) {
        if (option.id == 0) option.id = next_option_id_;
        next_option_id_ = std::max(next_option_id_, option.id + 1);
    }
    auto& list = fields_[static_cast<std::size_t>(kind)];
    const auto existing = std::find_if(list.begin(), list.end(), [&](const FakePipedriveField& f) {
        return f.field_code == field.field_code;
    });
    if (existing != list.end())
        *existing = field;
    else
        list.push_back(field);
    return field;
}

bool FieldCatalog::remove(ObjectKind kind, std::string_view code) {
    auto& list = fields_[static_cast<std::size_t>(kind)];
    const auto found = std::find_if(list.begin(), list.end(), [&](const FakePipedriveField& f) {
        return f.is_custom_field && f.field_code == code;
    });
    if (found == list.end()) return false;
    list.erase(found);
    return true;
}

std::optional<std::string> FieldCatalog::check_value(const FakePipedriveField& field, const boost::json::value& value) {
    if (value.is_null()) return std::nullopt;
    const std::string& type = field.field_type;
    if (type == "double") {
        if (value.is_number()) return std::nullopt;
        return "custom_fields: Expected 'number' as value for numeric custom field " + quoted(field);
    }
    if (type == "monetary") {
        if (value.is_number()) return std::nullopt;
        const boost::json::object* object = value.if_object();
        const boost::json::value* amount = object ? object->if_contains("value") : nullptr;
        const boost::json::value* currency = object ? object->if_contains("currency") : nullptr;
        if (amount && amount->is_number() && (!currency || currency->is_string())) return std::nullopt;
        return "custom_fields: Expected 'number' or {value, currency} as value for monetary custom field " +
               quoted(field);
    }
    if (type == "enum") {
        if (!is_integer(value))
            return "custom_fields: Expected 'number' as value for single option custom field " + quoted(field);
        if (!has_option(field, as_integer(value)))
            return "custom_fields: Option " + std::to_string(as_integer(value)) +
                   " does not exist for custom field " + quoted(field);
        return std::nullopt;
    }
    if (type == "set") {
        const boost::json::array* ids = value.if_array();
        if (!ids || ids->empty())
            return "custom_fields: Expected a non-empty array of option ids for multiple options custom field " +
                   quoted(field);
        for (const boost::json::value& id : *ids)
            if (!is_integer(id) || !has_option(field, as_integer(id)))
                return "custom_fields: Unknown option in multiple options custom field " + quoted(field);
        return std::nullopt;
    }
    if (type == "date") {
        if (value.is_string() && is_valid_date(value.get_string())) return std::nullopt;
        return "custom_fields: Expected date in format 'YYYY-MM-DD' for custom field " + quoted(field);
    }
    if (type == "org" || type == "people" || type == "user") {
        if (is_integer(value)) return std::nullopt;
        return "custom_fields: Expected 'number' as value for custom field " + quoted(field);
    }
    if (type == "daterange" || type == "timerange") {
        const boost::json::object* object = value.if_object();
        if (object && object->contains("value") && object->contains("until")) return std::nullopt;
        return "custom_fields: Expected {value, until} as value for range custom field " + quoted(field);
    }
    if (type == "address") {
        if (value.is_string() || value.is_object()) return std::nullopt;
        return "custom_fields: Expected 'string' as value for address custom field " + quoted(field);
    }
    if (value.is_string()) return std::nullopt;
    return "custom_fields: Expected 'string' as value for custom field " + quoted(field);
}

std::optional<boost::json::value> FieldCatalog::value_from_text(const FakePipedriveField& field,
                                                                const std::string& text) {
    if (text.empty()) return boost::json::value(nullptr);
    const std::string& type = field.field_type;
    if (type == "double" || type == "monetary") {
        double number = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
        return boost::json::value(number);
    }
    if (type == "enum" || type == "org" || type == "people" || type == "user") {
        std::int64_t id = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
        if (error != std::errc{} || end != text.data() + text.size()) {
            if (type != "enum") return std::nullopt;
            // A user picks an enum option by its label.
            for (const FakePipedriveFieldOption& option : field.options)
                if (option.label == text) return boost::json::value(option.id);
            return std::nullopt;
        }
        boost::json::value value(id);
        if (check_value(field, value)) return std::nullopt;
        return value;
    }
    boost::json::value value(text);
    if (check_value(field, value)) return std::nullopt;
    return value;
}

boost::json::object FieldCatalog::to_json(const FakePipedriveField& field) {
    boost::json::object json;
    json["field_name"] = field.field_name;
    json["field_code"] = field.field_code;
    json["field_type"] = field.field_type;
    if (field.options.empty()) {
        json["options"] = nullptr;
    } else {
        boost::json::array options;
        for (const FakePipedriveFieldOption& option : field.options) {
            boost::json::object o;
            o["id"] = option.id;
            o["label"] = option.label;
            o["color"] = nullptr;
            options.push_back(std::move(o));
        }
        json["options"] = std::move(options);
    }
    json["subfields"] = nullptr;
    json["is_custom_field"] = field.is_custom_field;
    json["is_optional_response_field"] = false;
    json["description"] = nullptr;
    return json;
}

}  // namespace sellerscore::fakes::pipedrive
