// Injected faults: each kind shows in the FakeResponse, matches by path, and is consumed.
#include <catch2/catch.hpp>

#include "fake_hubspot_test_support.hpp"

using namespace sellerscore::fakes;
using namespace sellerscore::fakes::testing;

TEST_CASE("http_5xx alternates a 502 HTML page and a 503 JSON error") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    hubspot.inject(FakeHubSpotFault::http_5xx, 2);
    const FakeResponse first = hubspot.handle(request("GET", "/crm/v3/owners"));
    CHECK(first.status == 502);
    CHECK(first.body == "<html>Bad Gateway</html>");
    CHECK(first.content_type.find("text/html") != std::string::npos);
    const FakeResponse second = hubspot.handle(request("GET", "/crm/v3/owners"));
    CHECK(second.status == 503);
    CHECK(json_of(second).at("status") == "error");
    CHECK(hubspot.handle(request("GET", "/crm/v3/owners")).status == 200);
    CHECK(hubspot.faults_pending() == 0);
}

TEST_CASE("a fault only hits requests whose target contains its text") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    hubspot.inject(FakeHubSpotFault::http_5xx, 1, "/batch/update");
    CHECK(hubspot.handle(request("GET", "/crm/v3/owners")).status == 200);
    CHECK(hubspot.faults_pending() == 1);
    CHECK(hubspot.handle(request("POST", "/crm/v3/objects/deals/batch/update", R"({"inputs":[]})")).status == 502);
    CHECK(hubspot.faults_pending() == 0);
}

TEST_CASE("close_before_response asks the server to drop the connection and changes nothing") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    const std::string deal = hubspot.create("deals", {}).value();
    hubspot.inject(FakeHubSpotFault::close_before_response, 1);
    const FakeResponse response = hubspot.handle(request("POST", "/crm/v3/objects/deals/batch/update",
                                                         R"({"inputs":[{"id":")" + deal + R"(","properties":{"amount":"5"}}]})"));
    CHECK(response.fault == WireFault::close_before_response);
    CHECK_FALSE(hubspot.value("deals", deal, "amount"));
}

TEST_CASE("truncate_body answers the processed response marked for truncation") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    hubspot.inject(FakeHubSpotFault::truncate_body, 1);
    const FakeResponse response = hubspot.handle(request("GET", "/crm/v3/owners"));
    CHECK(response.status == 200);
    CHECK(response.fault == WireFault::truncate_body);
    CHECK_FALSE(response.body.empty());
}

TEST_CASE("delay_response carries the requested delay") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    hubspot.inject(FakeHubSpotFault::delay_response, 1, "", std::chrono::milliseconds(750));
    const FakeResponse response = hubspot.handle(request("GET", "/crm/v3/owners"));
    CHECK(response.fault == WireFault::delay_response);
    CHECK(response.delay == std::chrono::milliseconds(750));
    CHECK(hubspot.handle(request("GET", "/crm/v3/owners")).fault == WireFault::none);
}

TEST_CASE("rate_limit_429 forces a ten-secondly 429 with an empty window") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    hubspot.inject(FakeHubSpotFault::rate_limit_429, 1);
    const FakeResponse response = hubspot.handle(request("GET", "/crm/v3/owners"));
    REQUIRE(response.status == 429);
    CHECK(json_of(response).at("policyName") == "TEN_SECONDLY_ROLLING");
    CHECK(hubspot.rate_limited_count() == 1);
    CHECK(hubspot.handle(request("GET", "/crm/v3/owners")).status == 200);
}

TEST_CASE("clear_faults drops every pending fault") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    hubspot.inject(FakeHubSpotFault::http_5xx, 3);
    hubspot.inject(FakeHubSpotFault::truncate_body, 2, "/owners");
    CHECK(hubspot.faults_pending() == 5);
    hubspot.clear_faults();
    CHECK(hubspot.faults_pending() == 0);
    CHECK(hubspot.handle(request("GET", "/crm/v3/owners")).status == 200);
}

TEST_CASE("a client asking for gzip gets a response marked for compression") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    FakeRequest gzip = request("GET", "/crm/v3/owners");
    gzip.headers["accept-encoding"] = "gzip, deflate";
    CHECK(hubspot.handle(gzip).gzip);
    CHECK_FALSE(hubspot.handle(request("GET", "/crm/v3/owners")).gzip);
}
