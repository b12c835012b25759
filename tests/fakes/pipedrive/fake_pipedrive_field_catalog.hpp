// The field definitions of deals, persons and organizations: Pipedrive's system fields plus custom
// fields with 40-hex field codes. Enforces the v2 creation rules (a known field_type, options for
// enum and set; a name may repeat — Pipedrive does not enforce unique names) and the strict value
// types of custom_fields writes. Not synchronised: FakePipedrive serialises access.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "fake_pipedrive.hpp"
#include "fake_pipedrive_object_kind.hpp"

namespace sellerscore::fakes::pipedrive {

class FieldCatalog {
public:
    FieldCatalog();

    const std::vector<FakePipedriveField>& fields(ObjectKind kind) const;
    const FakePipedriveField* find_by_code(ObjectKind kind, std::string_view code) const;
    std::vector<FakePipedriveField> named(ObjectKind kind, std::string_view name) const;

    // POST /api/v2/{kind}Fields body -> the new field, or the validation detail of the 400.
    std::variant<FakePipedriveField, std::string> create(ObjectKind kind, const boost::json::value& body);
    // Stores a field without the API's checks (fresh code when empty, fresh option ids when 0).
    FakePipedriveField define(ObjectKind kind, FakePipedriveField field);
    // Removes a custom field; false when there is none with that code.
    bool remove(ObjectKind kind, std::string_view code);

    // Why `value` cannot be stored in custom field `field` ("custom_fields: Expected 'number' as
    // value for numeric custom field '<code>'"); nullopt when it can. null always can (it clears).
    static std::optional<std::string> check_value(const FakePipedriveField& field, const boost::json::value& value);
    // A user's text for a field, as the JSON value stored ("" = null); nullopt when it does not fit.
    static std::optional<boost::json::value> value_from_text(const FakePipedriveField& field, const std::string& text);
    static boost::json::object to_json(const FakePipedriveField& field);

private:
    std::string next_code();

    std::array<std::vector<FakePipedriveField>, 3> fields_;
    std::int64_t next_option_id_ = 1;
    std::uint64_t codes_issued_ = 0;
};

}  // namespace sellerscore::fakes::pipedrive
