// Write-back through PATCH composite/sobjects against scripted answers in Salesforce's documented
// shapes: 200 records per call, allOrNone false, SaveResults per record, UNABLE_TO_LOCK_ROW retried
// once alone, validation errors reported, the daily reserve respected.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "connectors/http/static_token_source.hpp"
#include "connectors/salesforce/composite_writer.hpp"
#include "tests/http/scripted_transport.hpp"

using namespace sellerscore;
using namespace sellerscore::connectors;
using namespace sellerscore::connectors::salesforce;
using http::testing::respond;
namespace json = boost::json;

namespace {

std::string save_results(std::size_t n, std::size_t first = 0) {
    json::array results;
    for (std::size_t i = 0; i < n; ++i)
        results.push_back(json::object{{"id", "006" + std::to_string(first + i)}, {"success", true}, {"errors", json::array()}});
    return json::serialize(results);
}

struct Writer {
    http::testing::FakeClock clock;
    http::testing::ScriptedTransport* transport = nullptr;
    ApiAllocation allocation;
    std::unique_ptr<SalesforceApi> api;
    FieldSchema schema;

    explicit Writer(std::vector<http::testing::ScriptStep> script) {
        auto owned = std::make_unique<http::testing::ScriptedTransport>(clock, std::move(script));
        transport = owned.get();
        http::ClientOptions options;
        options.transport.base_url = "https://example.my.salesforce.com";
        options.jitter_seed = 1;
        auto client = std::make_unique<http::HttpClient>(
            options, std::move(owned), std::make_unique<http::StaticTokenSource>("Authorization", "Bearer ", "t"), clock);
        api = std::make_unique<SalesforceApi>(std::move(client), "v62.0", allocation);
        schema.add({"seller_score", "Seller score", FieldType::number, RecordObject::deal, "", "", {}});
        schema.add({"win_rate", "Win rate", FieldType::percentage, RecordObject::deal, "", "", {}});
    }
    json::value body(std::size_t call) const { return json::parse(transport->sent().at(call).body); }
};

std::vector<FieldWrite> score_writes(std::size_t deals) {
    std::vector<FieldWrite> writes;
    for (std::size_t i = 0; i < deals; ++i) writes.push_back({RecordObject::deal, "006" + std::to_string(i), "seller_score", 70.0});
    return writes;
}

}  // namespace

TEST_CASE("201 changed deals take two composite calls of 200 and 1 records", "[salesforce][write]") {
    Writer w({respond(200, {}, save_results(200)), respond(200, {}, save_results(1, 200))});
    const auto writes = score_writes(201);
    const auto report = CompositeWriter(*w.api, w.schema).write(writes);
    REQUIRE(report.is_ok());
    CHECK(report->written == 201);
    CHECK(report->failures.empty());
    REQUIRE(w.transport->calls() == 2);
    const auto sent = w.transport->sent();
    CHECK(sent[0].method == http::Method::patch);
    CHECK(sent[0].target == "/services/data/v62.0/composite/sobjects");
    CHECK(w.body(0).at("allOrNone").as_bool() == false);
    CHECK(w.body(0).at("records").as_array().size() == 200);
    CHECK(w.body(1).at("records").as_array().size() == 1);
}

TEST_CASE("A deal's fields travel in one record, a percent as 0-100", "[salesforce][write]") {
    Writer w({respond(200, {}, save_results(1))});
    const std::vector<FieldWrite> writes = {{RecordObject::deal, "006A", "seller_score", 71.5},
                                            {RecordObject::deal, "006A", "win_rate", 0.25}};
    const auto report = CompositeWriter(*w.api, w.schema).write(writes);
    REQUIRE(report.is_ok());
    CHECK(report->written == 2);
    const json::value record = w.body(0).at("records").at(0);
    CHECK(record.at("attributes").at("type").as_string() == "Opportunity");
    CHECK(record.at("id").as_string() == "006A");
    CHECK(record.at("Seller_Score__c").as_double() == Approx(71.5));
    CHECK(record.at("Win_Rate__c").as_double() == Approx(25.0));
}

TEST_CASE("UNABLE_TO_LOCK_ROW is retried once alone; a validation error is reported, not retried",
          "[salesforce][write]") {
    const std::string first = R"([{"id":"0060","success":true,"errors":[]},
      {"success":false,"errors":[{"statusCode":"UNABLE_TO_LOCK_ROW","message":"unable to obtain exclusive access","fields":[]}]},
      {"success":false,"errors":[{"statusCode":"FIELD_CUSTOM_VALIDATION_EXCEPTION","message":"Score locked","fields":[]}]}])";
    Writer w({respond(200, {}, first), respond(200, {}, R"([{"id":"0061","success":true,"errors":[]}])")});
    const auto writes = score_writes(3);
    const auto report = CompositeWriter(*w.api, w.schema).write(writes);
    REQUIRE(report.is_ok());
    CHECK(report->written == 2);
    REQUIRE(report->failures.size() == 1);
    CHECK(report->failures[0].index == 2);
    CHECK(report->failures[0].status.message().find("FIELD_CUSTOM_VALIDATION_EXCEPTION: Score locked") != std::string::npos);
    REQUIRE(w.transport->calls() == 2);
    const auto retry = w.body(1).at("records").as_array();
    REQUIRE(retry.size() == 1);
    CHECK(retry[0].at("id").as_string() == "0061");
}

TEST_CASE("Writes are not sent past the daily reserve and say so", "[salesforce][write]") {
    // The first call's answer says 80 of 100 calls are used: a second call would leave 19 < 20.
    Writer w({respond(200, {{"Sforce-Limit-Info", "api-usage=80/100"}}, save_results(200))});
    const auto writes = score_writes(250);
    const auto report = CompositeWriter(*w.api, w.schema).write(writes);
    REQUIRE(report.is_ok());
    CHECK(report->written == 200);
    REQUIRE(report->failures.size() == 50);
    CHECK(report->failures[0].status.code() == StatusCode::rate_limited);
    CHECK(w.transport->calls() == 1);
}

TEST_CASE("REQUEST_LIMIT_EXCEEDED is the same clean stop", "[salesforce][write]") {
    Writer w({respond(403, {}, R"([{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}])")});
    const auto writes = score_writes(3);
    const auto report = CompositeWriter(*w.api, w.schema).write(writes);
    REQUIRE(report.is_ok());
    CHECK(report->written == 0);
    REQUIRE(report->failures.size() == 3);
    CHECK(report->failures[0].status.code() == StatusCode::rate_limited);
}

// With OAuth the client refreshes once first (tested against the fake); a 401 that stands is exit 3.
TEST_CASE("A 401 INVALID_SESSION_ID that stands is an auth error naming it", "[salesforce][write]") {
    const std::string expired = R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])";
    Writer w({respond(401, {}, expired)});
    const auto writes = score_writes(1);
    const auto report = CompositeWriter(*w.api, w.schema).write(writes);
    REQUIRE_FALSE(report.is_ok());
    CHECK(report.status().code() == StatusCode::auth);
    CHECK(report.status().message().find("INVALID_SESSION_ID") != std::string::npos);
}
