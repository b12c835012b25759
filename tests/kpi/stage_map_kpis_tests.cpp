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

namespace {

// Pipelines "a" (a1 → a2 → a3 → aw) and "b" (b1 → b2 → b3 → bw, and bl lost), for deals that move
// between pipelines (KPIS.md §3).
model::Dataset two_pipelines() {
    using model::StageKind;
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.stages = {{"a1", "a", "Demo", 1, StageKind::open, 0.1},     {"a2", "a", "Proposal", 2, StageKind::open, 0.2},
                   {"a3", "a", "Contract", 3, StageKind::open, 0.3}, {"aw", "a", "Won", 4, StageKind::won, 1.0},
                   {"b1", "b", "Intake", 1, StageKind::open, 0.4},   {"b2", "b", "Scoping", 2, StageKind::open, 0.5},
                   {"b3", "b", "Approval", 3, StageKind::open, 0.6}, {"bw", "b", "Won", 4, StageKind::won, 1.0},
                   {"bl", "b", "Lost", 5, StageKind::lost, 0.0}};
    return data;
}

model::Deal in_stage(model::Deal deal, std::string pipeline, std::string stage) {
    deal.pipeline_id = std::move(pipeline);
    deal.stage_id = std::move(stage);
    return deal;
}

}  // namespace

TEST_CASE("a deal moved into another pipeline enters it at its new stage and keeps its entries in the old one",
          "[kpi][stages]") {
    model::Dataset data = two_pipelines();
    data.deals = {in_stage(won("d1", "ana", 10, 920, 950), "b", "bw"),
                  in_stage(lost("d2", "ana", 920, 940), "b", "bl"),
                  in_stage(won("d3", "ana", 10, 920, 960), "b", "b1")};
    data.stage_changes = {// d1: a1, a2, moved to B at b2, b3, won in B
                          change("d1", "a1", 920), change("d1", "a2", 925), change("d1", "b2", 930),
                          change("d1", "b3", 940), change("d1", "bw", 950),
                          // d2: a1, moved to B at b1, lost there
                          change("d2", "a1", 920), change("d2", "b1", 930), change("d2", "bl", 940),
                          // d3: a1, moved to B at b1, won on day 960 without a won stage recorded
                          change("d3", "a1", 920), change("d3", "b1", 930)};
    const Scorecard card = compute_scorecard(data, config());
    const StageMap conversion = map_of(card, "ana", "stage_conversion");
    // a1: d1 reached a2 (1); d2 never went higher in A and was lost (0); d3 was won (1): 2 / 3.
    // a2: d1 never went higher in A, but was won: 1 / 1. a3: nobody.
    CHECK(conversion.at("a1") == Approx(2.0 / 3.0));
    CHECK(conversion.at("a2") == Approx(1.0));
    CHECK_FALSE(conversion.at("a3"));
    // b1: d1 arrived at b2, so entered and passed b1 (1); d2 lost (0); d3 won (1): 2 / 3.
    // b2: d1 went on to b3 (1); d3, won from b1, jumped over b2 and b3 at its win (1): 1. b3: both won: 1.
    CHECK(conversion.at("b1") == Approx(2.0 / 3.0));
    CHECK(conversion.at("b2") == Approx(1.0));
    CHECK(conversion.at("b3") == Approx(1.0));
    // Stays end at the next change whatever its pipeline: a1 d1 5, d2 10, d3 10; a2 d1 5; b1 d2 10 (to
    // lost), d3 30 (to its close); b2 d1 10; b3 d1 10 (to the won stage).
    const StageMap days = map_of(card, "ana", "avg_days_in_stage");
    CHECK(days.at("a1") == Approx(25.0 / 3.0));
    CHECK(days.at("a2") == Approx(5.0));
    CHECK_FALSE(days.at("a3"));
    CHECK(days.at("b1") == Approx(20.0));
    CHECK(days.at("b2") == Approx(10.0));
    CHECK(days.at("b3") == Approx(10.0));
}

