// crmhost report's JSON document (docs/report.md), built in-process from the hand-written scorecard of
// host_report_scorecard.hpp. Expected texts are worked out by hand from that scorecard, formatted as the
// terminal table formats them.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "host/report/report_document.hpp"
#include "host/report/report_kpi.hpp"
#include "host/scorecard_renderer.hpp"
#include "host_report_scorecard.hpp"

using namespace sellerscore;
using namespace sellerscore::host::report;
namespace json = boost::json;

namespace {

json::value build(const json::value& scorecard, const ReportScope& scope = {}) {
    Result<json::value> document = ReportDocument::build(scorecard, scope);
    INFO(document.status().message());
    REQUIRE(document);
    return *document;
}

std::string text(const json::value& figure) { return std::string(figure.at("text").as_string()); }

const json::object& trend(const json::value& entry, std::string_view kpi) {
    for (const json::value& t : entry.at("trends").as_array()) {
        if (t.at("kpi").as_string() == kpi) return t.as_object();
    }
    FAIL("no trend for " << kpi);
    throw std::logic_error("unreachable");
}

const json::object& component(const json::value& seller, std::string_view kpi) {
    for (const json::value& c : seller.at("components").as_array()) {
        if (c.at("kpi").as_string() == kpi) return c.as_object();
    }
    FAIL("no component " << kpi);
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("report: the leaderboard ranks sellers by score, best first, the unscored last and unranked") {
    const json::value doc = build(host::testing::report_test_scorecard());
    const json::array& board = doc.at("leaderboard").as_array();
    REQUIRE(board.size() == 3);
    CHECK(board[0].at("name") == "Ana López");
    CHECK(board[0].at("rank") == 1);
    CHECK(text(board[0].at("score")) == "82.5");  // 82.46 to one decimal, like the table
    CHECK(board[0].at("band") == "A");
    CHECK(board[1].at("name") == "Bob <Stone> & Co");
    CHECK(board[1].at("rank") == 2);
    CHECK(text(board[1].at("score")) == "48.0");
    CHECK(board[2].at("name") == "Carla Ruiz");
    CHECK(board[2].at("rank").is_null());
    CHECK(board[2].at("eligible") == false);
    CHECK(board[2].at("score").at("value").is_null());
    CHECK(text(board[2].at("score")) == "—");
    CHECK(board[2].at("band").is_null());
}

TEST_CASE("report: each seller's trend against the previous window, read with the KPI's direction") {
    const json::value doc = build(host::testing::report_test_scorecard());
    const json::value& ana = doc.at("leaderboard").at(0);
    const json::object& win_rate = trend(ana, "win_rate");
    CHECK(text(win_rate.at("value")) == "40.0%");
    CHECK(text(win_rate.at("previous")) == "35.0%");
    CHECK(text(win_rate.at("change")) == "+5.0 pts");  // a ratio changes in points: 0.40 - 0.35
    CHECK(win_rate.at("change").at("arrow") == "▲");
    CHECK(win_rate.at("verdict") == "improved");
    const json::object& revenue = trend(ana, "revenue_won");
    CHECK(text(revenue.at("value")) == "125,000");  // money in whole units with separators
    CHECK(text(revenue.at("change")) == "+25.0%");  // money changes relatively: 0.250004
    const json::value& bob = doc.at("leaderboard").at(1);
    CHECK(text(trend(bob, "win_rate").at("change")) == "-5.0 pts");
    CHECK(trend(bob, "win_rate").at("verdict") == "worsened");
    CHECK(text(trend(bob, "conversion_rate").at("value")) == "—");
    CHECK(trend(bob, "conversion_rate").at("verdict").is_null());
}

TEST_CASE("report: each seller's score against the previous window's score, in score points") {
    json::value scorecard = host::testing::report_test_scorecard();
    json::array& sellers = scorecard.as_object()["sellers"].as_array();
    sellers[0].as_object()["previous_score"] = 50.5;  // Bob: 48.0 now
    sellers[0].as_object()["previous_band"] = "B";
    sellers[1].as_object()["previous_score"] = 78.3;  // Ana: 82.46 now
    sellers[1].as_object()["previous_band"] = "A";
    sellers[2].as_object()["previous_score"] = 40.0;  // Carla: no score now
    const json::value doc = build(scorecard);
    const json::value& ana = doc.at("leaderboard").at(0).at("score_trend");
    CHECK(text(ana.at("previous")) == "78.3");
    CHECK(ana.at("previous_band") == "A");
    CHECK(text(ana.at("change")) == "+4.2");  // 82.46 − 78.3 = 4.16, to a tenth
    CHECK(ana.at("change").at("arrow") == "▲");
    CHECK(ana.at("verdict") == "improved");
    const json::value& bob = doc.at("leaderboard").at(1).at("score_trend");
    CHECK(text(bob.at("change")) == "-2.5");  // 48.0 − 50.5
    CHECK(bob.at("change").at("arrow") == "▼");
    CHECK(bob.at("verdict") == "worsened");
    const json::value& carla = doc.at("leaderboard").at(2).at("score_trend");
    CHECK(text(carla.at("previous")) == "40.0");
    CHECK(text(carla.at("change")) == "—");  // no score now, so no change
    CHECK(carla.at("verdict").is_null());
}

TEST_CASE("report: without previous scores in the scorecard, the score's change is unknown") {
    const json::value doc = build(host::testing::report_test_scorecard());
    const json::value& ana = doc.at("leaderboard").at(0).at("score_trend");
    CHECK(ana.at("previous").at("value").is_null());
    CHECK(text(ana.at("change")) == "—");
    CHECK(ana.at("verdict").is_null());
}

TEST_CASE("report: figures read exactly as the terminal table prints them") {
    const json::value scorecard = host::testing::report_test_scorecard();
    const std::string table = host::ScorecardRenderer(scorecard).table();
    const json::value doc = build(scorecard);
    const json::value& ana = doc.at("sellers").at(0);
    // The same cells, each found in the table and in the document.
    for (const char* cell : {"82.5", "40.0%", "12,500", "21.4", "80.0%"}) {
        INFO(cell);
        CHECK(table.find(cell) != std::string::npos);
    }
    CHECK(text(ana.at("score")) == "82.5");
    CHECK(text(component(ana, "win_rate").at("value")) == "40.0%");
    CHECK(text(component(ana, "avg_sale_value").at("value")) == "12,500");
    CHECK(text(component(ana, "avg_sales_cycle_days").at("value")) == "21.4");
    CHECK(text(component(ana, "retention_rate").at("value")) == "80.0%");
}

TEST_CASE("report: without drivers in the scorecard, the components are the default weights, seller against team") {
    const json::value doc = build(host::testing::report_test_scorecard());
    const json::value& ana = doc.at("sellers").at(0);
    CHECK(ana.at("components_source") == "default_weights");
    CHECK(ana.at("components").as_array().size() == 9);  // KPIS.md §5.1
    const json::object& win_rate = component(ana, "win_rate");
    CHECK(win_rate.at("weight").as_double() == Approx(0.20));
    CHECK(text(win_rate.at("team_value")) == "30.0%");
    CHECK(text(win_rate.at("percentile")) == "—");
    CHECK(win_rate.at("effect").is_null());
    CHECK(text(component(ana, "avg_sale_value").at("team_value")) == "11,083");
    CHECK(text(component(ana, "avg_sales_cycle_days").at("team_value")) == "24.0");
    CHECK(text(component(ana, "response_rate").at("value")) == "—");  // not in the scorecard at all
}

TEST_CASE("report: the scorecard's drivers give their components a percentile, points and an effect") {
    // Issue 14's shape: {"lifts": [...], "holds": [...], "text"}, each {kpi, value, team_value, percentile, points}.
    json::value scorecard = host::testing::report_test_scorecard();
    json::object& ana = scorecard.at("sellers").at(1).as_object();
    ana["drivers"] = json::parse(R"json({
        "lifts": [{"kpi": "win_rate", "value": 0.4, "team_value": 0.3, "percentile": 87.4, "points": 7.48},
                  {"kpi": "csat", "value": 0.9, "team_value": 0.8, "percentile": 75, "points": 2.5}],
        "holds": [{"kpi": "follow_up_rate", "value": 0.1, "team_value": 0.2, "percentile": 12.4, "points": -1.88},
                  {"no_kpi_here": true}],
        "text": "↑ win rate 40% (top 15%) · ↓ follow-up rate 10% (bottom 15%)"})json");
    const json::value doc = build(scorecard);
    const json::value& seller = doc.at("sellers").at(0);
    CHECK(seller.at("components_source") == "drivers");
    CHECK(seller.at("drivers_text") == "↑ win rate 40% (top 15%) · ↓ follow-up rate 10% (bottom 15%)");
    // The nine default components, then csat, which only a configured weight puts in the score.
    REQUIRE(seller.at("components").as_array().size() == 10);
    CHECK(seller.at("components").at(9).at("kpi") == "csat");
    CHECK(seller.at("components").at(9).at("weight").is_null());
    const json::object& lift = component(seller, "win_rate");
    CHECK(text(lift.at("percentile")) == "87");
    CHECK(text(lift.at("points")) == "+7.5");
    CHECK(lift.at("effect") == "lifts");
    CHECK(lift.at("weight").as_double() == Approx(0.20));
    const json::object& hold = component(seller, "follow_up_rate");
    CHECK(text(hold.at("value")) == "10.0%");
    CHECK(text(hold.at("team_value")) == "20.0%");
    CHECK(text(hold.at("percentile")) == "12");
    CHECK(text(hold.at("points")) == "-1.9");
    CHECK(hold.at("effect") == "holds down");
    const json::object& neither = component(seller, "retention_rate");  // not among the drivers
    CHECK(text(neither.at("percentile")) == "—");
    CHECK(neither.at("effect").is_null());
    CHECK(text(neither.at("value")) == "80.0%");
}

TEST_CASE("report: a pipeline with one open stage is a funnel of one stage, team and per seller") {
    const json::value doc = build(host::testing::report_test_scorecard());
    const json::array& funnels = doc.at("funnels").as_array();
    REQUIRE(funnels.size() == 1);
    CHECK(funnels[0].at("stage_order") == "scorecard");  // the scorecard carries no pipeline order
    const json::array& stages = funnels[0].at("stages").as_array();
    REQUIRE(stages.size() == 1);
    CHECK(stages[0].at("stage") == "only_stage");
    CHECK(stages[0].at("name") == "Only stage");
    CHECK(text(stages[0].at("team").at("conversion")) == "50.0%");
    CHECK(text(stages[0].at("team").at("avg_days")) == "3.3");
    const json::array& sellers = stages[0].at("sellers").as_array();
    REQUIRE(sellers.size() == 3);
    CHECK(sellers[0].at("name") == "Ana López");
    CHECK(text(sellers[0].at("conversion")) == "75.0%");
    CHECK(text(sellers[0].at("avg_days")) == "2.6");
    CHECK(text(sellers[1].at("avg_days")) == "9.0");
    CHECK(text(sellers[2].at("conversion")) == "—");
}

TEST_CASE("report: stages follow the scorecard's pipelines when it lists them") {
    json::value scorecard = host::testing::report_test_scorecard();
    scorecard.as_object()["pipelines"] = json::parse(
        R"([{"id": "sales", "name": "Sales", "stages": [{"id": "only_stage", "name": "Discovery"}]}])");
    const json::value doc = build(scorecard);
    const json::value& funnel = doc.at("funnels").at(0);
    CHECK(funnel.at("name") == "Sales");
    CHECK(funnel.at("stage_order") == "pipeline");
    CHECK(funnel.at("stages").at(0).at("name") == "Discovery");
}

TEST_CASE("report: quarter over quarter lists the team's headline KPIs, value against previous") {
    const json::value doc = build(host::testing::report_test_scorecard());
    const json::object& qoq = doc.at("quarter_over_quarter").as_object();
    CHECK(qoq.at("label") == "All sellers");
    const json::array& kpis = qoq.at("kpis").as_array();
    // revenue_won, win_rate, avg_sale_value, avg_sales_cycle_days, conversion_rate, retention_rate, churn_rate:
    // the headline KPIs the team has (deals_won_count, new_customers_count and response_rate it has not).
    REQUIRE(kpis.size() == 7);
    CHECK(kpis[0].at("kpi") == "revenue_won");
    CHECK(text(kpis[0].at("value")) == "133,000");
    CHECK(text(kpis[0].at("previous")) == "110,000");
    CHECK(text(kpis[3].at("change")) == "-7.5%");  // cycle days -0.0754, relative
    CHECK(kpis[3].at("verdict") == "improved");    // a shorter cycle is better
    CHECK(text(kpis[6].at("change")) == "-4.8 pts");
    CHECK(kpis[6].at("verdict") == "improved");    // less churn is better
}

TEST_CASE("report: with no spend data the channels' cost KPIs are unknown, not free") {
    const json::value doc = build(host::testing::report_test_scorecard());
    const json::object& channels = doc.at("channels").as_object();
    CHECK(channels.at("spend_known") == false);
    const json::array& rows = channels.at("rows").as_array();
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].at("channel") == "referral");
    CHECK(text(rows[0].at("leads_count")) == "12");
    CHECK(text(rows[0].at("conversion_rate")) == "25.0%");
    CHECK(text(rows[0].at("revenue_per_lead")) == "3,000");
    CHECK(text(rows[0].at("cost_per_lead")) == "—");  // the scorecard says 0: a spend of 0 divided
    CHECK(text(rows[0].at("cpa")) == "—");
    CHECK(text(rows[0].at("spend")) == "—");
    CHECK(text(rows[1].at("leads_count")) == "1,234");
    CHECK(text(rows[1].at("revenue_per_lead")) == "79");
}

