// Pipedrive's time spellings: v2 RFC 3339 ("2026-03-01T12:00:00Z"), v1 "2026-03-01 12:00:00" (UTC),
// date fields "2026-03-01", activity durations and due times "HH:MM".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "plugin/model/records.hpp"

namespace sellerscore::connectors::pipedrive {

// An instant in either API's spelling; nullopt for "" and anything else.
std::optional<model::Timestamp> parse_time(std::string_view text);

// What v2 accepts in updated_since: RFC 3339 without a fraction (a fraction is a 400).
std::string format_v2_time(model::Timestamp t);
// What v1 accepts in updated_since: "YYYY-MM-DD HH:MM:SS", UTC.
std::string format_v1_time(model::Timestamp t);

// "2026-03-01" of the instant's UTC day, as date custom fields hold it.
std::string format_date(model::Timestamp t);
// Midnight UTC of "2026-03-01"; nullopt for anything else.
std::optional<model::Timestamp> parse_date(std::string_view text);

// Seconds of "HH:MM" or "HH:MM:SS"; nullopt for "" and anything else.
std::optional<double> parse_duration(std::string_view text);

}  // namespace sellerscore::connectors::pipedrive
