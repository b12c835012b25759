// Survey responses and deliveries (KPIS.md §1, §1.1): their NDJSON lines, the import's rules for
// them, and the local CRM storing and streaming them.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "connectors/local/local_connector.hpp"
#include "connectors/local/local_crm_database.hpp"
#include "connectors/local/ndjson_importer.hpp"
#include "local_crm_test_fixture.hpp"
#include "plugin/model/record_json.hpp"
#include "plugin/model/timestamp_format.hpp"

using sellerscore::connectors::LocalConnector;
using sellerscore::connectors::LocalCrmDatabase;
using sellerscore::connectors::NdjsonImporter;
using sellerscore::test::TempDir;
using sellerscore::test::count_rows;
using sellerscore::test::open_db;
namespace model = sellerscore::model;
namespace connectors = sellerscore::connectors;

namespace {

// The small CRM plus two survey responses and two deliveries of its won deal D-2.
void write_experience_crm(const TempDir& dir, const std::string& sub = "crm") {
    sellerscore::test::write_small_crm(dir, sub);
    dir.write(sub + "/survey_responses.ndjson",
              R"({"id":"R-1","kind":"csat","score":5,"at":"2026-02-03T10:00:00Z","deal_id":"D-2"})"
              "\n"
              R"({"id":"R-2","kind":"nps","score":0,"at":"2026-02-04T10:00:00.250Z","contact_id":"C-1","seller_id":"S-1"})"
              "\n");
    dir.write(sub + "/deliveries.ndjson",
              R"({"id":"V-1","deal_id":"D-2","promised_at":"2026-02-10T00:00:00Z","delivered_at":"2026-02-09T12:00:00Z"})"
              "\n"
              R"({"id":"V-2","deal_id":"D-2","promised_at":"2026-02-20T00:00:00Z"})"
              "\n");
}

struct DatasetSink : connectors::RecordSink {
    model::Dataset all;
    sellerscore::Status accept(connectors::ReadPage&& page) override {
        all.append(std::move(page.records));
        return sellerscore::Status::ok();
    }
};

}  // namespace

TEST_CASE("a survey response line parses into every field and round-trips") {
    auto r = model::parse_survey_response(
        R"({"id":"R-1","kind":"nps","score":9,"at":"2026-02-04T10:00:00.250Z","contact_id":"C-1","deal_id":"D-1","seller_id":"S-1"})");
    REQUIRE(r);
    CHECK(r->id == "R-1");
    CHECK(r->kind == model::SurveyKind::nps);
    CHECK(r->score == 9);
    CHECK(r->at == *model::parse_rfc3339("2026-02-04T10:00:00.250Z"));
    CHECK(r->contact_id == "C-1");
    CHECK(r->deal_id == "D-1");
    CHECK(r->seller_id == "S-1");
    auto again = model::parse_survey_response(model::to_ndjson(*r));
    REQUIRE(again);
    CHECK(model::to_ndjson(*again) == model::to_ndjson(*r));
}

TEST_CASE("a delivery line parses, an outstanding one without delivered_at, and round-trips") {
    auto outstanding = model::parse_delivery(R"({"id":"V-2","deal_id":"D-2","promised_at":"2026-02-20T00:00:00Z"})");
    REQUIRE(outstanding);
    CHECK_FALSE(outstanding->delivered_at);
    auto delivered = model::parse_delivery(
        R"({"id":"V-1","deal_id":"D-2","promised_at":"2026-02-10T00:00:00Z","delivered_at":"2026-02-09T12:00:00Z"})");
    REQUIRE(delivered);
    CHECK(delivered->delivered_at == *model::parse_rfc3339("2026-02-09T12:00:00Z"));
    CHECK(model::to_ndjson(*model::parse_delivery(model::to_ndjson(*delivered))) == model::to_ndjson(*delivered));
}

