// Bulk API 2.0 query and ingest jobs of the fake Salesforce.
#include <catch2/catch.hpp>

#include "fake_salesforce_test_support.hpp"

using namespace sellerscore;
using namespace sellerscore::fakes;
using namespace sellerscore::fakes::sf_testing;

namespace {

struct BulkOrg {
    FakeSalesforce salesforce{options_with(ManualClock{})};
    model::Dataset seen = salesforce.seed(deals_dataset(5));
    std::string token = session(salesforce);

    FakeResponse call(const std::string& method, const std::string& path, const std::string& body = "",
                      std::map<std::string, std::string> query = {}) {
        return salesforce.handle(request(method, v + path, body, token, std::move(query)));
    }
    std::string create_query(const std::string& soql_text, const std::string& operation = "query") {
        const FakeResponse created = call("POST", "/jobs/query", R"({"operation":")" + operation + R"(","query":")" + soql_text + R"("})");
        INFO(created.body);
        REQUIRE(created.status == 200);
        CHECK(json_of(created).at("state") == "UploadComplete");
        return str(json_of(created).at("id"));
    }
    std::string state(const std::string& kind, const std::string& id) { return str(json_of(call("GET", "/jobs/" + kind + "/" + id)).at("state")); }
    void grant_score_field() {
        call("POST", "/tooling/sobjects/CustomField",
             R"({"FullName":"Opportunity.Seller_Score__c","Metadata":{"label":"Seller Score","type":"Number","precision":18,"scale":2}})");
        const std::string set = str(json_of(call("POST", "/sobjects/PermissionSet", R"({"Name":"S","Label":"S"})")).at("id"));
        call("POST", "/sobjects/FieldPermissions", R"({"ParentId":")" + set +
             R"(","SobjectType":"Opportunity","Field":"Opportunity.Seller_Score__c","PermissionsRead":true,"PermissionsEdit":true})");
        call("POST", "/sobjects/PermissionSetAssignment",
             R"({"AssigneeId":")" + salesforce.integration_user_id() + R"(","PermissionSetId":")" + set + R"("})");
    }
};

}  // namespace

TEST_CASE("a bulk query job goes UploadComplete, InProgress, JobComplete and only then has results") {
    BulkOrg org;
    const std::string job = org.create_query("SELECT Id, Name FROM Opportunity ORDER BY Name");
    CHECK(job.rfind("750", 0) == 0);
    const FakeResponse early = org.call("GET", "/jobs/query/" + job + "/results");
    CHECK(early.status == 400);
    CHECK(org.state("query", job) == "InProgress");
    CHECK(org.state("query", job) == "JobComplete");
    const FakeResponse info = org.call("GET", "/jobs/query/" + job);
    CHECK(json_of(info).at("numberRecordsProcessed").as_int64() == 5);
    CHECK(json_of(info).at("jobType") == "V2Query");
}

TEST_CASE("bulk query results are CSV sets of maxRecords chained by Sforce-Locator, null after the last") {
    BulkOrg org;
    const std::string job = org.create_query("SELECT Id, Name, CreatedDate, Owner.Name FROM Opportunity ORDER BY Name");
    org.state("query", job);
    org.state("query", job);
    const FakeResponse first = org.call("GET", "/jobs/query/" + job + "/results", "", {{"maxRecords", "2"}});
    REQUIRE(first.status == 200);
    CHECK(first.content_type == "text/csv");
    CHECK(header_of(first, "Sforce-NumberOfRecords") == "2");
    CHECK(first.body == "\"Id\",\"Name\",\"CreatedDate\",\"Owner.Name\"\n"
                        "\"" + org.seen.deals.at(0).id + "\",\"Deal D0\",\"2026-01-01T00:00:00.000Z\",\"Ana Lopez\"\n"
                        "\"" + org.seen.deals.at(1).id + "\",\"Deal D1\",\"2026-01-01T00:00:01.000Z\",\"Ana Lopez\"\n");
    std::string locator = header_of(first, "Sforce-Locator");
    std::size_t sets = 1, rows = 2;
    while (locator != "null") {
        const FakeResponse next = org.call("GET", "/jobs/query/" + job + "/results", "", {{"maxRecords", "2"}, {"locator", locator}});
        REQUIRE(next.status == 200);
        rows += std::stoul(header_of(next, "Sforce-NumberOfRecords"));
        locator = header_of(next, "Sforce-Locator");
        ++sets;
    }
    CHECK(sets == 3);
    CHECK(rows == 5);
}

