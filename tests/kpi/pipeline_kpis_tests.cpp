#include <catch2/catch.hpp>

#include "kpi_test_data.hpp"
#include "plugin/kpi/kpi_engine.hpp"

using namespace sellerscore;
using namespace sellerscore::kpi;
using namespace sellerscore::kpi::test;

namespace {

// Pipeline "p": s1 (0.1) → s2 (0.5) → s3 (no probability) → won; lost.
std::vector<model::Stage> funnel() {
    using model::StageKind;
    return {{"s1", "p", "Qualify", 1, StageKind::open, 0.1},
            {"s2", "p", "Propose", 2, StageKind::open, 0.5},
            {"s3", "p", "Negotiate", 3, StageKind::open, std::nullopt},
            {"won", "p", "Won", 4, StageKind::won, 1.0},
            {"lost", "p", "Lost", 5, StageKind::lost, 0.0}};
}

model::StageChange change(std::string deal_id, std::string stage_id, double entered_day) {
    return {std::move(deal_id), std::move(stage_id), day(entered_day)};
}

model::Activity proposal(std::string owner, double at_day, std::optional<std::string> deal_id) {
    model::Activity a = activity(std::move(owner), "c1", day(at_day), model::ActivityType::proposal,
                                 model::Direction::outbound);
    a.deal_id = std::move(deal_id);
    return a;
}

model::Deal open_with(std::string id, std::optional<double> amount, double created_day) {
    model::Deal d = open_deal(std::move(id), "ana", created_day);
    d.amount = amount;
    return d;
}

}  // namespace

TEST_CASE("acceptance_rate is the share of won deals among proposals whose deal closed by as_of",
          "[kpi][pipeline]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob")};
    data.deals = {won("d1", "bob", 10, 900, 950), lost("d2", "ana", 900, 960), won("d3", "ana", 10, 900, 1005)};
    data.activities = {proposal("ana", 940, "d1"), proposal("ana", 941, "d2"), proposal("ana", 942, "d3"),
                       proposal("ana", 943, std::nullopt), proposal("ana", 944, "d1"),
                       proposal("ana", 1000.5, "d2")};  // after as_of
    const Scorecard card = compute_scorecard(data, config());
    // 5 proposals in W. Decided by as_of: d1 won (twice, whoever owns it), d2 lost; d3 closes after as_of and
    // the proposal without a deal cannot be decided: 2 won / 3 decided
    CHECK(kpi_of(card, "ana", "proposals_count").value == 5.0);
    CHECK(kpi_of(card, "ana", "acceptance_rate").value == Approx(2.0 / 3.0));
}

TEST_CASE("open deals are those created by as_of and not closed by as_of", "[kpi][pipeline]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.stages = funnel();
    data.deals = {open_with("d1", 100, 500), won("d2", "ana", 1000, 900, 950), won("d3", "ana", 200, 900, 1005),
                  open_with("d4", 5000, 1001), open_with("d5", std::nullopt, 950)};
    const Scorecard card = compute_scorecard(data, config());
    // d1 open; d2 won in W; d3 closes after as_of so it is open at as_of; d4 does not exist yet; d5 open with
    // a null amount: 3 open deals worth 100 + 200 + 0 = 300
    CHECK(kpi_of(card, "ana", "open_deals_count").value == 3.0);
    CHECK(kpi_of(card, "ana", "pipeline_value").value == 300.0);
}

TEST_CASE("weighted_pipeline_value uses each open deal's stage at as_of and a null probability as 0",
          "[kpi][pipeline]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.stages = funnel();
    data.deals = {open_with("d1", 100, 500), won("d3", "ana", 200, 900, 1005), open_with("d6", 1000, 900)};
    data.deals[1].stage_id = "won";
    data.stage_changes = {change("d1", "s1", 500), change("d3", "s1", 900), change("d3", "s2", 990),
                          change("d3", "won", 1005), change("d6", "s3", 900)};
    const Scorecard card = compute_scorecard(data, config());
    // d1 in s1: 100 × 0.1 = 10; d3 was in s2 at as_of (its win comes later): 200 × 0.5 = 100; d6 in s3 with a
    // null probability: 1000 × 0 = 0. Total 110, over a pipeline of 100 + 200 + 1000 = 1300
    CHECK(kpi_of(card, "ana", "weighted_pipeline_value").value == Approx(110.0));
    CHECK(kpi_of(card, "ana", "pipeline_value").value == 1300.0);
}

