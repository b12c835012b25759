#include <catch2/catch.hpp>

#include "connectors/local/local_crm_database.hpp"
#include "connectors/local/ndjson_importer.hpp"
#include "local_crm_test_fixture.hpp"

using sellerscore::connectors::ImportCounts;
using sellerscore::connectors::LocalCrmDatabase;
using sellerscore::connectors::NdjsonImporter;
using sellerscore::test::TempDir;
using sellerscore::test::count_rows;
using sellerscore::test::open_db;
namespace model = sellerscore::model;

namespace {

std::int64_t total_rows(LocalCrmDatabase& db) {
    std::int64_t total = 0;
    for (const char* table : {"sellers", "stages", "contacts", "deals", "stage_changes", "activities", "spend"}) {
        total += count_rows(db, table);
    }
    return total;
}

}  // namespace

TEST_CASE("importing a directory stores every record and reports counts per type") {
    TempDir dir;
    sellerscore::test::write_small_crm(dir);
    auto db = open_db(dir);
    std::size_t last_done = 0, last_total = 0;
    auto counts = NdjsonImporter(*db).import_directory(dir / "crm", [&](std::size_t done, std::size_t total) {
        last_done = done;
        last_total = total;
    });
    REQUIRE(counts);
    CHECK(counts->sellers == 2);
    CHECK(counts->stages == 3);
    CHECK(counts->contacts == 3);
    CHECK(counts->deals == 2);
    CHECK(counts->stage_changes == 3);
    CHECK(counts->activities == 3);
    CHECK(counts->spend == 1);
    CHECK(counts->total() == 17);
    CHECK(total_rows(*db) == 17);
    CHECK(last_done == 17);
    CHECK(last_total == 17);
    CHECK(db->change_sequence().value() == 1);
}

TEST_CASE("importing the same directory twice is idempotent") {
    TempDir dir;
    sellerscore::test::write_small_crm(dir);
    auto db = open_db(dir);
    REQUIRE(NdjsonImporter(*db).import_directory(dir / "crm"));
    auto again = NdjsonImporter(*db).import_directory(dir / "crm");
    REQUIRE(again);
    CHECK(again->total() == 17);
    CHECK(total_rows(*db) == 17);
}

TEST_CASE("a bad line is reported with file, line and reason, and the database is left unchanged") {
    TempDir dir;
    sellerscore::test::write_small_crm(dir);
    auto db = open_db(dir);
    REQUIRE(NdjsonImporter(*db).import_directory(dir / "crm"));
    const std::int64_t seq_before = db->change_sequence().value();

    sellerscore::test::write_small_crm(dir, "bad");
    // Line 3 of activities.ndjson is blank; the bad record is on line 4, after two good ones.
    dir.write("bad/sellers.ndjson", R"({"id":"S-9","name":"New","email":"n@example.com","active":true})" "\n");
    dir.write("bad/activities.ndjson",
              R"({"id":"A-10","owner_id":"S-9","type":"call","direction":"outbound","at":"2026-01-07T09:00:00Z"})"
              "\n"
              R"({"id":"A-11","owner_id":"S-9","type":"call","direction":"outbound","at":"2026-01-07T09:00:00Z"})"
              "\n\n"
              R"({"id":"A-12","owner_id":"S-9","type":"cal","direction":"outbound","at":"2026-01-07T09:00:00Z"})"
              "\n");
    db.reset();
    const std::string bytes_before = sellerscore::test::read_bytes(dir / "crm.sqlite");
    db = open_db(dir);

    auto counts = NdjsonImporter(*db).import_directory(dir / "bad");
    REQUIRE_FALSE(counts);
    CHECK(counts.status().message() == "activities.ndjson:4: unknown type 'cal'");
    CHECK(db->change_sequence().value() == seq_before);
    CHECK(total_rows(*db) == 17);
    CHECK(count_rows(*db, "sellers") == 2);
    db.reset();
    CHECK(sellerscore::test::read_bytes(dir / "crm.sqlite") == bytes_before);
}

