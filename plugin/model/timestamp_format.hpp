// RFC 3339 timestamps <-> model::Timestamp.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "records.hpp"

namespace sellerscore::model {

// Parses "2026-03-01T12:00:00Z", "2026-03-01T12:00:00.250+02:00", lower-case 't'/'z' too.
// Milliseconds are kept, finer fractions dropped (floor). Returns nullopt for anything else, including impossible
// dates such as 2026-02-30.
std::optional<Timestamp> parse_rfc3339(std::string_view text);

// "2026-03-01T12:00:00Z", or "2026-03-01T12:00:00.250Z" when the instant has milliseconds: always UTC.
std::string format_rfc3339(Timestamp t);

// Days since 1970-01-01 of the UTC calendar day containing t (floor division, correct before 1970).
std::int64_t utc_day_number(Timestamp t);

// Milliseconds since the epoch of y-m-d 00:00:00 UTC (proleptic Gregorian). No range check on inputs.
Timestamp utc_midnight(int year, unsigned month, unsigned day);

}  // namespace sellerscore::model
