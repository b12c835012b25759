// SOQL /query paging: Sforce-Query-Options batchSize (200..2000, default 2000) and nextRecordsUrl.
#include <catch2/catch.hpp>

#include "fake_salesforce_test_support.hpp"

using namespace sellerscore::fakes;
using namespace sellerscore::fakes::sf_testing;

namespace {

FakeRequest with_batch(FakeRequest built, const std::string& batch) {
    built.headers["sforce-query-options"] = "batchSize=" + batch;
    return built;
}

// Follows nextRecordsUrl to the end; returns the page sizes.
std::vector<std::size_t> page_sizes(FakeSalesforce& salesforce, const std::string& token, FakeRequest first) {
    std::vector<std::size_t> sizes;
    FakeResponse response = salesforce.handle(first);
    while (true) {
        REQUIRE(response.status == 200);
        const auto body = json_of(response).as_object();
        sizes.push_back(body.at("records").as_array().size());
        if (body.at("done").as_bool()) {
            CHECK_FALSE(body.contains("nextRecordsUrl"));
            return sizes;
        }
        const std::string next(body.at("nextRecordsUrl").as_string());
        CHECK(next.rfind(v + "/query/01g", 0) == 0);
        response = salesforce.handle(request("GET", next, "", token));
    }
}

}  // namespace

TEST_CASE("a query pages 2000 records by default with totalSize, done and nextRecordsUrl") {
    FakeSalesforce salesforce(options_with(ManualClock{}));
    salesforce.seed(deals_dataset(4500));
    const std::string token = session(salesforce);
    const FakeResponse first = salesforce.handle(soql(token, "SELECT Id FROM Opportunity"));
    REQUIRE(first.status == 200);
    const auto body = json_of(first).as_object();
    CHECK(body.at("totalSize").as_int64() == 4500);
    CHECK(body.at("done") == false);
    CHECK(page_sizes(salesforce, token, soql(token, "SELECT Id FROM Opportunity")) == std::vector<std::size_t>{2000, 2000, 500});
}

TEST_CASE("batchSize 200 is the smallest page and 2000 the largest: values outside are clamped") {
    FakeSalesforce salesforce(options_with(ManualClock{}));
    salesforce.seed(deals_dataset(2500));
    const std::string token = session(salesforce);
    const FakeRequest q = soql(token, "SELECT Id FROM Opportunity");
    CHECK(page_sizes(salesforce, token, with_batch(q, "200")).size() == 13);  // 12 x 200 + 100
    CHECK(page_sizes(salesforce, token, with_batch(q, "199")).front() == 200);
    CHECK(page_sizes(salesforce, token, with_batch(q, "1000")) == std::vector<std::size_t>{1000, 1000, 500});
    CHECK(page_sizes(salesforce, token, with_batch(q, "2001")) == std::vector<std::size_t>{2000, 500});
}

TEST_CASE("a configured shortfall returns fewer rows than batchSize, as Salesforce may") {
    FakeSalesforceOptions options = options_with(ManualClock{});
    options.batch_shortfall = 3;
    FakeSalesforce salesforce(options);
    salesforce.seed(deals_dataset(450));
    const std::string token = session(salesforce);
    CHECK(page_sizes(salesforce, token, with_batch(soql(token, "SELECT Id FROM Opportunity"), "200")) ==
          std::vector<std::size_t>{197, 197, 56});
}

TEST_CASE("every page is one API call and an unknown locator is INVALID_QUERY_LOCATOR") {
    FakeSalesforce salesforce(options_with(ManualClock{}));
    salesforce.seed(deals_dataset(4001));
    const std::string token = session(salesforce);
    page_sizes(salesforce, token, soql(token, "SELECT Id FROM Opportunity"));
    CHECK(salesforce.api_usage() == 3);
    const FakeResponse unknown = salesforce.handle(request("GET", v + "/query/01g5g0000000000ZZZAAA-2000", "", token));
    CHECK(unknown.status == 400);
    CHECK(error_code(unknown) == "INVALID_QUERY_LOCATOR");
}

