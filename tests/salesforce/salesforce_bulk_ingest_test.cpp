// Write-back through Bulk API 2.0 ingest above salesforce.bulk_write_threshold, against the fake:
// one update job per object (create, one CSV upload, UploadComplete, polls, results read back),
// locked rows retried once in one more job, validation errors per record, records a Failed job left
// unprocessed reported and not written, and nothing written twice.
#include <catch2/catch.hpp>

#include "connectors/salesforce/csv_table.hpp"
#include "salesforce_fixture.hpp"

using namespace sellerscore;
using namespace sellerscore::connectors;
using namespace sellerscore::salesforce_testing;

namespace {

const std::string data_path = "/services/data/v62.0";

std::vector<FieldWrite> score_every_deal(const model::Dataset& seeded) {
    std::vector<FieldWrite> writes;
    for (std::size_t i = 0; i < seeded.deals.size(); ++i)
        writes.push_back({RecordObject::deal, seeded.deals[i].id, "seller_score", static_cast<double>(i) + 0.5});
    return writes;
}

std::unique_ptr<connectors::salesforce::SalesforceConnector> connector_with_threshold(SalesforceFixture& f,
                                                                                       std::int64_t threshold) {
    auto settings = f.settings();
    settings.bulk_write_threshold = threshold;
    return f.connector(settings);
}

}  // namespace

TEST_CASE("CSV for an upload quotes only what needs it: commas, quotes, line breaks", "[salesforce][bulk-write]") {
    using connectors::salesforce::csv_line;
    CHECK(csv_line({"006A", "71.5", "", "#N/A"}) == "006A,71.5,,#N/A\n");
    CHECK(csv_line({"a,b", "say \"hi\"", "two\nlines"}) == "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\n");
    const auto parsed = connectors::salesforce::parse_csv(csv_line({"a,b", "say \"hi\"", "two\nlines"}));
    REQUIRE(parsed.is_ok());
    CHECK(parsed->at(0) == std::vector<std::string>{"a,b", "say \"hi\"", "two\nlines"});
}

TEST_CASE("At the write threshold the changed deals go through one ingest job, not composite calls",
          "[salesforce][bulk-write]") {
    SalesforceFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    REQUIRE(seeded.deals.size() == 140);
    auto connector = connector_with_threshold(f, 140);
    REQUIRE(connector->ensure_fields(deal_fields()).is_ok());
    const auto before = f.fake.api_usage();
    const auto report = connector->write(score_every_deal(seeded));
    REQUIRE(report.is_ok());
    CHECK(report->written == 140);
    CHECK(report->failures.empty());
    CHECK(f.fake.requests(data_path + "/composite/sobjects") == 0);
    CHECK(f.fake.requests(data_path + "/jobs/ingest") == 1 + 1 + 1 + 2 + 1 + 1);  // create, PUT, close, 2 polls, results x2
    // Every request counts against the daily allocation; the job uses one of the day's Bulk API batches.
    CHECK(f.fake.api_usage() - before == 7);
    CHECK(f.fake.bulk_batches_used() == 1);
    CHECK(f.fake.value("Opportunity", seeded.deals[0].id, "Seller_Score__c") == "0.5");
    CHECK(f.fake.value("Opportunity", seeded.deals[139].id, "Seller_Score__c") == "139.5");
    CHECK(f.fake.writes_that_changed_nothing() == 0);
}

TEST_CASE("Below the write threshold the same write goes through composite calls of 200", "[salesforce][bulk-write]") {
    SalesforceFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = connector_with_threshold(f, 141);
    REQUIRE(connector->ensure_fields(deal_fields()).is_ok());
    const auto report = connector->write(score_every_deal(seeded));
    REQUIRE(report.is_ok());
    CHECK(report->written == 140);
    CHECK(f.fake.requests(data_path + "/composite/sobjects") == 1);
    CHECK(f.fake.requests(data_path + "/jobs/ingest") == 0);
}

TEST_CASE("An ingest job's values land as Salesforce holds them: percent 0-100, picklist, a cleared field",
          "[salesforce][bulk-write]") {
    SalesforceFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = connector_with_threshold(f, 1);
    REQUIRE(connector->ensure_fields(deal_fields()).is_ok());
    const std::string a = seeded.deals[0].id, b = seeded.deals[1].id;
    REQUIRE(f.fake.touch("Opportunity", b, {{"Seller_Score__c", "12"}}).is_ok());
    const std::vector<FieldWrite> writes = {{RecordObject::deal, a, "seller_win_rate", 0.25},
                                            {RecordObject::deal, a, "seller_score_band", std::string("top")},
                                            {RecordObject::deal, b, "seller_score", std::monostate{}}};
    const auto report = connector->write(writes);
    REQUIRE(report.is_ok());
    CHECK(report->written == 3);
    CHECK(report->failures.empty());
    CHECK(f.fake.value("Opportunity", a, "Seller_Win_Rate__c") == "25");
    CHECK(f.fake.value("Opportunity", a, "Seller_Score_Band__c") == "top");
    CHECK_FALSE(f.fake.value("Opportunity", b, "Seller_Score__c").has_value());  // #N/A cleared it
    CHECK_FALSE(f.fake.value("Opportunity", a, "Seller_Score__c").has_value());  // an empty cell left it alone
}