TEST_CASE("a deal owned by an unknown seller is rejected") {
    TempDir dir;
    sellerscore::test::write_small_crm(dir);
    dir.write("crm/deals.ndjson",
              R"({"id":"D-9","owner_id":"S-404","pipeline_id":"P","stage_id":"ST-1","created_at":"2026-01-05T09:00:00Z","status":"open"})"
              "\n");
    dir.write("crm/stage_changes.ndjson", "");
    dir.write("crm/activities.ndjson", "");
    auto db = open_db(dir);
    auto counts = NdjsonImporter(*db).import_directory(dir / "crm");
    REQUIRE_FALSE(counts);
    CHECK(counts.status().message() == "deals.ndjson:1: deal 'D-9' has unknown owner 'S-404'");
    CHECK(total_rows(*db) == 0);
}

TEST_CASE("a deal whose stage is unknown or in another pipeline is rejected") {
    TempDir dir;
    sellerscore::test::write_small_crm(dir);
    auto db = open_db(dir);
    REQUIRE(NdjsonImporter(*db).import_directory(dir / "crm"));

    dir.write("more/deals.ndjson",
              R"({"id":"D-9","owner_id":"S-1","pipeline_id":"P","stage_id":"S-x","created_at":"2026-01-05T09:00:00Z","status":"open"})"
              "\n");
    auto unknown = NdjsonImporter(*db).import_directory(dir / "more");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.status().message() == "deals.ndjson:1: deal 'D-9' has unknown stage 'S-x'");

    dir.write("more/deals.ndjson",
              R"({"id":"D-9","owner_id":"S-1","pipeline_id":"Q","stage_id":"ST-1","created_at":"2026-01-05T09:00:00Z","status":"open"})"
              "\n");
    auto other_pipeline = NdjsonImporter(*db).import_directory(dir / "more");
    REQUIRE_FALSE(other_pipeline);
    CHECK(other_pipeline.status().message() ==
          "deals.ndjson:1: deal 'D-9' is in pipeline 'Q' but its stage 'ST-1' belongs to pipeline 'P'");
}

TEST_CASE("references resolve against records already in the database") {
    TempDir dir;
    sellerscore::test::write_small_crm(dir);
    auto db = open_db(dir);
    REQUIRE(NdjsonImporter(*db).import_directory(dir / "crm"));
    dir.write("more/activities.ndjson",
              R"({"id":"A-20","owner_id":"S-2","type":"visit","direction":"outbound","at":"2026-01-07T09:00:00Z","contact_id":"C-2","deal_id":"D-2"})"
              "\n");
    auto counts = NdjsonImporter(*db).import_directory(dir / "more");
    REQUIRE(counts);
    CHECK(counts->activities == 1);
    CHECK(count_rows(*db, "activities") == 4);
}

TEST_CASE("a referral to a contact that never appears is reported at the referring line") {
    TempDir dir;
    dir.write("crm/contacts.ndjson",
              R"({"id":"C-1","created_at":"2026-01-02T10:00:00Z"})"
              "\n"
              R"({"id":"C-2","created_at":"2026-01-02T10:00:00Z","referred_by":"C-77"})"
              "\n");
    auto db = open_db(dir);
    auto counts = NdjsonImporter(*db).import_directory(dir / "crm");
    REQUIRE_FALSE(counts);
    CHECK(counts.status().message() == "contacts.ndjson:2: contact 'C-2' has unknown referrer 'C-77'");
}

TEST_CASE("the same id twice in one import is an error") {
    TempDir dir;
    dir.write("crm/sellers.ndjson",
              R"({"id":"S-1","name":"Ana","email":"a@example.com","active":true})"
              "\n"
              R"({"id":"S-1","name":"Ana B","email":"a@example.com","active":true})"
              "\n");
    auto db = open_db(dir);
    auto counts = NdjsonImporter(*db).import_directory(dir / "crm");
    REQUIRE_FALSE(counts);
    CHECK(counts.status().message() == "sellers.ndjson:2: seller 'S-1' appears twice in this import");
    CHECK(total_rows(*db) == 0);
}