TEST_CASE("report: channels with spend carry cost per lead, CPA, CPC and ROI") {
    json::value scorecard = host::testing::report_test_scorecard();
    json::object& web = scorecard.at("channels").at(1).as_object();
    web["spend"] = 24680.0;
    web["clicks"] = 4000.0;
    web["cost_per_lead"] = 20.0;   // 24,680 / 1,234
    web["cpa"] = 1234.0;           // 24,680 / 20
    web["cpc"] = 6.17;             // 24,680 / 4,000
    web["roi"] = 2.930324;         // (97,000.4 - 24,680) / 24,680
    const json::value doc = build(scorecard);
    const json::object& channels = doc.at("channels").as_object();
    CHECK(channels.at("spend_known") == true);
    const json::value& row = channels.at("rows").at(1);
    CHECK(text(row.at("spend")) == "24,680");
    CHECK(text(row.at("cost_per_lead")) == "20");
    CHECK(text(row.at("cpa")) == "1,234");
    CHECK(text(row.at("cpc")) == "6.17");  // a price: two decimals
    CHECK(text(row.at("roi")) == "293.0%");
    CHECK(text(channels.at("rows").at(0).at("cost_per_lead")) == "0");  // an organic channel does cost 0
}

TEST_CASE("report: an unfitted churn model says why, and churn per seller is still shown") {
    const json::value doc = build(host::testing::report_test_scorecard());
    const json::object& churn = doc.at("churn").as_object();
    const json::object& model = churn.at("model").as_object();
    CHECK(model.at("fitted") == false);
    CHECK(model.at("summary") ==
          "Churn model not fitted: 3 customers with repeat purchases, fewer than the 50 the model needs. Churn risk "
          "falls back to the inactivity rule.");
    CHECK(text(churn.at("team").at("retention")) == "71.4%");
    CHECK(text(churn.at("team").at("churn")) == "28.6%");
    CHECK(text(churn.at("team").at("customers_at_start")) == "14");
    CHECK(text(churn.at("sellers").at(0).at("retention")) == "80.0%");
    CHECK(churn.at("customers_at_risk").at("listed") == false);
    CHECK(churn.at("customers_at_risk").at("rows").as_array().empty());
}

