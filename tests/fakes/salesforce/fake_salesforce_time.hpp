// Salesforce's time formats: records carry "2026-03-01T12:00:00.000+0000" (milliseconds, an
// offset without a colon) and dates "2026-03-01"; SOQL literals are 2026-03-01T12:00:00Z,
// 2026-03-01T12:00:00.000Z or with an offset (+01:00), and dates 2026-03-01.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sellerscore::fakes {

std::string salesforce_datetime(std::int64_t epoch_ms);
std::string salesforce_date(std::int64_t epoch_ms);
// A SOQL datetime literal or a record's datetime ("...+0000"); nullopt for anything else.
std::optional<std::int64_t> parse_salesforce_datetime(std::string_view text);
// A SOQL date literal "YYYY-MM-DD" as its midnight UTC.
std::optional<std::int64_t> parse_salesforce_date(std::string_view text);

}  // namespace sellerscore::fakes