TEST_CASE("a deal that goes from pipeline A to B and back to A re-enters A at the stage it comes back to",
          "[kpi][stages]") {
    model::Dataset data = two_pipelines();
    data.deals = {in_stage(open_deal("d1", "ana", 920), "a", "a3"), in_stage(open_deal("d2", "ana", 920), "a", "a1")};
    data.stage_changes = {// d1: a1, a2, to B at b1, b2, back to A at a1, then jumps to a3
                          change("d1", "a1", 920), change("d1", "a2", 925), change("d1", "b1", 930),
                          change("d1", "b2", 935), change("d1", "a1", 940), change("d1", "a3", 950),
                          // d2: created at a2 (a1 passed), to B at b1, back to A at a1
                          change("d2", "a2", 920), change("d2", "b1", 930), change("d2", "a1", 940)};
    const Scorecard card = compute_scorecard(data, config());
    const StageMap conversion = map_of(card, "ana", "stage_conversion");
    // a1: d1 reached a2 (1); d2 passed a1 when created at a2 (1): 1.
    // a2: d1 reached a3 after coming back (1); d2 came back below a2 and stayed (0): 1 / 2.
    // a3: d1 sits there (0). b1: d1 reached b2 (1), d2 left B from b1 (0): 1 / 2. b2: d1 left B (0).
    CHECK(conversion.at("a1") == Approx(1.0));
    CHECK(conversion.at("a2") == Approx(0.5));
    CHECK(conversion.at("a3") == Approx(0.0));
    CHECK(conversion.at("b1") == Approx(0.5));
    CHECK(conversion.at("b2") == Approx(0.0));
    CHECK_FALSE(conversion.at("b3"));
    // a1: d1 920→925 (5) and 940→950 (10); a2: d1 925→930 (5), d2 920→930 (10); b1: d1 930→935 (5),
    // d2 930→940 (10); b2: d1 935→940 (5). Current stays have not ended.
    const StageMap days = map_of(card, "ana", "avg_days_in_stage");
    CHECK(days.at("a1") == Approx(7.5));
    CHECK(days.at("a2") == Approx(7.5));
    CHECK(days.at("b1") == Approx(7.5));
    CHECK(days.at("b2") == Approx(5.0));
    CHECK_FALSE(days.at("a3"));
}

TEST_CASE("a deal going back and forth inside one pipeline has one observation per stay", "[kpi][stages]") {
    model::Dataset data = two_pipelines();
    data.deals = {in_stage(open_deal("d1", "ana", 920), "a", "a2")};
    // demo → proposal → demo → proposal
    data.stage_changes = {change("d1", "a1", 920), change("d1", "a2", 930), change("d1", "a1", 934),
                          change("d1", "a2", 950)};
    const Scorecard card = compute_scorecard(data, config());
    const StageMap conversion = map_of(card, "ana", "stage_conversion");
    const StageMap days = map_of(card, "ana", "avg_days_in_stage");
    // a1 was passed (day 930); a2 never went higher
    CHECK(conversion.at("a1") == Approx(1.0));
    CHECK(conversion.at("a2") == Approx(0.0));
    // a1: 920→930 (10) and 934→950 (16): 13; a2: 930→934 (4), the stay from day 950 has not ended
    CHECK(days.at("a1") == Approx(13.0));
    CHECK(days.at("a2") == Approx(4.0));
}

TEST_CASE("the stage of a deal at a past instant follows it across pipelines", "[kpi][stages]") {
    model::Dataset data = two_pipelines();
    model::Deal d1 = in_stage(open_deal("d1", "ana", 850), "a", "a1");
    d1.amount = 100;
    data.deals = {d1};
    data.stage_changes = {change("d1", "a1", 850), change("d1", "b2", 900), change("d1", "a1", 950)};
    const Scorecard card = compute_scorecard(data, config());
    // at day 910 (the previous as_of) d1 was in b2: 100 × 0.5; at day 1000 back in a1: 100 × 0.1
    CHECK(kpi_of(card, "ana", "weighted_pipeline_value").previous == Approx(50.0));
    CHECK(kpi_of(card, "ana", "weighted_pipeline_value").value == Approx(10.0));
}

TEST_CASE("the scorecard outlines each pipeline's open stages in funnel order, pipelines as their stages come",
          "[kpi][stages]") {
    using model::StageKind;
    model::Dataset data;
    data.sellers = {seller("ana")};
    // Records out of funnel order: q's stage first, then p's stages shuffled around its won and lost.
    data.stages = {{"q1", "q", "Inbound", 1, StageKind::open, std::nullopt},
                   {"s3", "p", "Negotiate", 3, StageKind::open, 0.8},
                   {"won", "p", "Won", 4, StageKind::won, 1.0},
                   {"s1", "p", "Qualify", 1, StageKind::open, 0.1},
                   {"lost", "p", "Lost", 0, StageKind::lost, 0.0},
                   {"s2", "p", "Propose", 2, StageKind::open, 0.5},
                   {"c1", "closed_only", "Done", 1, StageKind::won, 1.0}};
    const Scorecard card = compute_scorecard(data, config());
    // q comes first (its stage record does); p's open stages by order 1, 2, 3; won and lost are not
    // stages of the funnel maps; a pipeline with no open stage has no funnel.
    REQUIRE(card.pipelines.size() == 2);
    CHECK(card.pipelines[0].id == "q");
    CHECK(card.pipelines[0].name == "q");
    REQUIRE(card.pipelines[0].stages.size() == 1);
    CHECK(card.pipelines[0].stages[0].id == "q1");
    CHECK(card.pipelines[0].stages[0].name == "Inbound");
    CHECK(card.pipelines[1].id == "p");
    REQUIRE(card.pipelines[1].stages.size() == 3);
    CHECK(card.pipelines[1].stages[0].id == "s1");
    CHECK(card.pipelines[1].stages[0].name == "Qualify");
    CHECK(card.pipelines[1].stages[1].id == "s2");
    CHECK(card.pipelines[1].stages[1].name == "Propose");
    CHECK(card.pipelines[1].stages[2].id == "s3");
    CHECK(card.pipelines[1].stages[2].name == "Negotiate");
}