TEST_CASE("the previous window reads open deals as they stood at as_of minus window_days", "[kpi][pipeline]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.stages = funnel();
    data.deals = {won("d1", "ana", 400, 800, 950), open_with("d2", 50, 920)};
    data.stage_changes = {change("d1", "s1", 800), change("d1", "s2", 905), change("d2", "s1", 920)};
    const Scorecard card = compute_scorecard(data, config());
    // at day 910 only d1 exists, open, in s2: 1 deal, 400, weighted 400 × 0.5 = 200.
    // At day 1000 d1 is won and d2 is open in s1: 1 deal, 50, weighted 5
    CHECK(kpi_of(card, "ana", "open_deals_count").previous == 1.0);
    CHECK(kpi_of(card, "ana", "weighted_pipeline_value").previous == Approx(200.0));
    CHECK(kpi_of(card, "ana", "weighted_pipeline_value").value == Approx(5.0));
}

TEST_CASE("sales_velocity_per_day multiplies open deals by win rate and sale value over the cycle",
          "[kpi][pipeline]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {won("d1", "ana", 100, 940, 950), won("d2", "ana", 300, 930, 960), lost("d3", "ana", 900, 950),
                  lost("d4", "ana", 900, 950), open_deal("d5", "ana", 990), open_deal("d6", "ana", 991)};
    const Scorecard card = compute_scorecard(data, config());
    // 2 open × (2 won / 4 closed) × ((100 + 300) / 2) ÷ ((10 + 30) / 2 days) = 2 × 0.5 × 200 ÷ 20 = 10 per day
    CHECK(kpi_of(card, "ana", "sales_velocity_per_day").value == Approx(10.0));
}

TEST_CASE("sales_velocity_per_day is null without a win rate", "[kpi][pipeline]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {open_deal("d1", "ana", 990)};
    const Scorecard card = compute_scorecard(data, config());
    CHECK_FALSE(kpi_of(card, "ana", "sales_velocity_per_day").value);
}

TEST_CASE("sales_velocity_per_day is null when the sales cycle is zero days", "[kpi][pipeline]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {won("d1", "ana", 100, 950, 950), open_deal("d2", "ana", 990)};
    const Scorecard card = compute_scorecard(data, config());
    CHECK_FALSE(kpi_of(card, "ana", "sales_velocity_per_day").value);
}

TEST_CASE("sales_velocity_per_day is 0 when the seller has no open deal", "[kpi][pipeline]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {won("d1", "ana", 100, 940, 950)};
    const Scorecard card = compute_scorecard(data, config());
    // 0 open × 1 × 100 ÷ 10 = 0: every factor is defined
    CHECK(kpi_of(card, "ana", "sales_velocity_per_day").value == 0.0);
}

TEST_CASE("two stage changes at the same second leave the deal in its current stage whatever the input order",
          "[kpi][pipeline]") {
    // d1 (amount 200, currently in s2) enters s1 and s2 at the same second. Its stage at as_of is s2
    // (probability 0.5), so weighted_pipeline_value = 100 for either order of the two rows.
    for (const bool s2_first : {false, true}) {
        model::Dataset data;
        data.sellers = {seller("ana")};
        data.stages = funnel();
        model::Deal d = open_with("d1", 200, 950);
        d.stage_id = "s2";
        data.deals = {d};
        data.stage_changes = {change("d1", "s1", 950), change("d1", "s2", 950)};
        if (s2_first) std::swap(data.stage_changes[0], data.stage_changes[1]);
        INFO("s2 listed first: " << s2_first);
        CHECK(kpi_of(compute_scorecard(data, config()), "ana", "weighted_pipeline_value").value == Approx(100.0));
    }
}