TEST_CASE("In an ingest job a locked row is retried once in a second job; a validation rule's refusal is reported",
          "[salesforce][bulk-write]") {
    SalesforceFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = connector_with_threshold(f, 100);
    REQUIRE(connector->ensure_fields(deal_fields()).is_ok());
    f.fake.inject(fakes::FakeSalesforceFault::unable_to_lock_row, 2);
    f.fake.reject_writes("Opportunity", seeded.deals[5].id, "Scores are locked on this deal");
    const auto writes = score_every_deal(seeded);
    const auto report = connector->write(writes);
    REQUIRE(report.is_ok());
    CHECK(report->written == 139);
    REQUIRE(report->failures.size() == 1);
    CHECK(writes[report->failures[0].index].record_id == seeded.deals[5].id);
    CHECK(report->failures[0].status.message() ==
          "salesforce: Opportunity " + seeded.deals[5].id + ": FIELD_CUSTOM_VALIDATION_EXCEPTION:Scores are locked on this deal:--");
    // Two jobs: the second holds only the two locked rows (the first two records of the upload).
    CHECK(f.fake.requests(data_path + "/jobs/ingest") == 2 * 7);
    CHECK(f.fake.value("Opportunity", seeded.deals[0].id, "Seller_Score__c") == "0.5");
    CHECK(f.fake.value("Opportunity", seeded.deals[1].id, "Seller_Score__c") == "1.5");
    CHECK(f.fake.writes_that_changed_nothing() == 0);  // nothing written twice
}

TEST_CASE("A locked row that is locked again in its retry job is reported, not tried a third time",
          "[salesforce][bulk-write]") {
    SalesforceFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = connector_with_threshold(f, 100);
    REQUIRE(connector->ensure_fields(deal_fields()).is_ok());
    // Every record of the first job is locked, then the first two again in the retry job.
    f.fake.inject(fakes::FakeSalesforceFault::unable_to_lock_row, 102);
    const auto writes = score_every_deal(seeded);
    std::vector<FieldWrite> first_only(writes.begin(), writes.begin() + 100);
    const auto report = connector->write(first_only);
    REQUIRE(report.is_ok());
    CHECK(report->written == 98);
    REQUIRE(report->failures.size() == 2);
    CHECK(report->failures[0].status.message().find("UNABLE_TO_LOCK_ROW") != std::string::npos);
    CHECK(f.fake.requests(data_path + "/jobs/ingest") == 2 * 7);
}

TEST_CASE("Records a Failed job left unprocessed are reported for the next run and not written",
          "[salesforce][bulk-write]") {
    SalesforceFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = connector_with_threshold(f, 100);
    REQUIRE(connector->ensure_fields(deal_fields()).is_ok());
    // Other integrations used all but 139 of the org's 150,000,000 ingested records of the day.
    f.fake.record_other_bulk_ingest(150'000'000 - 139);
    const auto writes = score_every_deal(seeded);
    const auto report = connector->write(writes);
    REQUIRE(report.is_ok());
    CHECK(report->written == 0);
    REQUIRE(report->failures.size() == 140);
    CHECK(report->failures[0].status.message().find("Failed (Exceeded the limit of 150,000,000") != std::string::npos);
    CHECK(report->failures[0].status.message().find("not processed, written next run") != std::string::npos);
    CHECK_FALSE(f.fake.value("Opportunity", seeded.deals[0].id, "Seller_Score__c").has_value());
    // create, PUT, close, 2 polls, successfulResults, failedResults, unprocessedrecords; no second job.
    CHECK(f.fake.requests(data_path + "/jobs/ingest") == 8);
}

TEST_CASE("A job whose close was lost on the wire is polled, not closed or uploaded again", "[salesforce][bulk-write]") {
    SalesforceFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = connector_with_threshold(f, 100);
    REQUIRE(connector->ensure_fields(deal_fields()).is_ok());
    // The upload's answer (201, no body) is cut harmlessly; the close (PATCH UploadComplete) is
    // processed, then its answer is cut mid-body.
    f.fake.inject(fakes::FakeSalesforceFault::truncate_body, 2, "/jobs/ingest/750");
    const auto writes = score_every_deal(seeded);
    const auto report = connector->write(writes);
    REQUIRE(report.is_ok());
    INFO((report->failures.empty() ? std::string() : report->failures[0].status.message()));
    CHECK(report->written == 140);
    CHECK(f.fake.requests(data_path + "/jobs/ingest") == 7);  // no second close, no second upload
    CHECK(f.fake.writes_that_changed_nothing() == 0);
}