// Ad platforms export one row per campaign: KPIS.md §1 adds up the rows of one channel and month.
TEST_CASE("several spend rows for one channel and month are all kept") {
    TempDir dir;
    sellerscore::test::write_small_crm(dir);
    dir.write("crm/spend.ndjson",
              R"({"channel":"web","month":"2026-01","amount":500,"clicks":1200})"
              "\n"
              R"({"channel":"web","month":"2026-01","amount":300})"
              "\n");
    auto db = open_db(dir);
    auto counts = NdjsonImporter(*db).import_directory(dir / "crm");
    REQUIRE(counts);
    CHECK(counts->spend == 2);
    CHECK(count_rows(*db, "spend") == 2);
    auto rows = db->prepare("SELECT amount, clicks IS NULL FROM spend ORDER BY rowid");
    REQUIRE(rows);
    REQUIRE(rows->step() == SQLITE_ROW);
    CHECK(rows->real(0) == 500);
    CHECK(rows->int64(1) == 0);
    REQUIRE(rows->step() == SQLITE_ROW);
    CHECK(rows->real(0) == 300);
    CHECK(rows->int64(1) == 1);
}

TEST_CASE("importing a channel's month again replaces its spend rows instead of adding to them") {
    TempDir dir;
    sellerscore::test::write_small_crm(dir);
    dir.write("crm/spend.ndjson",
              R"({"channel":"web","month":"2026-01","amount":500})"
              "\n"
              R"({"channel":"web","month":"2026-01","amount":300})"
              "\n"
              R"({"channel":"ads","month":"2026-01","amount":40})"
              "\n");
    auto db = open_db(dir);
    REQUIRE(NdjsonImporter(*db).import_directory(dir / "crm"));
    REQUIRE(NdjsonImporter(*db).import_directory(dir / "crm"));
    CHECK(count_rows(*db, "spend") == 3);

    // A corrected export of web's January: one row of 650. ads' January is not in it and stays.
    model::Dataset corrected;
    corrected.spend.push_back({"web", "2026-01", 650, std::nullopt});
    REQUIRE(NdjsonImporter(*db).import_dataset(corrected));
    auto sums = db->prepare("SELECT channel, sum(amount), count(*) FROM spend GROUP BY channel ORDER BY channel");
    REQUIRE(sums);
    REQUIRE(sums->step() == SQLITE_ROW);
    CHECK(sums->text(0) == "ads");
    CHECK(sums->real(1) == 40);
    REQUIRE(sums->step() == SQLITE_ROW);
    CHECK(sums->text(0) == "web");
    CHECK(sums->real(1) == 650);
    CHECK(sums->int64(2) == 1);
}

TEST_CASE("an unknown NDJSON file name is an error") {
    TempDir dir;
    sellerscore::test::write_small_crm(dir);
    dir.write("crm/deal.ndjson", "");
    auto db = open_db(dir);
    auto counts = NdjsonImporter(*db).import_directory(dir / "crm");
    REQUIRE_FALSE(counts);
    CHECK_THAT(counts.status().message(), Catch::StartsWith((dir / "crm" / "deal.ndjson").string() +
                                                            ": unknown NDJSON file (expected sellers.ndjson, "));
    CHECK(total_rows(*db) == 0);
}

TEST_CASE("a directory without any NDJSON file is an error") {
    TempDir dir;
    dir.write("crm/README.txt", "nothing here");
    auto db = open_db(dir);
    auto counts = NdjsonImporter(*db).import_directory(dir / "crm");
    REQUIRE_FALSE(counts);
    CHECK_THAT(counts.status().message(), Catch::Contains("no NDJSON files"));
}

TEST_CASE("a dataset imports with the same rules and errors name the record") {
    TempDir dir;
    auto db = open_db(dir);
    model::Dataset data;
    data.sellers.push_back({"S-1", "Ana", "a@example.com", std::nullopt, true});
    data.stages.push_back({"ST-1", "P", "New", 1, model::StageKind::open, std::nullopt});
    model::Deal deal;
    deal.id = "D-1";
    deal.owner_id = "S-1";
    deal.pipeline_id = "P";
    deal.stage_id = "ST-1";
    data.deals.push_back(deal);
    model::Activity activity;
    activity.id = "A-1";
    activity.owner_id = "S-1";
    activity.deal_id = "D-404";
    data.activities.push_back(activity);

    auto failed = NdjsonImporter(*db).import_dataset(data);
    REQUIRE_FALSE(failed);
    CHECK(failed.status().message() == "activity 'A-1' has unknown deal 'D-404'");
    CHECK(total_rows(*db) == 0);

    data.activities.front().deal_id = "D-1";
    auto counts = NdjsonImporter(*db).import_dataset(data);
    REQUIRE(counts);
    CHECK(counts->total() == 4);
    CHECK(total_rows(*db) == 4);
}
