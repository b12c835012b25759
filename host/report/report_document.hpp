// The report's content as one JSON document (docs/report.md), built from the last sync's scorecard
// (KPIS.md §8): the leaderboard, each seller's score components, the funnels, quarter over quarter,
// channel economics and churn. The HTML page is drawn from this document only, and other front ends
// can read the same document (`crmhost report --format json`).
//
// Every figure is {"value": number|null, "text": "..."}: the number for charts and machines, the text
// exactly as the terminal table prints it ("42.0%", "12,500", "—"). The scorecard is trusted loosely,
// like ScorecardRenderer does: a missing or mistyped member becomes a null figure or an empty list, and
// members this host does not know are ignored, so a newer plugin's scorecard still makes a report.
#pragma once

#include <optional>
#include <string>

#include <boost/json/value.hpp>

#include "plugin/model/status.hpp"

namespace sellerscore::host::report {

struct ReportScope {
    std::optional<std::string> seller;  // a seller id or exact name
    std::optional<std::string> team;    // a team name
};

class ReportDocument {
public:
    // Fails (invalid_argument) when the scope names a seller or team the scorecard does not have.
    static Result<boost::json::value> build(const boost::json::value& scorecard, const ReportScope& scope = {});
};

}  // namespace sellerscore::host::report
