// The scorecard renderer on a hand-written KPIS.md §8 document.
#include <sstream>

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include "host/scorecard_renderer.hpp"

using sellerscore::host::ScorecardRenderer;

namespace {

// Ana has trends in every direction; Bo (a name that needs CSV quoting) has the best score and a
// null win rate; Cy is not eligible (no score, no band).
const boost::json::value scorecard = boost::json::parse(R"({
  "as_of": "2026-03-01T00:00:00Z",
  "window": {"start": "2025-12-01T00:00:00Z", "end": "2026-03-01T00:00:00Z"},
  "sellers": [
    {"id": "s1", "name": "Ana", "team": "North", "score": 71.5, "band": "B",
     "kpis": {"win_rate": {"value": 0.4, "previous": 0.35, "change": 0.05},
              "conversion_rate": {"value": 0.25, "previous": 0.25, "change": 0},
              "avg_sale_value": {"value": 12345.6, "previous": null, "change": null},
              "avg_sales_cycle_days": {"value": 34.5, "previous": 30, "change": 0.15},
              "retention_rate": {"value": 0.8, "previous": 0.9, "change": -0.1},
              "churn_rate": {"value": 0.2, "previous": 0.1, "change": 0.1},
              "csat": {"value": 0.875, "previous": 0.9, "change": -0.025},
              "nps": {"value": 42.4, "previous": 30, "change": 12.4},
              "on_time_delivery_rate": {"value": 0.95, "previous": null, "change": null},
              "stage_conversion": {"qualified": 0.5}}},
    {"id": "s2", "name": "Bo, Jr.", "team": null, "score": 88, "band": "A",
     "kpis": {"win_rate": {"value": null, "previous": null, "change": null}}},
    {"id": "s3", "name": "Cy", "team": "North", "score": null, "band": null, "kpis": {}}
  ],
  "team": {"kpis": {"win_rate": {"value": 0.5, "previous": 0.5, "change": 0}}}
})");

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::size_t line_starting_with(const std::vector<std::string>& lines, const std::string& prefix) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].rfind(prefix, 0) == 0) return i;
    }
    return lines.size();
}

bool contains_in_order(const std::string& line, const std::vector<std::string>& cells) {
    std::size_t at = 0;
    for (const std::string& cell : cells) {
        at = line.find(cell, at);
        if (at == std::string::npos) return false;
        at += cell.size();
    }
    return true;
}

}  // namespace

TEST_CASE("the scorecard table names the as_of and the window") {
    const std::string table = ScorecardRenderer(scorecard).table();
    CHECK(lines_of(table).front() ==
          "Seller scorecard as of 2026-03-01T00:00:00Z (window 2025-12-01T00:00:00Z to 2026-03-01T00:00:00Z)");
}

TEST_CASE("the scorecard table lists sellers best score first and unscored last") {
    const std::vector<std::string> lines = lines_of(ScorecardRenderer(scorecard).table());
    const std::size_t bo = line_starting_with(lines, "Bo, Jr.");
    const std::size_t ana = line_starting_with(lines, "Ana");
    const std::size_t cy = line_starting_with(lines, "Cy");
    REQUIRE(cy < lines.size());
    CHECK(bo < ana);
    CHECK(ana < cy);
}

TEST_CASE("the scorecard table shows percentages with trend arrows and grouped money and dashes for nulls") {
    const std::vector<std::string> lines = lines_of(ScorecardRenderer(scorecard).table());
    const std::string ana = lines[line_starting_with(lines, "Ana")];
    // win 0.4 up, conversion 0.25 unchanged, avg sale 12,346 without trend, cycle 34.5 up,
    // retention 0.8 down, churn 0.2 up.
    CHECK(contains_in_order(ana, {"Ana", "North", "71.5", "B", "40.0% ▲", "25.0% =", "12,346", "34.5 ▲", "80.0% ▼",
                                  "20.0% ▲"}));
    // csat 0.875 down, nps 42.4 points up (whole points), on time 0.95 without trend.
    CHECK(contains_in_order(ana, {"20.0% ▲", "87.5% ▼", "42 ▲", "95.0%"}));
    CHECK(ana.find("95.0% ▲") == std::string::npos);
    for (const char* arrow : {"12,346 ▲", "12,346 ▼", "12,346 ="}) {
        CHECK(ana.find(arrow) == std::string::npos);  // no arrow where the change is null
    }
    const std::string cy = lines[line_starting_with(lines, "Cy")];
    CHECK(contains_in_order(cy, {"Cy", "North", "—", "—", "—", "—", "—", "—", "—", "—"}));
}

TEST_CASE("the scorecard table ends with the team's KPIs") {
    const std::vector<std::string> lines = lines_of(ScorecardRenderer(scorecard).table());
    CHECK(contains_in_order(lines.back(), {"All sellers", "50.0% ="}));
}

TEST_CASE("the scorecard CSV has a header of ids and one column per KPI value") {
    const std::vector<std::string> lines = lines_of(ScorecardRenderer(scorecard).csv());
    REQUIRE(lines.size() == 4);
    // Columns in the order the KPIs first appear, sellers taken best first: Bo brings win_rate.
    CHECK(lines[0] == "seller_id,name,score,band,win_rate,conversion_rate,avg_sale_value,avg_sales_cycle_days,"
                      "retention_rate,churn_rate,csat,nps,on_time_delivery_rate,stage_conversion.qualified\r");
}

TEST_CASE("the scorecard CSV quotes per RFC 4180 and leaves nulls empty") {
    const std::vector<std::string> lines = lines_of(ScorecardRenderer(scorecard).csv());
    REQUIRE(lines.size() == 4);
    CHECK(lines[1] == "s2,\"Bo, Jr.\",88,A,,,,,,,,,,\r");
    CHECK(lines[2] == "s1,Ana,71.5,B,0.4,0.25,12345.6,34.5,0.8,0.2,0.875,42.4,0.95,0.5\r");
    CHECK(lines[3] == "s3,Cy,,,,,,,,,,,,\r");
}