TEST_CASE("report: a fitted churn model shows its parameters, and listed customers come riskiest first") {
    json::value scorecard = host::testing::report_test_scorecard();
    scorecard.as_object()["churn_model"] = json::parse(
        R"({"fitted": true, "converged": true, "note": "", "r": 0.2426, "alpha": 4.4136, "a": 0.7929, "b": 2.4259,
            "log_likelihood": -9582.43})");
    scorecard.as_object()["customers_at_risk"] = json::parse(
        R"([{"id": "c1", "name": "Low", "churn_risk": 0.1}, {"id": "c2", "name": "High", "churn_risk": 0.93}])");
    const json::value doc = build(scorecard);
    const json::object& model = doc.at("churn").at("model").as_object();
    CHECK(model.at("summary") == "BG/NBD churn model fitted.");
    CHECK(model.at("parameters").at(0).at("text") == "0.243");  // r, to three decimals
    CHECK(model.at("parameters").at(4).at("text") == "-9582.430");
    const json::array& at_risk = doc.at("churn").at("customers_at_risk").at("rows").as_array();
    REQUIRE(at_risk.size() == 2);
    CHECK(at_risk[0].at("name") == "High");
    CHECK(text(at_risk[0].at("churn_risk")) == "93.0%");
}

// The plugin's shape (docs/abi.md): the seller's id and name, lifetime value and last purchase.
json::value scorecard_with_customers_at_risk() {
    json::value scorecard = host::testing::report_test_scorecard();
    scorecard.as_object()["customers_at_risk"] = json::parse(
        R"([{"id": "k7", "seller": "s-bob", "seller_name": "Bob <Stone> & Co", "churn_risk": 1.0,
             "lifetime_value": 1250.4, "expected_purchases_90d": null, "last_purchase_at": "2025-06-30T12:00:00Z"},
            {"id": "k3", "seller": "s-ana", "seller_name": "Ana López", "churn_risk": 1.0,
             "lifetime_value": 800, "expected_purchases_90d": null, "last_purchase_at": "2025-02-01T00:00:00Z"},
            {"id": "k9", "seller": "zed", "seller_name": null, "churn_risk": 0.5,
             "lifetime_value": 10, "expected_purchases_90d": null, "last_purchase_at": "2025-01-01T00:00:00Z"}])");
    return scorecard;
}