TEST_CASE("a survey score outside its kind's range is rejected, the range's ends accepted") {
    auto line = [](const char* kind, int score) {
        return std::string(R"({"id":"R","kind":")") + kind + R"(","score":)" + std::to_string(score) +
               R"(,"at":"2026-02-03T10:00:00Z"})";
    };
    CHECK(model::parse_survey_response(line("csat", 1)));
    CHECK(model::parse_survey_response(line("csat", 5)));
    CHECK(model::parse_survey_response(line("nps", 0)));
    CHECK(model::parse_survey_response(line("nps", 10)));
    CHECK(model::parse_survey_response(line("csat", 0)).status().message() == "csat score 0 is outside 1-5");
    CHECK(model::parse_survey_response(line("csat", 6)).status().message() == "csat score 6 is outside 1-5");
    CHECK(model::parse_survey_response(line("nps", 11)).status().message() == "nps score 11 is outside 0-10");
    CHECK(model::parse_survey_response(line("nps", -1)).status().message() == "nps score -1 is outside 0-10");
    CHECK(model::parse_survey_response(line("ces", 3)).status().message() == "unknown kind 'ces'");
}

TEST_CASE("a directory with survey responses and deliveries imports them all and counts them") {
    TempDir dir;
    write_experience_crm(dir);
    auto db = open_db(dir);
    auto counts = NdjsonImporter(*db).import_directory(dir / "crm");
    REQUIRE(counts);
    CHECK(counts->survey_responses == 2);
    CHECK(counts->deliveries == 2);
    CHECK(counts->total() == 17 + 4);
    CHECK(count_rows(*db, "survey_responses") == 2);
    CHECK(count_rows(*db, "deliveries") == 2);
}

TEST_CASE("a directory without the new files imports as before") {
    TempDir dir;
    sellerscore::test::write_small_crm(dir);
    auto db = open_db(dir);
    auto counts = NdjsonImporter(*db).import_directory(dir / "crm");
    REQUIRE(counts);
    CHECK(counts->survey_responses == 0);
    CHECK(counts->deliveries == 0);
    CHECK(counts->total() == 17);
}

TEST_CASE("import rejections of survey responses and deliveries name file, line and reason and store nothing") {
    struct Case {
        const char* file;
        const char* line;
        const char* reason;
    };
    const Case cases[] = {
        {"survey_responses.ndjson", R"({"id":"R-9","kind":"csat","score":7,"at":"2026-02-03T10:00:00Z"})",
         "csat score 7 is outside 1-5"},
        {"survey_responses.ndjson", R"({"id":"R-9","kind":"nps","score":9,"at":"2026-02-03T10:00:00Z","deal_id":"D-x"})",
         "survey response 'R-9' has unknown deal 'D-x'"},
        {"survey_responses.ndjson", R"({"id":"R-9","kind":"nps","score":9,"at":"2026-02-03T10:00:00Z","contact_id":"C-x"})",
         "survey response 'R-9' has unknown contact 'C-x'"},
        {"survey_responses.ndjson", R"({"id":"R-9","kind":"nps","score":9,"at":"2026-02-03T10:00:00Z","seller_id":"S-x"})",
         "survey response 'R-9' has unknown seller 'S-x'"},
        {"deliveries.ndjson", R"({"id":"V-9","deal_id":"D-1","promised_at":"2026-02-10T00:00:00Z"})",
         "delivery 'V-9' is of deal 'D-1', which is not won"},
        {"deliveries.ndjson", R"({"id":"V-9","deal_id":"D-x","promised_at":"2026-02-10T00:00:00Z"})",
         "delivery 'V-9' has unknown deal 'D-x'"},
    };
    for (const Case& c : cases) {
        TempDir dir;
        write_experience_crm(dir);
        // The bad record is the second line of its file, after a good one.
        const std::string good = std::string(c.file) == "deliveries.ndjson"
                                     ? R"({"id":"V-1","deal_id":"D-2","promised_at":"2026-02-10T00:00:00Z"})"
                                     : R"({"id":"R-1","kind":"csat","score":5,"at":"2026-02-03T10:00:00Z"})";
        dir.write(std::string("crm/") + c.file, good + "\n" + c.line + "\n");
        auto db = open_db(dir);
        auto counts = NdjsonImporter(*db).import_directory(dir / "crm");
        REQUIRE_FALSE(counts);
        CHECK(counts.status().message() == std::string(c.file) + ":2: " + c.reason);
        CHECK(count_rows(*db, "sellers") == 0);
        CHECK(count_rows(*db, "survey_responses") == 0);
        CHECK(count_rows(*db, "deliveries") == 0);
    }
}

TEST_CASE("a delivery may name a won deal stored by an earlier import, not one that is open there") {
    TempDir dir;
    sellerscore::test::write_small_crm(dir);
    auto db = open_db(dir);
    REQUIRE(NdjsonImporter(*db).import_directory(dir / "crm"));
    dir.write("later/deliveries.ndjson", R"({"id":"V-1","deal_id":"D-2","promised_at":"2026-02-10T00:00:00Z"})" "\n");
    CHECK(NdjsonImporter(*db).import_directory(dir / "later"));
    dir.write("open/deliveries.ndjson", R"({"id":"V-2","deal_id":"D-1","promised_at":"2026-02-10T00:00:00Z"})" "\n");
    auto refused = NdjsonImporter(*db).import_directory(dir / "open");
    REQUIRE_FALSE(refused);
    CHECK(refused.status().message() == "deliveries.ndjson:1: delivery 'V-2' is of deal 'D-1', which is not won");
}

TEST_CASE("a dataset's survey responses and deliveries follow the same rules") {
    TempDir dir;
    auto db = open_db(dir);
    model::Dataset data;
    data.sellers.push_back({"S-1", "Ana", "ana@example.com", std::nullopt, true});
    data.stages.push_back({"W", "P", "Won", 1, model::StageKind::won, 1.0});
    data.deals.push_back({"D-1", "S-1", std::nullopt, std::nullopt, "P", "W", 10.0, 0, 5, model::DealStatus::won});
    data.deliveries.push_back({"V-1", "D-1", 100, std::nullopt});
    data.survey_responses.push_back({"R-1", model::SurveyKind::csat, 4, 50, std::nullopt, "D-x", std::nullopt});
    auto refused = NdjsonImporter(*db).import_dataset(data);
    REQUIRE_FALSE(refused);
    CHECK(refused.status().message() == "survey response 'R-1' has unknown deal 'D-x'");
    data.survey_responses[0].deal_id = "D-1";
    auto counts = NdjsonImporter(*db).import_dataset(data);
    REQUIRE(counts);
    CHECK(counts->deliveries == 1);
    CHECK(counts->survey_responses == 1);
}

TEST_CASE("the local CRM streams survey responses and deliveries back exactly as imported") {
    TempDir dir;
    write_experience_crm(dir);
    auto connector = LocalConnector::open(dir / "crm.sqlite");
    REQUIRE(connector);
    REQUIRE(NdjsonImporter((*connector)->database()).import_directory(dir / "crm"));
    DatasetSink sink;
    REQUIRE((*connector)->read("", sink));
    REQUIRE(sink.all.survey_responses.size() == 2);
    REQUIRE(sink.all.deliveries.size() == 2);
    CHECK(model::to_ndjson(sink.all.survey_responses[1]) ==
          R"({"id":"R-2","kind":"nps","score":0,"at":"2026-02-04T10:00:00.250Z","contact_id":"C-1","seller_id":"S-1"})");
    CHECK(model::to_ndjson(sink.all.deliveries[0]) ==
          R"({"id":"V-1","deal_id":"D-2","promised_at":"2026-02-10T00:00:00Z","delivered_at":"2026-02-09T12:00:00Z"})");
    CHECK_FALSE(sink.all.deliveries[1].delivered_at);
}

// A version 3 file had no survey or delivery tables; opening it adds them, empty, and keeps the rest.
TEST_CASE("a version 3 CRM file is migrated to hold survey responses and deliveries") {
    TempDir dir;
    sellerscore::test::write_small_crm(dir);
    {
        auto db = open_db(dir);
        REQUIRE(NdjsonImporter(*db).import_directory(dir / "crm"));
    }
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open((dir / "crm.sqlite").c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw, "DROP TABLE survey_responses; DROP TABLE deliveries; PRAGMA user_version=3;", nullptr,
                         nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);

    auto db = open_db(dir);
    CHECK(count_rows(*db, "deals") == 2);
    CHECK(count_rows(*db, "survey_responses") == 0);
    write_experience_crm(dir, "more");
    auto counts = NdjsonImporter(*db).import_directory(dir / "more");
    REQUIRE(counts);
    CHECK(counts->deliveries == 2);
    auto version = db->prepare("PRAGMA user_version");
    REQUIRE(version);
    REQUIRE(version->step() == SQLITE_ROW);
    CHECK(version->int64(0) == 4);
}
