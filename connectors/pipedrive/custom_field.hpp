// A Pipedrive custom field (an item of GET /api/v2/dealFields and the like) and how our logical
// field types live in it: number, percentage and money as "double" (Pipedrive has no percent type,
// so percentages stay ratios in [0, 1]; "monetary" would need a currency per value), enumeration as
// "enum" with the values as options (written as the option id), datetime as "date" ("YYYY-MM-DD"
// of the instant, UTC: Pipedrive has no datetime field type).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "connectors/connector.hpp"

namespace sellerscore::connectors::pipedrive {

struct FieldOption {
    std::int64_t id = 0;
    std::string label;
};

struct CustomField {
    std::string code;  // field_code: 40 hex digits for custom fields
    std::string name;  // field_name: the label users see
    std::string type;  // field_type: "double", "enum", "date", "varchar", ...
    std::vector<FieldOption> options;

    // From a field list item (v2 field_code/field_name, or v1 key/name); nullopt without a code.
    static std::optional<CustomField> from_json(const boost::json::value& item);

    std::optional<std::int64_t> option_id(std::string_view label) const;
    const FieldOption* option(std::int64_t id) const;

    // The value custom_fields.<code> holds, read leniently: a bare value or {"value": ...}/{"id": ...}.
    // A number for "double"; the option label for "enum"/"set" (the first option of a set); midnight
    // UTC in RFC 3339 for "date"; any other type's text as a string. Absent or unreadable: monostate.
    FieldValue held_value(const boost::json::value* stored) const;

    // The logical type we write into a field of this type: double -> number, enum -> enumeration,
    // date -> datetime; nullopt for types we never create.
    std::optional<FieldType> logical_type() const;

    // The JSON a PATCH puts in custom_fields for our logical type: a number (never a string), an
    // option id, "YYYY-MM-DD", or null to clear. invalid_argument for a value the field cannot hold.
    Result<boost::json::value> json_value(FieldType logical, const FieldValue& value) const;
};

// "double", "enum" or "date".
std::string_view pipedrive_type_of(FieldType type);

}  // namespace sellerscore::connectors::pipedrive
