// Sync through the C ABI against the embedded local CRM: what is written back, where, and that a
// re-run with nothing new writes nothing. Expected values are worked out by hand below.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>

#include "connectors/local/local_crm_database.hpp"
#include "connectors/local/ndjson_importer.hpp"
#include "host_scratch_directory.hpp"
#include "loaded_plugin.hpp"

using namespace sellerscore::testing;
using sellerscore::host::testing::ScratchDirectory;
namespace json = boost::json;

namespace {

// as_of 2026-07-01T00:00:00Z, window 90 days: W = [2026-04-02T00:00:00Z, 2026-07-01T00:00:00Z).
//
// S1 (Ana): D1 won 100 (10-day cycle), D2 won 300 (20 days), D3 lost, D4 open 1000.
//   win_rate 2/3, avg_sale_value 200, avg_sales_cycle_days 15, conversion: cohort {C1, C2}, both won -> 1.
// S2 (Ben): D5 lost, D6 open 50.  win_rate 0, conversion: cohort {C3, C4}, none won -> 0.
// No customer was active at W's start, so retention and churn are null for both.
//
// Score (2 eligible sellers, k = 5, team pooled win rate 2/4, conversion 2/4):
//   win_rate shrunk: S1 (2 + 2.5)/(3 + 5) = 0.5625, S2 (0 + 2.5)/(1 + 5) = 0.4167 -> S1 100, S2 0
//   conversion:      S1 (2 + 2.5)/(2 + 5) = 0.643,  S2 (0 + 2.5)/(2 + 5) = 0.357  -> S1 100, S2 0
//   every other component ties or is null -> 50 each.
//   S1 = 0.20*100 + 0.15*100 + 0.65*50 = 67.5 (band B); S2 = 0.65*50 = 32.5 (band C).
const char* sellers_ndjson = R"({"id":"S1","name":"Ana","email":"ana@example.com","team":"East","active":true}
{"id":"S2","name":"Ben","email":"ben@example.com","team":"East","active":true}
)";
const char* stages_ndjson = R"({"id":"new","pipeline_id":"P","name":"New","order":1,"kind":"open","probability":0.2}
{"id":"won","pipeline_id":"P","name":"Won","order":2,"kind":"won","probability":1}
{"id":"lost","pipeline_id":"P","name":"Lost","order":3,"kind":"lost","probability":0}
)";
const char* contacts_ndjson = R"({"id":"C1","owner_id":"S1","created_at":"2026-05-01T00:00:00Z","channel":"web"}
{"id":"C2","owner_id":"S1","created_at":"2026-05-02T00:00:00Z","channel":"web"}
{"id":"C3","owner_id":"S2","created_at":"2026-05-03T00:00:00Z","channel":"events"}
{"id":"C4","owner_id":"S2","created_at":"2026-05-04T00:00:00Z","channel":"events"}
)";
const char* deals_ndjson = R"({"id":"D1","owner_id":"S1","contact_id":"C1","pipeline_id":"P","stage_id":"won","amount":100,"created_at":"2026-05-01T00:00:00Z","closed_at":"2026-05-11T00:00:00Z","status":"won"}
{"id":"D2","owner_id":"S1","contact_id":"C2","pipeline_id":"P","stage_id":"won","amount":300,"created_at":"2026-05-02T00:00:00Z","closed_at":"2026-05-22T00:00:00Z","status":"won"}
{"id":"D3","owner_id":"S1","contact_id":"C1","pipeline_id":"P","stage_id":"lost","created_at":"2026-05-05T00:00:00Z","closed_at":"2026-06-01T00:00:00Z","status":"lost"}
{"id":"D4","owner_id":"S1","contact_id":"C2","pipeline_id":"P","stage_id":"new","amount":1000,"created_at":"2026-06-01T00:00:00Z","status":"open"}
{"id":"D5","owner_id":"S2","contact_id":"C3","pipeline_id":"P","stage_id":"lost","created_at":"2026-05-03T00:00:00Z","closed_at":"2026-05-20T00:00:00Z","status":"lost"}
{"id":"D6","owner_id":"S2","contact_id":"C4","pipeline_id":"P","stage_id":"new","amount":50,"created_at":"2026-06-02T00:00:00Z","status":"open"}
)";

void write_file(const std::filesystem::path& path, const char* text) {
    std::ofstream out(path);
    out << text;
}

