#include <catch2/catch.hpp>

#include "kpi_test_data.hpp"
#include "plugin/kpi/kpi_engine.hpp"
#include "plugin/kpi/seller_score_drivers.hpp"
#include "plugin/kpi/seller_score_drivers_text.hpp"

using namespace sellerscore;
using namespace sellerscore::kpi;
using namespace sellerscore::kpi::test;

namespace {

// ana wins the most deals, bob the most revenue, cy is in the middle on both.
//   deals_won_count (w 2): ana 3 → 100, cy 2 → 50, bob 1 → 0   (n − 1 = 2)
//   revenue_won     (w 1): bob 900 → 100, cy 550 → 50, ana 300 → 0
Scorecard two_component_card() {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob"), seller("cy")};
    data.deals = {won("a1", "ana", 100, 900, 950), won("a2", "ana", 100, 900, 950), won("a3", "ana", 100, 900, 950),
                  won("b1", "bob", 900, 900, 950), won("c1", "cy", 500, 900, 950),  won("c2", "cy", 50, 900, 950)};
    KpiConfig c = config();
    c.score_weights = {{"deals_won_count", 2}, {"revenue_won", 1}};
    return compute_scorecard(data, c);
}

ScoreDriver driver(std::string kpi, std::optional<double> value, double percentile, double points) {
    return {std::move(kpi), value, std::nullopt, percentile, points};
}

}  // namespace

TEST_CASE("a driver's points are its weight share of the distance from 50", "[kpi][score][drivers]") {
    const Scorecard card = two_component_card();
    const SellerResult& ana = seller_result(card, "ana");
    // (2·100 + 1·0) ÷ 3 = 66.67 → 66.7. deals_won: 2·(100 − 50) ÷ 3 = +33.33; revenue: 1·(0 − 50) ÷ 3 = −16.67;
    // together +16.67 = 66.67 − 50.
    CHECK(ana.score == 66.7);
    REQUIRE(ana.drivers.lifts.size() == 1);
    REQUIRE(ana.drivers.holds.size() == 1);
    const ScoreDriver& lift = ana.drivers.lifts[0];
    CHECK(lift.kpi == "deals_won_count");
    CHECK(lift.value == 3.0);
    CHECK(lift.team_value == 6.0);  // 3 + 1 + 2 deals won by the organisation
    CHECK(lift.percentile == 100.0);
    CHECK(lift.points == Approx(100.0 / 3));
    const ScoreDriver& hold = ana.drivers.holds[0];
    CHECK(hold.kpi == "revenue_won");
    CHECK(hold.value == 300.0);
    CHECK(hold.team_value == 1750.0);  // 300 + 900 + 550
    CHECK(hold.percentile == 0.0);
    CHECK(hold.points == Approx(-50.0 / 3));
}

TEST_CASE("the same components lift one seller and hold down another", "[kpi][score][drivers]") {
    const Scorecard card = two_component_card();
    const SellerResult& bob = seller_result(card, "bob");
    // (2·0 + 1·100) ÷ 3 = 33.3: revenue lifts by 50/3, deals won holds down by 100/3.
    CHECK(bob.score == 33.3);
    REQUIRE(bob.drivers.lifts.size() == 1);
    CHECK(bob.drivers.lifts[0].kpi == "revenue_won");
    CHECK(bob.drivers.lifts[0].points == Approx(50.0 / 3));
    REQUIRE(bob.drivers.holds.size() == 1);
    CHECK(bob.drivers.holds[0].kpi == "deals_won_count");
    CHECK(bob.drivers.holds[0].points == Approx(-100.0 / 3));
}

TEST_CASE("a seller at the 50th percentile on every component has no drivers", "[kpi][score][drivers]") {
    const Scorecard card = two_component_card();
    const SellerResult& cy = seller_result(card, "cy");
    CHECK(cy.score == 50.0);
    CHECK(cy.drivers.lifts.empty());
    CHECK(cy.drivers.holds.empty());
}

TEST_CASE("an ineligible seller has no drivers", "[kpi][score][drivers]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob", false)};
    data.deals = {won("a1", "ana", 10, 900, 950), won("b1", "bob", 90, 900, 950)};
    const Scorecard card = compute_scorecard(data, config());
    CHECK_FALSE(seller_result(card, "bob").score);
    CHECK(seller_result(card, "bob").drivers.lifts.empty());
    CHECK(seller_result(card, "bob").drivers.holds.empty());
}

