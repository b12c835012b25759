// The fault switches of the fake Salesforce.
#include <catch2/catch.hpp>

#include "fake_salesforce_test_support.hpp"

using namespace sellerscore;
using namespace sellerscore::fakes;
using namespace sellerscore::fakes::sf_testing;

namespace {

struct FaultsOrg {
    FakeSalesforce salesforce{options_with(ManualClock{})};
    model::Dataset seen = salesforce.seed(deals_dataset(3));
    std::string token = session(salesforce);
    FakeResponse opportunities() { return salesforce.handle(soql(token, "SELECT Id FROM Opportunity")); }
};

}  // namespace

TEST_CASE("http_5xx answers Salesforce's HTML 503 page without processing or counting the call") {
    FaultsOrg org;
    org.salesforce.inject(FakeSalesforceFault::http_5xx, 1, "/query");
    const FakeResponse failed = org.opportunities();
    CHECK(failed.status == 503);
    CHECK(failed.content_type.rfind("text/html", 0) == 0);
    CHECK(org.salesforce.api_usage() == 0);
    CHECK(org.opportunities().status == 200);
}

TEST_CASE("close_before_response and truncate_body are played on the wire; only the truncated call was processed") {
    FaultsOrg org;
    org.salesforce.inject(FakeSalesforceFault::close_before_response, 1);
    CHECK(org.opportunities().fault == WireFault::close_before_response);
    CHECK(org.salesforce.api_usage() == 0);
    org.salesforce.inject(FakeSalesforceFault::truncate_body, 1);
    const FakeResponse truncated = org.opportunities();
    CHECK(truncated.fault == WireFault::truncate_body);
    CHECK(truncated.status == 200);
    CHECK(org.salesforce.api_usage() == 1);
}

TEST_CASE("expire_session ends every session: INVALID_SESSION_ID until the client gets a new token") {
    FaultsOrg org;
    org.salesforce.inject(FakeSalesforceFault::expire_session, 1, "/query");
    const FakeResponse expired = org.opportunities();
    CHECK(expired.status == 401);
    CHECK(error_code(expired) == "INVALID_SESSION_ID");
    CHECK(org.salesforce.handle(request("GET", v + "/limits", "", org.token)).status == 401);
    org.token = session(org.salesforce);
    CHECK(org.opportunities().status == 200);
}

TEST_CASE("request_limit_exceeded answers 403 REQUEST_LIMIT_EXCEEDED whatever the allocation says") {
    FaultsOrg org;
    org.salesforce.inject(FakeSalesforceFault::request_limit_exceeded, 2, "/query");
    for (int i = 0; i < 2; ++i) {
        const FakeResponse refused = org.opportunities();
        CHECK(refused.status == 403);
        CHECK(error_code(refused) == "REQUEST_LIMIT_EXCEEDED");
    }
    CHECK(org.opportunities().status == 200);
}

TEST_CASE("delay_response keeps the request in the fake for the delay, then answers normally") {
    ManualClock clock;
    FakeSalesforceOptions options = options_with(clock);
    std::vector<std::chrono::milliseconds> slept;
    options.sleep_for = [&](std::chrono::milliseconds d) { slept.push_back(d); };
    FakeSalesforce salesforce(options);
    const std::string token = session(salesforce);
    salesforce.inject(FakeSalesforceFault::delay_response, 1, "/limits", std::chrono::milliseconds(1500));
    CHECK(salesforce.handle(request("GET", v + "/limits", "", token)).status == 200);
    CHECK(slept == std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(1500)});
    CHECK(salesforce.handle(request("GET", v + "/limits", "", token)).status == 200);
    CHECK(slept.size() == 1);
}

TEST_CASE("a fault only hits requests whose target contains its text, and is consumed") {
    FaultsOrg org;
    org.salesforce.inject(FakeSalesforceFault::http_5xx, 1, "/composite");
    CHECK(org.opportunities().status == 200);
    CHECK(org.salesforce.handle(request("PATCH", v + "/composite/sobjects", R"({"records":[]})", org.token)).status == 503);
    CHECK(org.salesforce.handle(request("PATCH", v + "/composite/sobjects", R"({"records":[]})", org.token)).status == 200);
    org.salesforce.inject(FakeSalesforceFault::http_5xx, 5);
    org.salesforce.clear_faults();
    CHECK(org.opportunities().status == 200);
}

TEST_CASE("unknown resources are 404 NOT_FOUND and wrong methods 405") {
    FaultsOrg org;
    CHECK(error_code(org.salesforce.handle(request("GET", v + "/nothing", "", org.token))) == "NOT_FOUND");
    CHECK(org.salesforce.handle(request("POST", v + "/query", "", org.token)).status == 405);
    CHECK(org.salesforce.requests(v + "/query") == 1);
}