TEST_CASE("records carry attributes with type and url, and times in Salesforce's +0000 format") {
    FakeSalesforce salesforce(options_with(ManualClock{}));
    const auto seen = salesforce.seed(deals_dataset(1));
    const std::string token = session(salesforce);
    const FakeResponse response = salesforce.handle(soql(token, "SELECT Id, CreatedDate, Amount, IsClosed FROM Opportunity"));
    REQUIRE(response.status == 200);
    const auto record = json_of(response).at("records").as_array().at(0).as_object();
    const std::string id = seen.deals.at(0).id;
    CHECK(id.size() == 18);
    CHECK(id.rfind("006", 0) == 0);
    CHECK(record.at("attributes").at("type") == "Opportunity");
    CHECK(str(record.at("attributes").at("url")) == v + "/sobjects/Opportunity/" + id);
    CHECK(str(record.at("Id")) == id);
    CHECK(record.at("CreatedDate") == "2026-01-01T00:00:00.000+0000");
    CHECK(record.at("Amount").as_double() == 100.0);
    CHECK(record.at("IsClosed") == false);
}

TEST_CASE("a URI longer than 16,384 bytes is 414 URI Too Long from the web tier, not counted") {
    FakeSalesforce salesforce(options_with(ManualClock{}));
    const std::string token = session(salesforce);
    // GET /services/data/v62.0/limits?pad=... padded to exactly the limit, then one byte more.
    auto padded = [&](std::size_t target_size) {
        FakeRequest built = request("GET", v + "/limits", "", token);
        const std::string prefix = built.target + "?pad=";
        built.query["pad"] = std::string(target_size - prefix.size(), 'x');
        built.target = prefix + built.query["pad"];
        built.headers.clear();
        built.headers["authorization"] = "Bearer " + token;
        return built;
    };
    const std::size_t header_bytes = std::string("authorization").size() + ("Bearer " + token).size() + 4;
    CHECK(salesforce.handle(padded(16'384 - header_bytes)).status == 200);
    CHECK(salesforce.handle(padded(16'384 - header_bytes + 1)).status == 431);
    const FakeResponse too_long = salesforce.handle(padded(16'385));
    CHECK(too_long.status == 414);
    CHECK(too_long.body == "<h1>Bad Message 414</h1><pre>reason: URI Too Long</pre>");
    CHECK(salesforce.api_usage() == 1);
}

TEST_CASE("a client that accepts gzip gets compressed answers") {
    FakeSalesforce salesforce(options_with(ManualClock{}));
    const std::string token = session(salesforce);
    FakeRequest asked = request("GET", v + "/limits", "", token);
    CHECK_FALSE(salesforce.handle(asked).gzip);
    asked.headers["accept-encoding"] = "gzip, deflate";
    CHECK(salesforce.handle(asked).gzip);
}

TEST_CASE("a user keeps at most 10 open query cursors: the 11th releases the oldest") {
    FakeSalesforce salesforce(options_with(ManualClock{}));
    salesforce.seed(deals_dataset(2001));
    const std::string token = session(salesforce);
    std::vector<std::string> next;
    for (int i = 0; i < 11; ++i)
        next.push_back(str(json_of(salesforce.handle(soql(token, "SELECT Id FROM Opportunity"))).at("nextRecordsUrl")));
    const FakeResponse released = salesforce.handle(request("GET", next.at(0), "", token));
    CHECK(released.status == 400);
    CHECK(error_code(released) == "INVALID_QUERY_LOCATOR");
    for (int i = 1; i < 11; ++i) CHECK(salesforce.handle(request("GET", next.at(i), "", token)).status == 200);
}

TEST_CASE("a cursor idle for 15 minutes is gone, and the last page closes it") {
    ManualClock clock;
    FakeSalesforce salesforce(options_with(clock));
    salesforce.seed(deals_dataset(4001));
    const std::string token = session(salesforce);
    const std::string second = str(json_of(salesforce.handle(soql(token, "SELECT Id FROM Opportunity"))).at("nextRecordsUrl"));
    clock.advance(std::chrono::minutes(15) - std::chrono::milliseconds(1));
    const FakeResponse page = salesforce.handle(request("GET", second, "", token));
    REQUIRE(page.status == 200);
    const std::string third = str(json_of(page).at("nextRecordsUrl"));
    clock.advance(std::chrono::minutes(15));
    CHECK(error_code(salesforce.handle(request("GET", third, "", token))) == "INVALID_QUERY_LOCATOR");

    const std::string again = str(json_of(salesforce.handle(soql(token, "SELECT Id FROM Opportunity"))).at("nextRecordsUrl"));
    const std::string last = str(json_of(salesforce.handle(request("GET", again, "", token))).at("nextRecordsUrl"));
    CHECK(json_of(salesforce.handle(request("GET", last, "", token))).at("done") == true);
    CHECK(error_code(salesforce.handle(request("GET", last, "", token))) == "INVALID_QUERY_LOCATOR");
}