// A local CRM holding the data set above, with a settings document pointing at it.
class SyncFixture {
public:
    SyncFixture() {
        const auto ndjson = dir.path() / "ndjson";
        std::filesystem::create_directories(ndjson);
        write_file(ndjson / "sellers.ndjson", sellers_ndjson);
        write_file(ndjson / "stages.ndjson", stages_ndjson);
        write_file(ndjson / "contacts.ndjson", contacts_ndjson);
        write_file(ndjson / "deals.ndjson", deals_ndjson);
        import(ndjson);
        settings = json::serialize(json::object{{"connector", "local"},
                                                {"local", {{"database", database().string()}}},
                                                {"state_dir", (dir.path() / "state").string()},
                                                {"kpi", {{"as_of", "2026-07-01T00:00:00Z"}}}});
    }

    std::filesystem::path database() const { return dir.path() / "crm.sqlite"; }

    void import(const std::filesystem::path& ndjson_dir) const;

    ScratchDirectory dir;
    std::string settings;
};

void SyncFixture::import(const std::filesystem::path& ndjson_dir) const {
    auto db = sellerscore::connectors::LocalCrmDatabase::open(database());
    REQUIRE(db.is_ok());
    sellerscore::connectors::NdjsonImporter importer(**db);
    const auto counts = importer.import_directory(ndjson_dir);
    INFO(counts.status().message());
    REQUIRE(counts.is_ok());
}

// field id -> value of every deal matching `where`, keyed by deal id.
std::map<std::string, json::object> deal_fields(PluginSession& session, const std::string& where) {
    const CallResult r = session.query(where);
    REQUIRE(r.status == CRMEXT_OK);
    std::map<std::string, json::object> out;
    const json::value doc = r.json();
    for (const auto& deal : doc.at("deals").as_array()) {
        out[std::string(deal.at("id").as_string())] = deal.at("fields").as_object();
    }
    return out;
}

}  // namespace

TEST_CASE("sync writes the seller fields on each seller's open deals, with the KPIS.md values") {
    TestHost host;
    SyncFixture fx;
    PluginSession session(host, fx.settings);
    const CallResult r = session.sync();
    REQUIRE(r.status == CRMEXT_OK);

    const auto deals = deal_fields(session, "seller_score >= 0");
    REQUIRE(deals.size() == 2);  // D4 and D6: closed deals get nothing by default (writeback.deals = open)
    const json::object& d4 = deals.at("D4");
    CHECK(d4.at("seller_score").to_number<double>() == Approx(67.5));
    CHECK(d4.at("seller_score_band").as_string() == "B");
    CHECK(d4.at("seller_win_rate").to_number<double>() == Approx(2.0 / 3.0));
    CHECK(d4.at("seller_conversion_rate").to_number<double>() == Approx(1.0));
    CHECK(d4.at("seller_avg_sale_value").to_number<double>() == Approx(200.0));
    CHECK(d4.at("seller_sales_cycle_days").to_number<double>() == Approx(15.0));
    CHECK(d4.at("kpi_updated_at").as_string() == "2026-07-01T00:00:00Z");
    // Above 50, so something lifts the score, and the line starts with the lifts.
    CHECK(std::string(d4.at("seller_score_drivers").as_string()).rfind("\u2191 ", 0) == 0);
    CHECK_FALSE(d4.contains("seller_retention_rate"));  // null: no customer active at the window start
    CHECK_FALSE(d4.contains("seller_churn_rate"));

    const json::object& d6 = deals.at("D6");
    CHECK(d6.at("seller_score").to_number<double>() == Approx(32.5));
    CHECK(d6.at("seller_score_band").as_string() == "C");
    // Below 50, so something holds the score down.
    CHECK_THAT(std::string(d6.at("seller_score_drivers").as_string()), Catch::Contains("\u2193 "));
    CHECK(d6.at("seller_win_rate").to_number<double>() == 0.0);
    CHECK(d6.at("seller_conversion_rate").to_number<double>() == 0.0);
    CHECK_FALSE(d6.contains("seller_avg_sale_value"));  // no won deal: null, not 0
}

TEST_CASE("sync reports what it read and wrote, and records the run") {
    TestHost host;
    SyncFixture fx;
    PluginSession session(host, fx.settings);
    const CallResult r = session.sync();
    REQUIRE(r.status == CRMEXT_OK);
    const json::value summary = r.json();
    CHECK(summary.at("records").at("deals").as_int64() == 6);
    CHECK(summary.at("records").at("sellers").as_int64() == 2);
    // D4: score, band, drivers, win, conversion, sale value, cycle, updated_at = 8; D6: score, band,
    // drivers, win, conversion, updated_at = 6 (scores 67.5 and 32.5 are off 50, so each seller has
    // drivers); customers C1 and C2: churn_risk and lifetime value = 4.
    CHECK(summary.at("fields_written").as_int64() == 18);
    CHECK(summary.at("records_updated").as_int64() == 4);
    CHECK(summary.at("run_id").as_int64() == 1);
    CHECK(summary.at("nothing_to_write").as_bool() == false);
}