TEST_CASE("at most three drivers each way, the most points first, equal points by KPI id", "[kpi][score][drivers]") {
    const ScoreDrivers d = pick_score_drivers({driver("a_rate", 0.1, 60, 2), driver("b_rate", 0.1, 90, 8),
                                               driver("c_rate", 0.1, 70, 4), driver("d_rate", 0.1, 70, 4),
                                               driver("e_rate", 0.1, 55, 1), driver("f_rate", 0.1, 10, -9),
                                               driver("g_rate", 0.1, 40, -3), driver("h_rate", 0.1, 50, 0)});
    REQUIRE(d.lifts.size() == 3);
    CHECK(d.lifts[0].kpi == "b_rate");
    CHECK(d.lifts[1].kpi == "c_rate");
    CHECK(d.lifts[2].kpi == "d_rate");
    REQUIRE(d.holds.size() == 2);
    CHECK(d.holds[0].kpi == "f_rate");
    CHECK(d.holds[1].kpi == "g_rate");
}

TEST_CASE("the drivers line: arrow, label, value in the KPI's unit, standing among the sellers",
          "[kpi][score][drivers]") {
    ScoreDrivers d;
    d.lifts = {driver("win_rate", 0.78, 90, 8)};
    d.holds = {driver("follow_up_rate", 0.41, 25, -2)};
    CHECK(score_drivers_text(d) == "\u2191 win rate 78% (top 10%) \u00b7 \u2193 follow up rate 41% (bottom 25%)");
}

TEST_CASE("the drivers line prints days, hours, money and a missing value", "[kpi][score][drivers]") {
    ScoreDrivers d;
    d.lifts = {driver("avg_sales_cycle_days", 32.4, 80, 6), driver("avg_sale_value", 1249.6, 66.7, 3)};
    d.holds = {driver("lead_response_time_h", 3.0, 0, -5), driver("response_rate", std::nullopt, 45, -1)};
    CHECK(score_drivers_text(d) ==
          "\u2191 avg sales cycle 32.4 d (top 20%) \u00b7 \u2191 avg sale value 1250 (top 33%) \u00b7 "
          "\u2193 lead response time 3.0 h (bottom 1%) \u00b7 \u2193 response rate n/a (bottom 45%)");
}

TEST_CASE("no drivers, an empty line (the field is cleared)", "[kpi][score][drivers]") {
    CHECK(score_drivers_text(ScoreDrivers{}).empty());
}

TEST_CASE("a line over 255 bytes drops the drivers with the fewest points until it fits",
          "[kpi][score][drivers]") {
    CHECK(drivers_text_max_bytes == 255);  // Salesforce Text(255), Pipedrive varchar
    // Each: "↑ " (2) + 100 × "x" + " 1" (2) + " (top 10%)" (10) = 114 characters, 116 bytes (↑ is 3).
    const std::string x(100, 'x');
    ScoreDrivers d;
    d.lifts = {driver(x, 1, 90, 9), driver(x, 1, 90, 8), driver(x, 1, 90, 7)};
    const std::string one = "\u2191 " + x + " 1 (top 10%)";
    REQUIRE(utf8_length(one) == 114);
    REQUIRE(one.size() == 116);
    // " · " is 3 characters, 4 bytes. Three: 116·3 + 4·2 = 356 bytes > 255; two: 116·2 + 4 = 236.
    const std::string text = score_drivers_text(d);
    CHECK(text == one + " \u00b7 " + one);
    CHECK(text.size() == 236);
    CHECK(utf8_length(text) == 231);
}

TEST_CASE("a tail lift with fewer points than the tail hold is dropped first", "[kpi][score][drivers]") {
    ScoreDrivers d;
    d.lifts = {driver("win_rate", 0.78, 90, 1)};
    d.holds = {driver("follow_up_rate", 0.41, 25, -5)};
    // "↑ win rate 78% (top 10%)" 26 bytes + " · " 4 + "↓ follow up rate 41% (bottom 25%)" 35 = 65.
    CHECK(score_drivers_text(d).size() == 65);
    CHECK(score_drivers_text(d, 65) == score_drivers_text(d));
    CHECK(score_drivers_text(d, 64) == "\u2193 follow up rate 41% (bottom 25%)");
}
