#include <catch2/catch.hpp>

#include "kpi_test_data.hpp"
#include "plugin/kpi/kpi_engine.hpp"
#include "plugin/kpi/seller_score.hpp"

using namespace sellerscore;
using namespace sellerscore::kpi;
using namespace sellerscore::kpi::test;

namespace {

KpiConfig weighted(std::map<std::string, double> weights) {
    KpiConfig c = config();
    c.score_weights = std::move(weights);
    return c;
}

}  // namespace

TEST_CASE("a single eligible seller sits at the 50th percentile on every component", "[kpi][score]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {won("d1", "ana", 10, 900, 950)};
    const Scorecard card = compute_scorecard(data, config());
    const SellerResult& ana = seller_result(card, "ana");
    CHECK(ana.eligible);
    CHECK(ana.score == 50.0);
    CHECK(ana.band == 'B');
}

TEST_CASE("an inactive seller, or one with no activity and no deal in W, has a null score and band",
          "[kpi][score]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob", false), seller("cy"), seller("dee")};
    data.deals = {won("d1", "ana", 10, 900, 950), won("d2", "bob", 10, 900, 950), won("d3", "cy", 10, 800, 850)};
    data.activities = {email_to("dee", "c1", day(990))};
    const Scorecard card = compute_scorecard(data, config());
    CHECK_FALSE(seller_result(card, "bob").eligible);
    CHECK_FALSE(seller_result(card, "bob").score);
    CHECK_FALSE(seller_result(card, "bob").band);
    CHECK_FALSE(seller_result(card, "cy").eligible);
    CHECK_FALSE(seller_result(card, "cy").score);
    CHECK(seller_result(card, "dee").eligible);
    CHECK(seller_result(card, "ana").eligible);
}

TEST_CASE("tied sellers share the percentile: strictly worse count 1, ties count a half", "[kpi][score]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob"), seller("cy"), seller("dee")};
    data.deals = {won("a1", "ana", 10, 900, 950), won("a2", "ana", 10, 900, 950), won("b1", "bob", 10, 900, 950),
                  won("b2", "bob", 10, 900, 950), won("c1", "cy", 10, 900, 950), open_deal("d1", "dee", 950)};
    const Scorecard card = compute_scorecard(data, weighted({{"deals_won_count", 1}}));
    // won: ana 2, bob 2, cy 1, dee 0; n = 4, n − 1 = 3.
    // ana: worse cy, dee; tied bob: (2 + 0.5) / 3 × 100 = 83.33 → 83.3 (A); bob the same.
    // cy: worse dee: 1 / 3 × 100 = 33.33 → 33.3 (C); dee: 0 (D)
    CHECK(seller_result(card, "ana").score == 83.3);
    CHECK(seller_result(card, "bob").score == 83.3);
    CHECK(seller_result(card, "ana").band == 'A');
    CHECK(seller_result(card, "cy").score == 33.3);
    CHECK(seller_result(card, "cy").band == 'C');
    CHECK(seller_result(card, "dee").score == 0.0);
    CHECK(seller_result(card, "dee").band == 'D');
}

TEST_CASE("values within 1e-9 relative of each other tie", "[kpi][score]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob"), seller("cy")};
    data.deals = {won("a1", "ana", 1e6, 900, 950), won("b1", "bob", 1e6 + 1e-4, 900, 950),
                  won("c1", "cy", 500, 900, 950)};
    const Scorecard card = compute_scorecard(data, weighted({{"revenue_won", 1}}));
    // 1e-4 / 1e6 = 1e-10 relative: ana and bob tie. each: (1 worse + 0.5 tied) / 2 × 100 = 75 (A)
    CHECK(seller_result(card, "ana").score == 75.0);
    CHECK(seller_result(card, "bob").score == 75.0);
    CHECK(seller_result(card, "cy").score == 0.0);
}

TEST_CASE("shrinkage pulls a one-for-one seller towards the team win rate", "[kpi][score]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob"), seller("cy")};
    data.deals = {won("a1", "ana", 10, 900, 950)};
    for (int i = 0; i < 10; ++i) {
        const std::string n = std::to_string(i);
        data.deals.push_back(i < 8 ? won("b" + n, "bob", 10, 900, 950) : lost("b" + n, "bob", 900, 950));
        data.deals.push_back(i < 2 ? won("c" + n, "cy", 10, 900, 950) : lost("c" + n, "cy", 900, 950));
    }
    const Scorecard card = compute_scorecard(data, weighted({{"win_rate", 1}}));
    // team p = 11 / 21, k = 5. ana 1/1 → (1 + 5·11/21) / 6 = 76/126 ≈ 0.603;
    // bob 8/10 → (8 + 55/21) / 15 = 223/315 ≈ 0.708; cy 2/10 → 97/315 ≈ 0.308.
    // bob 100, ana 50, cy 0 (unshrunk, ana's 1.0 would have ranked first)
    CHECK(seller_result(card, "bob").score == 100.0);
    CHECK(seller_result(card, "ana").score == 50.0);
    CHECK(seller_result(card, "cy").score == 0.0);
}