TEST_CASE("report: the plugin's customers at risk name their seller, lifetime value and last purchase") {
    const json::value doc = build(scorecard_with_customers_at_risk());
    const json::object& at_risk = doc.at("churn").at("customers_at_risk").as_object();
    CHECK(at_risk.at("listed") == true);
    const json::array& rows = at_risk.at("rows").as_array();
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].at("id") == "k7");  // the plugin's order kept among equal risks
    CHECK(rows[0].at("seller") == "Bob <Stone> & Co");
    CHECK(rows[0].at("seller_id") == "s-bob");
    CHECK(text(rows[0].at("churn_risk")) == "100.0%");
    CHECK(text(rows[0].at("lifetime_value")) == "1,250");
    CHECK(rows[0].at("last_purchase") == "2025-06-30T12:00:00Z");
    CHECK(rows[1].at("id") == "k3");
    CHECK(rows[2].at("seller") == "zed");  // an owner who is no seller: the id
}

TEST_CASE("report: an empty list of customers at risk says that nobody is at risk, not that it is unknown") {
    json::value scorecard = host::testing::report_test_scorecard();
    scorecard.as_object()["customers_at_risk"] = json::array{};
    const json::value doc = build(scorecard);
    const json::object& at_risk = doc.at("churn").at("customers_at_risk").as_object();
    CHECK(at_risk.at("listed") == true);
    CHECK(at_risk.at("note") == "No customer has a churn risk of 0.1% or more.");
    const json::value carla = build(scorecard_with_customers_at_risk(), {"s-carla", std::nullopt});
    CHECK(carla.at("churn").at("customers_at_risk").at("note") ==
          "None of these sellers' customers has a churn risk of 0.1% or more.");
}

