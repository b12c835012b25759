#include "custom_field.hpp"

#include <cmath>

#include <boost/json.hpp>

#include "json_access.hpp"
#include "pipedrive_time.hpp"
#include "plugin/model/timestamp_format.hpp"

namespace sellerscore::connectors::pipedrive {

namespace json = boost::json;

namespace {

std::optional<std::int64_t> integer_of(const json::value& v) {
    if (const std::int64_t* i = v.if_int64()) return *i;
    if (const std::uint64_t* u = v.if_uint64()) return static_cast<std::int64_t>(*u);
    return std::nullopt;
}

// {"value": x} / {"id": x} around a value, as v2 wraps compound and option fields.
const json::value* unwrapped(const json::value* stored) {
    if (stored == nullptr || stored->is_null()) return nullptr;
    if (stored->is_object()) {
        // member() takes the value itself: passing the object would bind a temporary copy and
        // return a pointer into it (AddressSanitizer caught that).
        for (std::string_view key : {"value", "id"}) {
            if (const json::value* inner = member(*stored, key)) return inner;
        }
        return nullptr;
    }
    return stored;
}

}  // namespace

std::optional<CustomField> CustomField::from_json(const json::value& item) {
    CustomField field;
    field.code = text_at(item, "field_code");
    if (field.code.empty()) field.code = text_at(item, "key");
    if (field.code.empty()) return std::nullopt;
    field.name = text_at(item, "field_name");
    if (field.name.empty()) field.name = text_at(item, "name");
    field.type = text_at(item, "field_type");
    if (const json::array* options = array_at(item, "options")) {
        for (const auto& option : *options) {
            const json::value* id = member(option, "id");
            const auto number = id ? integer_of(*id) : std::nullopt;
            if (number) field.options.push_back(FieldOption{*number, text_at(option, "label")});
        }
    }
    return field;
}

std::optional<std::int64_t> CustomField::option_id(std::string_view label) const {
    for (const auto& option : options) {
        if (option.label == label) return option.id;
    }
    return std::nullopt;
}

const FieldOption* CustomField::option(std::int64_t id) const {
    for (const auto& option : options) {
        if (option.id == id) return &option;
    }
    return nullptr;
}

FieldValue CustomField::held_value(const json::value* stored) const {
    const json::value* v = unwrapped(stored);
    if (v == nullptr) return {};
    if (type == "double" || type == "monetary") {
        if (v->is_number()) return v->to_number<double>();
        return {};
    }
    if (type == "enum" || type == "set") {
        if (const json::array* chosen = v->if_array()) {
            if (chosen->empty()) return {};
            v = &chosen->front();
        }
        if (const auto id = integer_of(*v)) {
            if (const FieldOption* o = option(*id)) return o->label;
            return {};
        }
        if (const json::string* label = v->if_string()) {
            if (option_id(*label)) return std::string(*label);
        }
        return {};
    }
    if (type == "date") {
        if (const json::string* text = v->if_string()) {
            if (const auto day = parse_date(*text)) return model::format_rfc3339(*day);
        }
        return {};
    }
    std::string text = text_of(*v);
    if (text.empty()) return {};
    return text;
}

std::optional<FieldType> CustomField::logical_type() const {
    if (type == "double") return FieldType::number;
    if (type == "enum") return FieldType::enumeration;
    if (type == "date") return FieldType::datetime;
    if (type == "varchar") return FieldType::text;
    return std::nullopt;
}

Result<json::value> CustomField::json_value(FieldType logical, const FieldValue& value) const {
    if (std::holds_alternative<std::monostate>(value)) return json::value(nullptr);
    const auto bad = [&](const std::string& why) {
        return Status::invalid_argument("pipedrive: field \"" + name + "\": " + why);
    };
    switch (logical) {
        case FieldType::number:
        case FieldType::percentage:
        case FieldType::money: {
            const double* number = std::get_if<double>(&value);
            if (number == nullptr) return bad("a number field takes a number");
            if (!std::isfinite(*number)) return bad("Pipedrive cannot store " + std::to_string(*number));
            return json::value(*number);
        }
        case FieldType::enumeration: {
            const std::string* label = std::get_if<std::string>(&value);
            if (label == nullptr) return bad("an enumeration takes one of its option labels");
            const auto id = option_id(*label);
            if (!id) return bad("no option \"" + *label + "\"");
            return json::value(*id);
        }
        case FieldType::datetime: {
            const std::string* text = std::get_if<std::string>(&value);
            const auto instant = text ? model::parse_rfc3339(*text) : std::nullopt;
            if (!instant) return bad("a date field takes an RFC 3339 instant");
            return json::value(format_date(*instant));
        }
        case FieldType::text: {
            const std::string* text = std::get_if<std::string>(&value);
            if (text == nullptr) return bad("a text field takes a string");
            return json::value(*text);
        }
    }
    return bad("unknown field type");
}

std::string_view pipedrive_type_of(FieldType type) {
    switch (type) {
        case FieldType::number:
        case FieldType::percentage:
        case FieldType::money: return "double";
        case FieldType::enumeration: return "enum";
        case FieldType::datetime: return "date";
        case FieldType::text: return "varchar";  // "Text (up to 255 characters)"
    }
    return "double";
}

}  // namespace sellerscore::connectors::pipedrive