TEST_CASE("a queryAll bulk job includes deleted rows; COUNT() and bad SOQL are refused at creation") {
    BulkOrg org;
    REQUIRE(org.salesforce.remove("Opportunity", org.seen.deals.at(0).id));
    const std::string all = org.create_query("SELECT Id, IsDeleted FROM Opportunity WHERE IsDeleted = true", "queryAll");
    org.state("query", all);
    org.state("query", all);
    CHECK(header_of(org.call("GET", "/jobs/query/" + all + "/results"), "Sforce-NumberOfRecords") == "1");
    CHECK(org.call("POST", "/jobs/query", R"({"operation":"query","query":"SELECT COUNT() FROM Opportunity"})").status == 400);
    const FakeResponse bad = org.call("POST", "/jobs/query", R"({"operation":"query","query":"SELECT Nope FROM Opportunity"})");
    CHECK(bad.status == 400);
    CHECK(error_code(bad) == "INVALID_FIELD");
}

TEST_CASE("a bulk ingest update job applies the uploaded CSV and reports successful and failed rows") {
    BulkOrg org;
    org.grant_score_field();
    const FakeResponse created = org.call("POST", "/jobs/ingest", R"({"object":"Opportunity","operation":"update","contentType":"CSV"})");
    REQUIRE(created.status == 200);
    CHECK(json_of(created).at("state") == "Open");
    const std::string job = str(json_of(created).at("id"));
    CHECK(str(json_of(created).at("contentUrl")) == "services/data/v62.0/jobs/ingest/" + job + "/batches");
    org.salesforce.reject_writes("Opportunity", org.seen.deals.at(1).id, "Closed deals keep their score");
    const std::string csv = "Id,Seller_Score__c\n" + org.seen.deals.at(0).id + ",71.5\n" + org.seen.deals.at(1).id + ",12\n" +
                            org.seen.deals.at(2).id + ",\n";
    CHECK(org.call("PUT", "/jobs/ingest/" + job + "/batches", csv).status == 201);
    CHECK(org.call("GET", "/jobs/ingest/" + job + "/successfulResults").status == 409);
    const FakeResponse closed = org.call("PATCH", "/jobs/ingest/" + job, R"({"state":"UploadComplete"})");
    CHECK(json_of(closed).at("state") == "UploadComplete");
    CHECK(org.state("ingest", job) == "InProgress");
    CHECK(org.state("ingest", job) == "JobComplete");
    const auto info = json_of(org.call("GET", "/jobs/ingest/" + job));
    CHECK(info.at("numberRecordsProcessed").as_int64() == 3);
    CHECK(info.at("numberRecordsFailed").as_int64() == 1);
    CHECK(org.salesforce.value("Opportunity", org.seen.deals.at(0).id, "Seller_Score__c") == "71.5");
    CHECK(org.call("GET", "/jobs/ingest/" + job + "/successfulResults").body ==
          "\"sf__Id\",\"sf__Created\",\"Id\",\"Seller_Score__c\"\n"
          "\"" + org.seen.deals.at(0).id + "\",\"false\",\"" + org.seen.deals.at(0).id + "\",\"71.5\"\n"
          "\"" + org.seen.deals.at(2).id + "\",\"false\",\"" + org.seen.deals.at(2).id + "\",\"\"\n");
    CHECK(org.call("GET", "/jobs/ingest/" + job + "/failedResults").body ==
          "\"sf__Id\",\"sf__Error\",\"Id\",\"Seller_Score__c\"\n"
          "\"\",\"FIELD_CUSTOM_VALIDATION_EXCEPTION:Closed deals keep their score:--\",\"" + org.seen.deals.at(1).id + "\",\"12\"\n");
    // The empty cell left deal 2 alone; it was saved all the same and counts as a write that changed nothing.
    CHECK(org.salesforce.writes_that_changed_nothing() == 1);
}

