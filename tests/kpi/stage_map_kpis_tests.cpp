#include <catch2/catch.hpp>

#include "kpi_test_data.hpp"
#include "plugin/kpi/kpi_engine.hpp"

using namespace sellerscore;
using namespace sellerscore::kpi;
using namespace sellerscore::kpi::test;

namespace {

// Pipeline "p": s1 → s2 → s3 → won, and lost above them all; pipeline "q" has one open stage.
std::vector<model::Stage> funnel() {
    using model::StageKind;
    return {{"s1", "p", "Qualify", 1, StageKind::open, 0.1},
            {"s2", "p", "Propose", 2, StageKind::open, 0.5},
            {"s3", "p", "Negotiate", 3, StageKind::open, 0.8},
            {"won", "p", "Won", 4, StageKind::won, 1.0},
            {"lost", "p", "Lost", 5, StageKind::lost, 0.0},
            {"q1", "q", "Inbound", 1, StageKind::open, std::nullopt}};
}

model::StageChange change(std::string deal_id, std::string stage_id, double entered_day) {
    return {std::move(deal_id), std::move(stage_id), day(entered_day)};
}

model::Dataset one_seller_funnel() {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.stages = funnel();
    return data;
}

StageMap map_of(const Scorecard& card, const std::string& seller_id, const std::string& map_id) {
    return seller_result(card, seller_id).maps.at(map_id);
}

}  // namespace

TEST_CASE("stage maps are keyed by every open stage of every pipeline and null without observations",
          "[kpi][stages]") {
    const Scorecard card = compute_scorecard(one_seller_funnel(), config());
    for (const std::string map_id : {"stage_conversion", "avg_days_in_stage"}) {
        const StageMap map = map_of(card, "ana", map_id);
        REQUIRE(map.size() == 4);
        for (const std::string stage : {"s1", "s2", "s3", "q1"}) CHECK_FALSE(map.at(stage));
        CHECK(card.team_maps.at(map_id).size() == 4);
    }
}

TEST_CASE("stage_conversion is the share of deals entering a stage that moved on and a win passes skipped stages",
          "[kpi][stages]") {
    model::Dataset data = one_seller_funnel();
    data.deals = {won("d1", "ana", 10, 920, 945), lost("d2", "ana", 925, 935)};
    data.stage_changes = {change("d1", "s1", 920), change("d1", "s2", 930), change("d2", "s1", 925),
                          change("d2", "lost", 935)};
    const Scorecard card = compute_scorecard(data, config());
    const StageMap conversion = map_of(card, "ana", "stage_conversion");
    // s1: d1 moved on to s2, d2 went to lost: 1 / 2. s2: d1 was won: 1 / 1. s3: d1 was won without entering
    // s3, so it entered and passed s3 at its close: 1 / 1. q1: no deal
    CHECK(conversion.at("s1") == Approx(0.5));
    CHECK(conversion.at("s2") == Approx(1.0));
    CHECK(conversion.at("s3") == Approx(1.0));
    CHECK_FALSE(conversion.at("q1"));
}

TEST_CASE("a deal jumping over a stage enters and passes it without a stay in it", "[kpi][stages]") {
    model::Dataset data = one_seller_funnel();
    data.deals = {open_deal("d1", "ana", 920)};
    data.stage_changes = {change("d1", "s1", 920), change("d1", "s3", 930)};
    const Scorecard card = compute_scorecard(data, config());
    const StageMap conversion = map_of(card, "ana", "stage_conversion");
    const StageMap days = map_of(card, "ana", "avg_days_in_stage");
    // s1 and the skipped s2 are passed at day 930; d1 still sits in s3
    CHECK(conversion.at("s1") == Approx(1.0));
    CHECK(conversion.at("s2") == Approx(1.0));
    CHECK(conversion.at("s3") == Approx(0.0));
    // the only finished stay: s1 from day 920 to 930
    CHECK(days.at("s1") == Approx(10.0));
    CHECK_FALSE(days.at("s2"));
    CHECK_FALSE(days.at("s3"));
}

TEST_CASE("a deal created in a stage above k entered and passed k when it was created", "[kpi][stages]") {
    model::Dataset data = one_seller_funnel();
    data.deals = {open_deal("d1", "ana", 920)};
    data.stage_changes = {change("d1", "s3", 920)};
    const Scorecard card = compute_scorecard(data, config());
    const StageMap conversion = map_of(card, "ana", "stage_conversion");
    CHECK(conversion.at("s1") == Approx(1.0));
    CHECK(conversion.at("s2") == Approx(1.0));
    CHECK(conversion.at("s3") == Approx(0.0));
}