TEST_CASE("report: --team and --seller list only the at-risk customers their sellers sold to last") {
    const json::value team = build(scorecard_with_customers_at_risk(), {std::nullopt, "North"});
    const json::array& north = team.at("churn").at("customers_at_risk").at("rows").as_array();
    REQUIRE(north.size() == 1);
    CHECK(north[0].at("id") == "k3");  // Ana's; Carla has none
    const json::value bob = build(scorecard_with_customers_at_risk(), {"s-bob", std::nullopt});
    const json::array& bobs = bob.at("churn").at("customers_at_risk").at("rows").as_array();
    REQUIRE(bobs.size() == 1);
    CHECK(bobs[0].at("id") == "k7");
}

TEST_CASE("report: --team keeps that team's sellers and compares with that team") {
    const json::value doc = build(host::testing::report_test_scorecard(), {std::nullopt, "North"});
    const json::array& board = doc.at("leaderboard").as_array();
    REQUIRE(board.size() == 2);
    CHECK(board[0].at("name") == "Ana López");
    CHECK(board[1].at("name") == "Carla Ruiz");
    CHECK(doc.at("scope").at("label") == "Team North");
    CHECK(text(doc.at("funnels").at(0).at("stages").at(0).at("team").at("conversion")) == "75.0%");
    CHECK(doc.at("quarter_over_quarter").at("kpis").as_array().size() == 1);  // North's scorecard has win_rate only
}

