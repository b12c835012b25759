// The KPIS.md §8 scorecard document as people and spreadsheets read it. The renderer trusts the
// document's shape only loosely: a missing or mistyped part prints as "—" (table) or an empty cell
// (CSV) instead of failing, so a newer plugin's document still renders.
#pragma once

#include <string>

#include <boost/json/value.hpp>

namespace sellerscore::host {

class ScorecardRenderer {
public:
    explicit ScorecardRenderer(const boost::json::value& scorecard) : scorecard_(scorecard) {}

    // One row per seller, best score first (no score last), then an "All sellers" row from the
    // team KPIs: seller, team, score, band, win rate, conversion, avg sale, cycle days, retention,
    // churn. Rates as "42.0%", nulls as "—", a trend arrow (▲ ▼ =) where the KPI has a change.
    std::string table() const;

    // RFC 4180: seller_id,name,score,band, then one column per KPI value in the order the KPIs
    // first appear (map KPIs as one column per key: "stage_conversion.<stage_id>"), CRLF line ends.
    std::string csv() const;

private:
    const boost::json::value& scorecard_;
};

}  // namespace sellerscore::host
