// Pipedrive's time formats: v2 RFC 3339 to the second ("2026-03-01T12:00:00Z", the only form v2
// accepts in updated_since), v1 "YYYY-MM-DD HH:MM:SS" UTC, leads' ISO 8601 with milliseconds,
// dates "YYYY-MM-DD" and times of day "HH:MM".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sellerscore::fakes::pipedrive {

// The fake keeps epoch seconds: Pipedrive's times stop at the second. Model timestamps are
// milliseconds; a sub-second part is dropped (floor) on the way in, as Pipedrive would.
std::int64_t epoch_seconds_of(std::int64_t model_ms);
std::int64_t model_ms_of(std::int64_t epoch_seconds);

// Exactly "YYYY-MM-DDTHH:MM:SSZ": a fraction, an offset or a space instead of 'T' is refused.
std::optional<std::int64_t> parse_v2_time(std::string_view text);
std::string format_v2_time(std::int64_t epoch_seconds);
std::string format_v1_time(std::int64_t epoch_seconds);     // "2026-03-01 12:00:00"
std::string format_lead_time(std::int64_t epoch_seconds);   // "2026-03-01T12:00:00.000Z"
std::string format_date(std::int64_t epoch_seconds);        // "2026-03-01"
std::string format_time_of_day(std::int64_t epoch_seconds); // "12:00"
// A real calendar date "YYYY-MM-DD" (2026-02-30 is refused).
bool is_valid_date(std::string_view text);

}  // namespace sellerscore::fakes::pipedrive
