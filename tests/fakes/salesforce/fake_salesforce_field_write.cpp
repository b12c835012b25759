#include "fake_salesforce_field_write.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <boost/json/serialize.hpp>

#include "fake_salesforce_time.hpp"

namespace sellerscore::fakes {
namespace {

SfFieldWrite refused(std::string code, std::string message) { return {std::nullopt, SfWriteError{std::move(code), std::move(message)}}; }

SfFieldWrite wrong_type(const SfField& field, const boost::json::value& json) {
    return refused("INVALID_TYPE_ON_FIELD_IN_RECORD",
                   field.name + ": value not of required type: " + boost::json::serialize(json));
}

}  // namespace

SfFieldWrite convert_field_write(const SfField& field, const boost::json::value& json) {
    if (json.is_null()) return {SfValue::null(), std::nullopt};
    switch (field.type) {
        case SfFieldType::number:
        case SfFieldType::currency:
        case SfFieldType::percent: {
            double number = 0;
            if (json.is_number()) {
                number = json.to_number<double>();
            } else if (json.is_string()) {
                const std::string_view text = json.as_string();
                const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
                if (error != std::errc() || end != text.data() + text.size()) return wrong_type(field, json);
            } else {
                return wrong_type(field, json);
            }
            if (field.precision > 0) {
                const double factor = std::pow(10.0, field.scale);
                number = std::round(number * factor) / factor;  // Salesforce stores the value rounded to the scale
                if (std::fabs(number) >= std::pow(10.0, field.precision - field.scale))
                    return refused("NUMBER_OUTSIDE_VALID_RANGE",
                                   field.name + ": value outside of valid range on numeric field: " + boost::json::serialize(json));
            }
            return {SfValue::of_number(number), std::nullopt};
        }
        case SfFieldType::boolean:
            if (!json.is_bool()) return wrong_type(field, json);
            return {SfValue::of_bool(json.as_bool()), std::nullopt};
        case SfFieldType::datetime: {
            if (!json.is_string()) return wrong_type(field, json);
            const std::optional<std::int64_t> ms = parse_salesforce_datetime(json.as_string());
            if (!ms) return wrong_type(field, json);
            return {SfValue::of_datetime(*ms), std::nullopt};
        }
        case SfFieldType::date: {
            if (!json.is_string()) return wrong_type(field, json);
            const std::optional<std::int64_t> ms = parse_salesforce_date(json.as_string());
            if (!ms) return wrong_type(field, json);
            return {SfValue::of_date(*ms), std::nullopt};
        }
        case SfFieldType::picklist: {
            if (!json.is_string()) return wrong_type(field, json);
            const std::string text(json.as_string());
            if (!field.picklist_values.empty() &&
                std::find(field.picklist_values.begin(), field.picklist_values.end(), text) == field.picklist_values.end())
                return refused("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", field.name + ": bad value for restricted picklist field: " + text);
            return {SfValue::of_text(text), std::nullopt};
        }
        case SfFieldType::id:
        case SfFieldType::reference:
        case SfFieldType::text: {
            if (!json.is_string()) return wrong_type(field, json);
            const std::string text(json.as_string());
            // Salesforce's Text(n) is n characters, not bytes: count UTF-8 lead bytes.
            const auto characters = std::count_if(text.begin(), text.end(), [](char c) {
                return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
            });
            if (field.precision > 0 && characters > field.precision)
                return refused("STRING_TOO_LONG", field.name + ": data value too large: " + text + " (max length=" +
                                                      std::to_string(field.precision) + ")");
            return {SfValue::of_text(text), std::nullopt};
        }
    }
    return wrong_type(field, json);
}

}  // namespace sellerscore::fakes