TEST_CASE("an ingest job takes uploads only while Open and supports update only") {
    BulkOrg org;
    CHECK(org.call("POST", "/jobs/ingest", R"({"object":"Opportunity","operation":"insert"})").status == 400);
    const std::string job = str(json_of(org.call("POST", "/jobs/ingest", R"({"object":"Opportunity","operation":"update"})")).at("id"));
    CHECK(json_of(org.call("PATCH", "/jobs/ingest/" + job, R"({"state":"Aborted"})")).at("state") == "Aborted");
    CHECK(org.call("PUT", "/jobs/ingest/" + job + "/batches", "Id\n").status == 409);
}

TEST_CASE("every Bulk API request is an API call") {
    BulkOrg org;
    const std::int64_t before = org.salesforce.api_usage();
    const std::string job = org.create_query("SELECT Id FROM Opportunity");
    org.state("query", job);
    org.call("GET", "/jobs/query/" + job + "/results");
    CHECK(org.salesforce.api_usage() - before == 3);
}

namespace {

// Opens an ingest job on Opportunity, uploads `csv`, closes it and polls it to its outcome.
std::string ingest(BulkOrg& org, const std::string& csv) {
    const std::string job = str(json_of(org.call("POST", "/jobs/ingest", R"({"object":"Opportunity","operation":"update"})")).at("id"));
    REQUIRE(org.call("PUT", "/jobs/ingest/" + job + "/batches", csv).status == 201);
    REQUIRE(org.call("PATCH", "/jobs/ingest/" + job, R"({"state":"UploadComplete"})").status == 200);
    org.state("ingest", job);  // InProgress
    return job;
}

}  // namespace

TEST_CASE("ingest CSV cells quoted with commas, doubled quotes and line breaks reach the record") {
    BulkOrg org;
    org.grant_score_field();
    const std::string id = org.seen.deals.at(0).id;
    // A quoted header name and a quoted number: RFC 4180 quoting is allowed anywhere.
    const std::string job = ingest(org, "\"Id\",\"Seller_Score__c\"\r\n\"" + id + "\",\"42.25\"\r\n");
    CHECK(org.state("ingest", job) == "JobComplete");
    CHECK(org.salesforce.value("Opportunity", id, "Seller_Score__c") == "42.25");
    // A cell with a comma, a doubled quote and a line break is one value: here an invalid number, refused per record.
    const std::string bad = ingest(org, "Id,Seller_Score__c\n" + id + ",\"1,5 \"\"x\"\"\n2\"\n");
    CHECK(org.state("ingest", bad) == "JobComplete");
    const std::string failed = org.call("GET", "/jobs/ingest/" + bad + "/failedResults").body;
    CHECK(failed.find("\"1,5 \"\"x\"\"\n2\"") != std::string::npos);
    CHECK(org.salesforce.value("Opportunity", id, "Seller_Score__c") == "42.25");
}