TEST_CASE("a second sync with no new data writes nothing and says so") {
    TestHost host;
    SyncFixture fx;
    PluginSession session(host, fx.settings);
    REQUIRE(session.sync().status == CRMEXT_OK);
    const CallResult again = session.sync();
    REQUIRE(again.status == CRMEXT_OK);
    const json::value summary = again.json();
    CHECK(summary.at("fields_written").as_int64() == 0);
    CHECK(summary.at("nothing_to_write").as_bool());
    CHECK(summary.at("skipped").as_bool());
    CHECK_THAT(std::string(summary.at("message").as_string()), Catch::Contains("nothing written"));
}

TEST_CASE("a full re-sync recomputes everything and still writes nothing when no value changed") {
    TestHost host;
    SyncFixture fx;
    PluginSession session(host, fx.settings);
    REQUIRE(session.sync().status == CRMEXT_OK);
    const CallResult again = session.sync(R"({"full":true})");
    REQUIRE(again.status == CRMEXT_OK);
    CHECK(again.json().at("skipped").as_bool() == false);
    CHECK(again.json().at("fields_written").as_int64() == 0);
}

TEST_CASE("new data changes only the values it affects") {
    TestHost host;
    SyncFixture fx;
    PluginSession session(host, fx.settings);
    REQUIRE(session.sync().status == CRMEXT_OK);

    // Ben wins D7 (500, 7 days): win_rate 1/2, avg_sale_value 500, cycle 7, conversion 1/2 (C4 won).
    const auto more = fx.dir.path() / "more";
    std::filesystem::create_directories(more);
    write_file(more / "deals.ndjson",
               R"({"id":"D7","owner_id":"S2","contact_id":"C4","pipeline_id":"P","stage_id":"won","amount":500,"created_at":"2026-06-03T00:00:00Z","closed_at":"2026-06-10T00:00:00Z","status":"won"}
)");
    fx.import(more);
    const CallResult r = session.sync();
    REQUIRE(r.status == CRMEXT_OK);
    CHECK(r.json().at("skipped").as_bool() == false);

    const auto deals = deal_fields(session, "seller_score >= 0");
    const json::object& d6 = deals.at("D6");
    CHECK(d6.at("seller_win_rate").to_number<double>() == Approx(0.5));
    CHECK(d6.at("seller_avg_sale_value").to_number<double>() == Approx(500.0));
    CHECK(d6.at("seller_sales_cycle_days").to_number<double>() == Approx(7.0));
    CHECK(d6.at("seller_conversion_rate").to_number<double>() == Approx(0.5));
    // Ana's own KPIs did not change: her win rate, sale value and cycle were not rewritten.
    CHECK(deals.at("D4").at("seller_win_rate").to_number<double>() == Approx(2.0 / 3.0));
    CHECK(deals.count("D7") == 0);  // closed
}

TEST_CASE("a dry run computes and reports but writes nothing") {
    TestHost host;
    SyncFixture fx;
    PluginSession session(host, fx.settings);
    const CallResult r = session.sync(R"({"dry_run":true})");
    REQUIRE(r.status == CRMEXT_OK);
    CHECK(r.json().at("fields_written").as_int64() == 0);
    CHECK_THAT(std::string(r.json().at("message").as_string()), Catch::Contains("18 field values"));
    CHECK(deal_fields(session, "seller_score >= 0").empty());
}

TEST_CASE("scorecard before any sync is NOT_FOUND and says to sync first") {
    TestHost host;
    SyncFixture fx;
    PluginSession session(host, fx.settings);
    const CallResult r = session.scorecard();
    CHECK(r.status == CRMEXT_NOT_FOUND);
    CHECK_THAT(r.message, Catch::Contains("crmhost sync"));
}

TEST_CASE("scorecard after a sync is the KPIS.md section 8 document") {
    TestHost host;
    SyncFixture fx;
    PluginSession session(host, fx.settings);
    REQUIRE(session.sync().status == CRMEXT_OK);
    const CallResult r = session.scorecard();
    REQUIRE(r.status == CRMEXT_OK);
    const json::value doc = r.json();
    CHECK(doc.at("as_of").as_string() == "2026-07-01T00:00:00Z");
    CHECK(doc.at("window").at("start").as_string() == "2026-04-02T00:00:00Z");
    const json::array& sellers = doc.at("sellers").as_array();
    REQUIRE(sellers.size() == 2);
    const json::value& ana = sellers[0].at("id").as_string() == "S1" ? sellers[0] : sellers[1];
    CHECK(ana.at("score").to_number<double>() == Approx(67.5));
    CHECK(ana.at("band").as_string() == "B");
    CHECK(ana.at("kpis").at("win_rate").at("value").to_number<double>() == Approx(2.0 / 3.0));
    CHECK(ana.at("kpis").at("retention_rate").at("value").is_null());
    CHECK(doc.at("churn_model").at("fitted").as_bool() == false);
}