TEST_CASE("a deal that moves backwards counts once per stage from its first entry in W", "[kpi][stages]") {
    model::Dataset data = one_seller_funnel();
    data.deals = {open_deal("d1", "ana", 915), open_deal("d2", "ana", 900)};
    data.stage_changes = {change("d1", "s1", 915), change("d1", "s2", 920), change("d1", "s3", 930),
                          change("d1", "s2", 940), change("d2", "s1", 900), change("d2", "s2", 905),
                          change("d2", "s1", 920)};
    const Scorecard card = compute_scorecard(data, config());
    const StageMap conversion = map_of(card, "ana", "stage_conversion");
    const StageMap days = map_of(card, "ana", "avg_days_in_stage");
    // s1: d1 entered on 915 and moved on; d2 re-entered s1 on 920 (its first entry on 900 is before W) and
    // stayed: 1 / 2. s2: d1 entered on 920 and reached s3 (its return on 940 is not a second entry); d2
    // entered s2 before W: 1 / 1. s3: d1 went back down: 0 / 1
    CHECK(conversion.at("s1") == Approx(0.5));
    CHECK(conversion.at("s2") == Approx(1.0));
    CHECK(conversion.at("s3") == Approx(0.0));
    // stays ending in W: s1 915→920 (5 d); s2 920→930 (10 d) and d2's 905→920 (15 d); s3 930→940 (10 d).
    // d2's s1 stay 900→905 ended before W; the current stays have not ended
    CHECK(days.at("s1") == Approx(5.0));
    CHECK(days.at("s2") == Approx(12.5));
    CHECK(days.at("s3") == Approx(10.0));
}

TEST_CASE("entering a lost stage never converts even when it is ordered higher", "[kpi][stages]") {
    model::Dataset data = one_seller_funnel();
    data.deals = {lost("d1", "ana", 920, 930)};
    data.stage_changes = {change("d1", "s1", 920), change("d1", "lost", 930)};
    const Scorecard card = compute_scorecard(data, config());
    CHECK(map_of(card, "ana", "stage_conversion").at("s1") == Approx(0.0));
    CHECK_FALSE(map_of(card, "ana", "stage_conversion").at("s2"));
    CHECK(map_of(card, "ana", "avg_days_in_stage").at("s1") == Approx(10.0));
}

TEST_CASE("stage moves and closes after as_of do not convert or end a stay", "[kpi][stages]") {
    model::Dataset data = one_seller_funnel();
    data.deals = {won("d1", "ana", 10, 920, 1010)};
    data.stage_changes = {change("d1", "s1", 920), change("d1", "s2", 1005), change("d1", "won", 1010)};
    const Scorecard card = compute_scorecard(data, config());
    CHECK(map_of(card, "ana", "stage_conversion").at("s1") == Approx(0.0));
    CHECK_FALSE(map_of(card, "ana", "stage_conversion").at("s2"));
    CHECK_FALSE(map_of(card, "ana", "avg_days_in_stage").at("s1"));
}

TEST_CASE("avg_days_in_stage ends the last stay at the close and keeps only stays ending in W", "[kpi][stages]") {
    model::Dataset data = one_seller_funnel();
    data.deals = {won("d1", "ana", 10, 900, 962), lost("d2", "ana", 850, 930)};
    data.stage_changes = {change("d1", "s1", 900), change("d1", "s2", 950), change("d2", "s1", 850),
                          change("d2", "s2", 905)};
    const Scorecard card = compute_scorecard(data, config());
    const StageMap days = map_of(card, "ana", "avg_days_in_stage");
    // s1: d1 900→950 = 50 d; d2's 850→905 ended before W. s2: d1 950→962 (its close) = 12 d, d2 905→930 (its
    // close) = 25 d: (12 + 25) / 2 = 18.5
    CHECK(days.at("s1") == Approx(50.0));
    CHECK(days.at("s2") == Approx(18.5));
}

TEST_CASE("the organisation's stage maps pool every seller's deals", "[kpi][stages]") {
    model::Dataset data = one_seller_funnel();
    data.sellers.push_back(seller("bob"));
    data.deals = {open_deal("d1", "ana", 920), lost("d2", "bob", 920, 940)};
    data.stage_changes = {change("d1", "s1", 920), change("d1", "s2", 930), change("d2", "s1", 920),
                          change("d2", "lost", 940)};
    const Scorecard card = compute_scorecard(data, config());
    // s1: ana's d1 moved on, bob's d2 was lost: 1 / 2 for the organisation
    CHECK(map_of(card, "ana", "stage_conversion").at("s1") == Approx(1.0));
    CHECK(map_of(card, "bob", "stage_conversion").at("s1") == Approx(0.0));
    CHECK(card.team_maps.at("stage_conversion").at("s1") == Approx(0.5));
    // s1 stays: 10 d and 20 d
    CHECK(card.team_maps.at("avg_days_in_stage").at("s1") == Approx(15.0));
}
