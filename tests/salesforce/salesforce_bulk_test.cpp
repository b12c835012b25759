// Bulk API 2.0 query jobs: CSV results in REST's record shape, and the same records as REST reads.
#include <catch2/catch.hpp>

#include "connectors/salesforce/bulk_query.hpp"
#include "salesforce_fixture.hpp"

using namespace sellerscore;
using namespace sellerscore::connectors::salesforce;
using namespace sellerscore::salesforce_testing;

TEST_CASE("CSV fields may be quoted, hold commas, doubled quotes and line breaks", "[salesforce][bulk]") {
    const auto rows = parse_csv("\"Id\",\"Description\"\n\"00T1\",\"said \"\"no\"\", then, later\nyes\"\r\n00T2,\n");
    REQUIRE(rows.is_ok());
    REQUIRE(rows->size() == 3);
    CHECK((*rows)[1][1] == "said \"no\", then, later\nyes");
    CHECK((*rows)[2] == CsvRow{"00T2", ""});
    CHECK(parse_csv("\"Id\n").status().code() == StatusCode::data);
}

TEST_CASE("CSV rows become REST-shaped records: nulls, typed columns, nested relationships", "[salesforce][bulk]") {
    const auto rows = parse_csv("\"Id\",\"IsWon\",\"Amount\",\"StageName\",\"UserRole.Name\"\n"
                                "\"006A\",\"true\",\"1200.5\",\"\",\"EMEA\"\n");
    REQUIRE(rows.is_ok());
    CsvColumnTypes types;
    types.numbers = {"Amount"};
    types.booleans = {"IsWon"};
    const auto records = records_from_csv(*rows, types);
    REQUIRE(records.size() == 1);
    const auto& record = records[0].as_object();
    CHECK(record.at("IsWon").as_bool());
    CHECK(record.at("Amount").as_double() == Approx(1200.5));
    CHECK(record.at("StageName").is_null());
    CHECK(record.at("UserRole").at("Name").as_string() == "EMEA");
}

TEST_CASE("A read through Bulk API 2.0 jobs returns what a REST read does, in fewer calls for big objects",
          "[salesforce][bulk]") {
    fakes::FakeSalesforceOptions options;
    options.batch_shortfall = 1900;  // REST pages of 100 rows, so the demo's objects span many pages
    SalesforceFixture f(options);
    const model::Dataset expected = f.fake.seed(demo_dataset());

    auto rest = f.settings();
    rest.bulk_threshold = 0;
    CollectingSink by_rest;
    const auto before_rest = f.fake.api_usage();
    REQUIRE(f.connector(rest)->read("", by_rest).is_ok());
    const auto rest_calls = f.fake.api_usage() - before_rest;

    auto bulk = f.settings();
    bulk.bulk_threshold = 300;  // Contacts, Opportunities, Tasks and Events go through jobs
    CollectingSink by_bulk;
    const auto before_bulk = f.fake.api_usage();
    REQUIRE(f.connector(bulk)->read("", by_bulk).is_ok());
    const auto bulk_calls = f.fake.api_usage() - before_bulk;
    CHECK(f.fake.requests("/services/data/v62.0/jobs/query") > 0);

    const RecordLines got(by_bulk.records), want(expected);
    CHECK(got.contacts == want.contacts);
    CHECK(got.deals == want.deals);
    CHECK(got.stage_changes == want.stage_changes);
    CHECK(got.activities == want.activities);
    CHECK(bulk_calls < rest_calls);
}