TEST_CASE("the scorecard lists each pipeline with its open stages in funnel order") {
    TestHost host;
    SyncFixture fx;
    PluginSession session(host, fx.settings);
    REQUIRE(session.sync().status == CRMEXT_OK);
    const json::value doc = session.scorecard().json();
    // Pipeline P has one open stage, "new"; won and lost end the funnel and are not listed.
    CHECK(doc.at("pipelines") ==
          json::parse(R"([{"id": "P", "name": "P", "stages": [{"id": "new", "name": "New"}]}])"));
}

TEST_CASE("the scorecard carries each seller's previous score and the customers most at risk") {
    TestHost host;
    SyncFixture fx;
    // P = [2026-01-02, 2026-04-02). D7: Ben wins in P, so he alone is eligible then: 50 (band B) on
    // every component; Ana had nothing in P. D8: Ana's win of 2025-05-01 is C6's only purchase, over
    // 365 days before as_of: by the inactivity rule C6's churn risk is 1; C1, C2 and C5 bought within
    // the horizon (risk 0) and are not listed.
    const auto more = fx.dir.path() / "more";
    std::filesystem::create_directories(more);
    write_file(more / "contacts.ndjson",
               R"({"id":"C5","owner_id":"S2","created_at":"2026-01-10T00:00:00Z","channel":"web"}
{"id":"C6","owner_id":"S1","created_at":"2025-03-01T00:00:00Z","channel":"web"}
)");
    write_file(more / "deals.ndjson",
               R"({"id":"D7","owner_id":"S2","contact_id":"C5","pipeline_id":"P","stage_id":"won","amount":80,"created_at":"2026-02-01T00:00:00Z","closed_at":"2026-03-01T00:00:00Z","status":"won"}
{"id":"D8","owner_id":"S1","contact_id":"C6","pipeline_id":"P","stage_id":"won","amount":700,"created_at":"2025-04-01T00:00:00Z","closed_at":"2025-05-01T00:00:00Z","status":"won"}
)");
    fx.import(more);
    PluginSession session(host, fx.settings);
    REQUIRE(session.sync().status == CRMEXT_OK);
    const json::value doc = session.scorecard().json();
    const json::array& sellers = doc.at("sellers").as_array();
    REQUIRE(sellers.size() == 2);
    const json::value& ana = sellers[0].at("id").as_string() == "S1" ? sellers[0] : sellers[1];
    const json::value& ben = sellers[0].at("id").as_string() == "S2" ? sellers[0] : sellers[1];
    CHECK(ana.at("previous_score").is_null());
    CHECK(ana.at("previous_band").is_null());
    CHECK(ben.at("previous_score").to_number<double>() == 50.0);
    CHECK(ben.at("previous_band") == "B");
    // Whole numbers come back from the JSON text as integers, so they are written as such here.
    CHECK(doc.at("customers_at_risk") ==
          json::parse(R"([{"id": "C6", "seller": "S1", "seller_name": "Ana", "churn_risk": 1,
                           "lifetime_value": 700, "expected_purchases_90d": null,
                           "last_purchase_at": "2025-05-01T00:00:00Z"}])"));
}

TEST_CASE("deals --where filters by band and by percentage") {
    TestHost host;
    SyncFixture fx;
    PluginSession session(host, fx.settings);
    REQUIRE(session.sync().status == CRMEXT_OK);
    CHECK(deal_fields(session, "seller_score_band = B").size() == 1);
    CHECK(deal_fields(session, "seller_score_band = b").count("D4") == 1);
    CHECK(deal_fields(session, "seller_win_rate >= 50%").count("D4") == 1);
    CHECK(deal_fields(session, "seller_win_rate < 0.5 and seller_score_band = C").count("D6") == 1);
    CHECK(deal_fields(session, "seller_score > 90").empty());
}

