// Salesforce's instants <-> model::Timestamp. The REST API writes dateTime values as
// "2026-03-01T12:00:00.000+0000": milliseconds and an offset without a colon, which RFC 3339 does not
// allow; SOQL takes literals in ISO 8601 "2026-03-01T12:00:00.000Z" form, unquoted.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "plugin/model/records.hpp"

namespace sellerscore::connectors::salesforce {

// "2026-03-01T12:00:00.000+0000", "...+01:00", "...Z"; nullopt for anything else.
std::optional<model::Timestamp> parse_instant(std::string_view text);

// A date field ("2026-03-01", CloseDate) as its UTC midnight.
std::optional<model::Timestamp> parse_date(std::string_view text);

// The SOQL dateTime literal: "2026-03-01T12:00:00.000Z".
std::string soql_instant(model::Timestamp t);

}  // namespace sellerscore::connectors::salesforce