TEST_CASE("a seller with no trials on a ratio component gets the team value", "[kpi][score]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob"), seller("cy")};
    data.deals = {won("a1", "ana", 10, 900, 950), won("a2", "ana", 10, 900, 950), open_deal("b1", "bob", 950),
                  lost("c1", "cy", 900, 950), lost("c2", "cy", 900, 950)};
    const Scorecard card = compute_scorecard(data, weighted({{"win_rate", 1}}));
    // team p = 2 / 4 = 0.5. ana (2 + 2.5) / 7 ≈ 0.64; bob (no closed deal) = 0.5; cy (0 + 2.5) / 7 ≈ 0.36
    // ana 100, bob 50, cy 0 (a null for bob would have tied with both: ana 75, cy 25)
    CHECK(seller_result(card, "ana").score == 100.0);
    CHECK(seller_result(card, "bob").score == 50.0);
    CHECK(seller_result(card, "cy").score == 0.0);
}

TEST_CASE("a lower-is-better component ranks the smaller value higher", "[kpi][score]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob")};
    data.deals = {won("a1", "ana", 10, 940, 950), won("b1", "bob", 10, 900, 950)};
    const Scorecard card = compute_scorecard(data, weighted({{"avg_sales_cycle_days", 1}}));
    // ana 10 days, bob 50 days (shrinking both towards 30 keeps the order)
    CHECK(seller_result(card, "ana").score == 100.0);
    CHECK(seller_result(card, "bob").score == 0.0);
}

TEST_CASE("the weighted score is rounded half up before the band is read", "[kpi][score]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob"), seller("cy")};
    data.deals = {won("a1", "ana", 50, 900, 950),  won("a2", "ana", 50, 900, 950), won("b1", "bob", 100, 900, 950),
                  won("b2", "bob", 100, 900, 950), won("c1", "cy", 0, 900, 950)};
    const Scorecard card = compute_scorecard(data, weighted({{"deals_won_count", 0.998}, {"revenue_won", 0.002}}));
    // deals won 2, 2, 1: ana and bob 75, cy 0. revenue 100, 200, 0: ana 50, bob 100, cy 0.
    // ana 0.998·75 + 0.002·50 = 74.95 → 75.0 (A); bob 74.85 + 0.2 = 75.05 → 75.1 (A)
    CHECK(seller_result(card, "ana").score == 75.0);
    CHECK(seller_result(card, "ana").band == 'A');
    CHECK(seller_result(card, "bob").score == 75.1);
}

TEST_CASE("round_half_up_to_tenth rounds an exact half up and anything below it down", "[kpi][score]") {
    CHECK(round_half_up_to_tenth(74.95) == 75.0);
    CHECK(round_half_up_to_tenth(74.9499) == 74.9);
    CHECK(round_half_up_to_tenth(0.05) == 0.1);
    CHECK(round_half_up_to_tenth(100.0) == 100.0);
}

TEST_CASE("the band is A from 75, B from 50, C from 25, else D", "[kpi][score]") {
    CHECK(score_band(75.0) == 'A');
    CHECK(score_band(74.9) == 'B');
    CHECK(score_band(50.0) == 'B');
    CHECK(score_band(49.9) == 'C');
    CHECK(score_band(25.0) == 'C');
    CHECK(score_band(24.9) == 'D');
}

TEST_CASE("the previous score is the score of the previous window's KPIs among the sellers eligible then",
          "[kpi][score]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob"), seller("cy"), seller("dee", false)};
    // P = [day 820, day 910): ana wins 2, bob 1, cy nothing (not eligible then), dee 3 but inactive.
    // W = [day 910, day 1000): ana wins 1, bob 2, cy only an email (eligible, 0 won).
    data.deals = {won("a1", "ana", 10, 840, 850), won("a2", "ana", 10, 850, 860), won("b1", "bob", 10, 860, 870),
                  won("d1", "dee", 10, 830, 840), won("d2", "dee", 10, 830, 845), won("d3", "dee", 10, 830, 850),
                  won("a3", "ana", 10, 940, 950), won("b2", "bob", 10, 950, 960), won("b3", "bob", 10, 960, 970)};
    data.activities = {email_to("cy", "k1", day(990))};
    const Scorecard card = compute_scorecard(data, weighted({{"deals_won_count", 1}}));
    // W, n = 3: bob beats ana and cy: 2/2 × 100 = 100 (A); ana beats cy: 50 (B); cy 0 (D).
    CHECK(seller_result(card, "bob").score == 100.0);
    CHECK(seller_result(card, "ana").score == 50.0);
    CHECK(seller_result(card, "cy").score == 0.0);
    // P, n = 2 (ana, bob; dee is inactive, cy had nothing): ana 2 beats bob 1: ana 100 (A), bob 0 (D).
    CHECK(seller_result(card, "ana").previous_score == 100.0);
    CHECK(seller_result(card, "ana").previous_band == 'A');
    CHECK(seller_result(card, "bob").previous_score == 0.0);
    CHECK(seller_result(card, "bob").previous_band == 'D');
    CHECK_FALSE(seller_result(card, "cy").previous_score);
    CHECK_FALSE(seller_result(card, "cy").previous_band);
    CHECK_FALSE(seller_result(card, "dee").previous_score);
}