TEST_CASE("ingest: 150,000,000 records a rolling day; the batch that would pass it stays unprocessed and the job Fails") {
    BulkOrg org;
    org.grant_score_field();
    const std::string a = org.seen.deals.at(0).id, b = org.seen.deals.at(1).id;
    org.salesforce.record_other_bulk_ingest(149'999'998);
    const std::string fits = ingest(org, "Id,Seller_Score__c\n" + a + ",1\n" + b + ",2\n");  // exactly 150,000,000
    CHECK(org.state("ingest", fits) == "JobComplete");
    CHECK(org.salesforce.bulk_records_ingested() == 150'000'000);
    const std::string over = ingest(org, "Id,Seller_Score__c\n" + a + ",3\n");  // the 150,000,001st
    CHECK(org.state("ingest", over) == "Failed");
    const auto info = json_of(org.call("GET", "/jobs/ingest/" + over));
    CHECK(info.at("numberRecordsProcessed").as_int64() == 0);
    CHECK(str(info.at("errorMessage")).find("150,000,000") != std::string::npos);
    CHECK(org.call("GET", "/jobs/ingest/" + over + "/unprocessedrecords").body ==
          "\"Id\",\"Seller_Score__c\"\n\"" + a + "\",\"3\"\n");
    CHECK(org.call("GET", "/jobs/ingest/" + over + "/successfulResults").body == "\"sf__Id\",\"sf__Created\",\"Id\",\"Seller_Score__c\"\n");
    CHECK(org.salesforce.value("Opportunity", a, "Seller_Score__c") == "1");
}

TEST_CASE("ingest: an aborted job processes nothing and lists every uploaded row as unprocessed") {
    BulkOrg org;
    org.grant_score_field();
    const std::string a = org.seen.deals.at(0).id;
    const std::string job = str(json_of(org.call("POST", "/jobs/ingest", R"({"object":"Opportunity","operation":"update"})")).at("id"));
    REQUIRE(org.call("PUT", "/jobs/ingest/" + job + "/batches", "Id,Seller_Score__c\n" + a + ",9\n").status == 201);
    CHECK(org.call("GET", "/jobs/ingest/" + job + "/unprocessedrecords").status == 409);  // still Open
    CHECK(json_of(org.call("PATCH", "/jobs/ingest/" + job, R"({"state":"Aborted"})")).at("state") == "Aborted");
    CHECK(org.call("GET", "/jobs/ingest/" + job + "/unprocessedrecords").body == "\"Id\",\"Seller_Score__c\"\n\"" + a + "\",\"9\"\n");
    CHECK_FALSE(org.salesforce.value("Opportunity", a, "Seller_Score__c").has_value());
}

TEST_CASE("ingest: an upload is at most 150 MB once base64-encoded (100 MB of CSV is the safe size)") {
    BulkOrg org;
    // 117,964,800 bytes encode to exactly 150 MiB of base64; one byte more does not fit.
    const std::size_t fits = 150u * 1024 * 1024 / 4 * 3;
    const std::string open = str(json_of(org.call("POST", "/jobs/ingest", R"({"object":"Opportunity","operation":"update"})")).at("id"));
    CHECK(org.call("PUT", "/jobs/ingest/" + open + "/batches", std::string(100'000'000, 'x')).status == 201);
    CHECK(org.call("PUT", "/jobs/ingest/" + open + "/batches", std::string(fits - 100'000'000, 'x')).status == 201);
    const FakeResponse refused = org.call("PUT", "/jobs/ingest/" + open + "/batches", "x");
    CHECK(refused.status == 400);
    CHECK(refused.body.find("150 MB") != std::string::npos);
}

TEST_CASE("ingest jobs use one of the 15,000 daily Bulk API batches per 10,000 records, shown by /limits") {
    BulkOrg org;
    org.grant_score_field();
    std::string csv = "Id,Seller_Score__c\n";
    for (int i = 0; i < 10'001; ++i) csv += org.seen.deals.at(0).id + ",1\n";
    const std::string job = ingest(org, csv);
    CHECK(org.state("ingest", job) == "JobComplete");
    CHECK(org.salesforce.bulk_batches_used() == 2);
    CHECK(json_of(org.call("GET", "/limits")).at("DailyBulkApiBatches").at("Remaining").as_int64() == 14'998);
}