TEST_CASE("deals --where rejects an unknown field, an unknown band and a percentage without unit") {
    TestHost host;
    SyncFixture fx;
    PluginSession session(host, fx.settings);
    CHECK_THAT(session.query("seller_scor > 1").message, Catch::Contains("unknown deal field 'seller_scor'"));
    CHECK_THAT(session.query("seller_score_band = E").message, Catch::Contains("'E' is not a value"));
    CHECK_THAT(session.query("seller_win_rate > 40").message, Catch::Contains("write 40% or a ratio"));
    CHECK_THAT(session.query("seller_score > 1 or seller_score < 0").message, Catch::Contains("'or' is not supported"));
    CHECK(session.query("seller_score >").status == CRMEXT_INVALID_ARGUMENT);
}

TEST_CASE("install creates the custom fields once; uninstall removes them") {
    TestHost host;
    SyncFixture fx;
    PluginSession session(host, fx.settings);
    const CallResult first = session.install();
    REQUIRE(first.status == CRMEXT_OK);
    CHECK(first.json().at("created").as_array().size() == 15);
    const CallResult second = session.install();
    CHECK(second.json().at("created").as_array().empty());
    CHECK(second.json().at("existing").as_array().size() == 15);
    const CallResult removed = session.uninstall();
    REQUIRE(removed.status == CRMEXT_OK);
    CHECK(removed.json().at("removed").as_array().size() == 15);
}

TEST_CASE("a cancelled sync stops with CANCELLED and records no run") {
    TestHost host;
    SyncFixture fx;
    PluginSession session(host, fx.settings);
    host.cancel = true;
    const CallResult r = session.sync();
    CHECK(r.status == CRMEXT_CANCELLED);
    host.cancel = false;
    CHECK(session.scorecard().status == CRMEXT_NOT_FOUND);
}


// Survey responses and deliveries arrive after a first sync. As of 2026-07-01:
//   S1: csat R1 5 (on D1) and R2 3 (on C2) -> 1/2; nps R3 10 (seller S1) -> +100;
//       deliveries of D1: V1 on time, V2 outstanding past its promise -> 1/2.
//   S2: nps R4 6 (on D5) and R5 8 (on C3) -> (0 - 1/2) * 100 = -50; no csat, no delivery: null.
// Ana's D4 gains three values and its kpi_updated_at is already right; Ben's D6 gains one. The score
// does not move: the new KPIs weigh 0 by default.
TEST_CASE("sync writes seller_csat and seller_on_time_delivery_rate as ratios and seller_nps in points, once") {
    TestHost host;
    SyncFixture fx;
    PluginSession session(host, fx.settings);
    REQUIRE(session.sync().status == CRMEXT_OK);

    const auto more = fx.dir.path() / "experience";
    std::filesystem::create_directories(more);
    write_file(more / "survey_responses.ndjson",
               R"({"id":"R1","kind":"csat","score":5,"at":"2026-06-01T00:00:00Z","deal_id":"D1"}
{"id":"R2","kind":"csat","score":3,"at":"2026-06-02T00:00:00Z","contact_id":"C2"}
{"id":"R3","kind":"nps","score":10,"at":"2026-06-03T00:00:00Z","seller_id":"S1"}
{"id":"R4","kind":"nps","score":6,"at":"2026-06-04T00:00:00Z","deal_id":"D5"}
{"id":"R5","kind":"nps","score":8,"at":"2026-06-05T00:00:00Z","contact_id":"C3"}
)");
    write_file(more / "deliveries.ndjson",
               R"({"id":"V1","deal_id":"D1","promised_at":"2026-06-10T00:00:00Z","delivered_at":"2026-06-09T00:00:00Z"}
{"id":"V2","deal_id":"D1","promised_at":"2026-06-20T00:00:00Z"}
)");
    fx.import(more);
    const CallResult r = session.sync();
    REQUIRE(r.status == CRMEXT_OK);
    CHECK(r.json().at("fields_written").as_int64() == 4);

    const auto deals = deal_fields(session, "seller_score >= 0");
    const json::object& d4 = deals.at("D4");
    CHECK(d4.at("seller_csat").to_number<double>() == Approx(0.5));
    CHECK(d4.at("seller_nps").to_number<double>() == Approx(100.0));
    CHECK(d4.at("seller_on_time_delivery_rate").to_number<double>() == Approx(0.5));
    CHECK(d4.at("seller_score").to_number<double>() == Approx(67.5));
    const json::object& d6 = deals.at("D6");
    CHECK(d6.at("seller_nps").to_number<double>() == Approx(-50.0));
    CHECK_FALSE(d6.contains("seller_csat"));
    CHECK_FALSE(d6.contains("seller_on_time_delivery_rate"));
    CHECK(deal_fields(session, "seller_csat >= 50%").count("D4") == 1);

    const CallResult again = session.sync(R"({"full":true})");
    REQUIRE(again.status == CRMEXT_OK);
    CHECK(again.json().at("fields_written").as_int64() == 0);
}