TEST_CASE("report: --seller keeps one seller, by id or name, with the rank among all sellers") {
    const json::value by_id = build(host::testing::report_test_scorecard(), {"s-bob", std::nullopt});
    REQUIRE(by_id.at("leaderboard").as_array().size() == 1);
    CHECK(by_id.at("leaderboard").at(0).at("rank") == 2);
    CHECK(by_id.at("scope").at("label") == "Bob <Stone> & Co");
    CHECK(by_id.at("quarter_over_quarter").at("of") == "seller");
    const json::value by_name = build(host::testing::report_test_scorecard(), {"Ana López", std::nullopt});
    CHECK(by_name.at("leaderboard").at(0).at("id") == "s-ana");
}

TEST_CASE("report: a seller or team the scorecard does not have fails with one line naming it") {
    Result<json::value> seller = ReportDocument::build(host::testing::report_test_scorecard(), {"Zed", std::nullopt});
    REQUIRE_FALSE(seller);
    CHECK(seller.status().code() == StatusCode::invalid_argument);
    CHECK(seller.status().message() == "no seller 'Zed' in the last scorecard");
    Result<json::value> team = ReportDocument::build(host::testing::report_test_scorecard(), {std::nullopt, "West"});
    REQUIRE_FALSE(team);
    CHECK(team.status().message() == "no team 'West' in the last scorecard");
    Result<json::value> elsewhere = ReportDocument::build(host::testing::report_test_scorecard(), {"s-bob", "North"});
    REQUIRE_FALSE(elsewhere);
    CHECK(elsewhere.status().message() == "no seller 's-bob' in team 'North' in the last scorecard");
}

TEST_CASE("report: an empty or malformed scorecard still makes a document, with nothing in it") {
    for (const json::value& scorecard : {json::value(json::object{}), json::value(42), json::parse(R"({"sellers": 7})")}) {
        const json::value doc = build(scorecard);
        CHECK(doc.at("leaderboard").as_array().empty());
        CHECK(doc.at("funnels").as_array().empty());
        CHECK(doc.at("as_of").is_null());
        CHECK(doc.at("churn").at("model").at("summary") == "The scorecard has no churn model.");
    }
}

TEST_CASE("report: a KPI this host does not know gets a name and unit from its id") {
    const ReportKpi rate = report_kpi("new_kpi_rate");
    CHECK(rate.label == "New kpi rate");
    CHECK(rate.unit == host::KpiUnit::ratio);
    CHECK(report_kpi("time_to_close_days").unit == host::KpiUnit::days);
    CHECK(report_kpi("nps").unit == host::KpiUnit::points);
    CHECK(report_kpi("churn_rate").better == Better::lower);
}
