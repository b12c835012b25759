// How the fake checks, stores and shows a property value: HubSpot accepts any string on the wire
// but rejects values that do not fit the property's type, and shows datetimes in its own format
// whatever form they were written in. Datetimes and dates are stored as epoch milliseconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fake_hubspot.hpp"

namespace sellerscore::fakes {

// The stored form of `wire` for `definition`, or nullopt when HubSpot would reject it. "" (clear)
// is valid for every type.
std::optional<std::string> normalize_property_value(const FakeHubSpotProperty& definition, std::string_view wire);

// What the API shows for a stored value ("1772366400000" -> "2026-03-01T12:00:00.000Z" for datetimes).
std::string render_property_value(const FakeHubSpotProperty& definition, const std::string& stored);

// Numbers, datetimes and dates compare numerically in search filters and sorts.
bool compares_numerically(const FakeHubSpotProperty& definition);

// Epoch milliseconds of "1772366400000", "2026-03-01T12:00:00Z" or "2026-03-01T12:00:00.250+02:00".
std::optional<std::int64_t> parse_epoch_millis(std::string_view text);
// "2026-03-01T12:00:00.000Z".
std::string format_iso_millis(std::int64_t epoch_ms);

}  // namespace sellerscore::fakes
