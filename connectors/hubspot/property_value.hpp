// Property values as HubSpot carries them: always JSON strings. Datetimes come back as ISO 8601 UTC
// with milliseconds, or as epoch-millisecond strings; numbers as decimal text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "connectors/connector.hpp"
#include "plugin/model/records.hpp"

namespace sellerscore::connectors::hubspot {

// Epoch milliseconds of "2026-03-01T12:00:00.250Z" or "1772366400250"; nullopt for anything else
// (including "").
std::optional<std::int64_t> parse_time_ms(std::string_view text);

// The same instant as a model Timestamp (milliseconds too).
std::optional<model::Timestamp> parse_time(std::string_view text);

// "87.5", "-3", "1e3"; nullopt for "" and anything that is not a whole finite number.
std::optional<double> parse_number(std::string_view text);

// The shortest decimal text (no exponent) that reads back as exactly `value`: "87.5", "0.1", "12".
// nullopt for NaN and infinities, which HubSpot cannot store.
std::optional<std::string> format_number(double value);

// "2026-03-01T12:00:00.000Z" (HubSpot's own spelling).
std::string format_time_ms(std::int64_t epoch_ms);

// How one of our properties reads back, from its HubSpot type.
enum class PropertyKind { number, enumeration, datetime };

// A held value from the stored string; "" or an unparseable value is no value (monostate).
FieldValue held_value_of(PropertyKind kind, std::string_view text);

// The string batch/update sends: "" clears, numbers as format_number, datetimes (RFC 3339 text) as
// ISO UTC, enumeration values as-is. invalid_argument for a value the kind cannot hold.
Result<std::string> property_text_of(PropertyKind kind, const FieldValue& value);

}  // namespace sellerscore::connectors::hubspot
