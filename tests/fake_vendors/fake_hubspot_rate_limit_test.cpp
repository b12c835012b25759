// The burst window, the search per-second limit and the daily limit, with HubSpot's headers and
// 429 bodies; time comes from a manual clock.
#include <catch2/catch.hpp>

#include "fake_hubspot_test_support.hpp"

using namespace sellerscore::fakes;
using namespace sellerscore::fakes::testing;
using std::chrono::milliseconds;

namespace {

FakeHubSpotOptions small_window(const ManualClock& clock) {
    FakeHubSpotOptions options = options_with(clock);
    options.max_requests = 3;
    options.interval = milliseconds(1000);
    options.search_per_second = 2;
    options.search_interval = milliseconds(100);
    options.daily_limit = 1000;
    return options;
}

const std::string search_body = R"({"limit":1})";

}  // namespace

TEST_CASE("every static token response carries the burst and daily rate limit headers") {
    ManualClock clock;
    FakeHubSpot hubspot(small_window(clock));
    const FakeResponse first = hubspot.handle(request("GET", "/crm/v3/owners"));
    REQUIRE(first.status == 200);
    CHECK(header_of(first, "X-HubSpot-RateLimit-Max") == "3");
    CHECK(header_of(first, "X-HubSpot-RateLimit-Remaining") == "2");
    CHECK(header_of(first, "X-HubSpot-RateLimit-Interval-Milliseconds") == "1000");
    CHECK(header_of(first, "X-HubSpot-RateLimit-Daily") == "1000");
    CHECK(header_of(first, "X-HubSpot-RateLimit-Daily-Remaining") == "999");
    const FakeResponse second = hubspot.handle(request("GET", "/crm/v3/pipelines/deals"));
    CHECK(header_of(second, "X-HubSpot-RateLimit-Remaining") == "1");
    CHECK(header_of(second, "X-HubSpot-RateLimit-Daily-Remaining") == "998");
}

TEST_CASE("the request over the window limit gets a TEN_SECONDLY_ROLLING 429 without Retry-After") {
    ManualClock clock;
    FakeHubSpot hubspot(small_window(clock));
    for (int i = 0; i < 3; ++i) REQUIRE(hubspot.handle(request("GET", "/crm/v3/owners")).status == 200);
    const FakeResponse limited = hubspot.handle(request("GET", "/crm/v3/owners"));
    REQUIRE(limited.status == 429);
    const auto body = json_of(limited).as_object();
    CHECK(body.at("status") == "error");
    CHECK(body.at("message") == "You have reached your ten_secondly_rolling limit.");
    CHECK(body.at("errorType") == "RATE_LIMIT");
    CHECK(body.at("policyName") == "TEN_SECONDLY_ROLLING");
    CHECK(body.contains("correlationId"));
    CHECK_FALSE(has_header(limited, "Retry-After"));
    CHECK(header_of(limited, "X-HubSpot-RateLimit-Remaining") == "0");
    CHECK(hubspot.rate_limited_count() == 1);
}

TEST_CASE("the window slides: a request is admitted once the oldest one is an interval old") {
    ManualClock clock;
    FakeHubSpot hubspot(small_window(clock));
    REQUIRE(hubspot.handle(request("GET", "/crm/v3/owners")).status == 200);  // at 0 ms
    clock.advance(milliseconds(600));
    REQUIRE(hubspot.handle(request("GET", "/crm/v3/owners")).status == 200);  // at 600 ms
    REQUIRE(hubspot.handle(request("GET", "/crm/v3/owners")).status == 200);  // at 600 ms
    clock.advance(milliseconds(399));
    CHECK(hubspot.handle(request("GET", "/crm/v3/owners")).status == 429);  // at 999 ms: three in window
    clock.advance(milliseconds(1));
    const FakeResponse admitted = hubspot.handle(request("GET", "/crm/v3/owners"));  // at 1000 ms: the first left
    CHECK(admitted.status == 200);
    CHECK(header_of(admitted, "X-HubSpot-RateLimit-Remaining") == "0");
    CHECK(hubspot.peak_window_count() == 3);
}

TEST_CASE("refused requests do not count against the window") {
    ManualClock clock;
    FakeHubSpot hubspot(small_window(clock));
    for (int i = 0; i < 3; ++i) REQUIRE(hubspot.handle(request("GET", "/crm/v3/owners")).status == 200);
    for (int i = 0; i < 5; ++i) REQUIRE(hubspot.handle(request("GET", "/crm/v3/owners")).status == 429);
    clock.advance(milliseconds(1000));
    for (int i = 0; i < 3; ++i) CHECK(hubspot.handle(request("GET", "/crm/v3/owners")).status == 200);
    CHECK(hubspot.rate_limited_count() == 5);
}

TEST_CASE("search has its own per-second limit with a SECONDLY 429 and no rate limit headers") {
    ManualClock clock;
    FakeHubSpot hubspot(small_window(clock));
    const FakeResponse first = hubspot.handle(request("POST", "/crm/v3/objects/deals/search", search_body));
    REQUIRE(first.status == 200);
    CHECK_FALSE(has_header(first, "X-HubSpot-RateLimit-Remaining"));
    CHECK_FALSE(has_header(first, "X-HubSpot-RateLimit-Daily"));
    REQUIRE(hubspot.handle(request("POST", "/crm/v3/objects/contacts/search", search_body)).status == 200);
    const FakeResponse limited = hubspot.handle(request("POST", "/crm/v3/objects/deals/search", search_body));
    REQUIRE(limited.status == 429);
    CHECK(json_of(limited).at("policyName") == "SECONDLY");
    // The burst window is untouched by searches.
    CHECK(header_of(hubspot.handle(request("GET", "/crm/v3/owners")), "X-HubSpot-RateLimit-Remaining") == "2");
    clock.advance(milliseconds(100));
    CHECK(hubspot.handle(request("POST", "/crm/v3/objects/deals/search", search_body)).status == 200);
}

TEST_CASE("OAuth calls carry burst headers but no daily headers") {
    ManualClock clock;
    FakeHubSpot hubspot(small_window(clock));
    FakeRequest token = request("POST", "/oauth/v1/token", "", "");
    token.headers["content-type"] = "application/x-www-form-urlencoded";
    token.body = "grant_type=refresh_token&client_id=fake-client-id&client_secret=fake-client-secret&refresh_token=fake-refresh-token";
    const std::string access(json_of(hubspot.handle(token)).at("access_token").as_string());
    const FakeResponse response = hubspot.handle(request("GET", "/crm/v3/owners", "", access));
    REQUIRE(response.status == 200);
    CHECK(header_of(response, "X-HubSpot-RateLimit-Max") == "3");
    CHECK(header_of(response, "X-HubSpot-RateLimit-Remaining") == "2");
    CHECK_FALSE(has_header(response, "X-HubSpot-RateLimit-Daily"));
    CHECK_FALSE(has_header(response, "X-HubSpot-RateLimit-Daily-Remaining"));
}

TEST_CASE("the daily limit answers 429 DAILY once used up") {
    ManualClock clock;
    FakeHubSpotOptions options = small_window(clock);
    options.daily_limit = 2;
    FakeHubSpot hubspot(options);
    REQUIRE(hubspot.handle(request("GET", "/crm/v3/owners")).status == 200);
    const FakeResponse last = hubspot.handle(request("GET", "/crm/v3/owners"));
    CHECK(header_of(last, "X-HubSpot-RateLimit-Daily-Remaining") == "0");
    const FakeResponse limited = hubspot.handle(request("GET", "/crm/v3/owners"));
    REQUIRE(limited.status == 429);
    CHECK(json_of(limited).at("policyName") == "DAILY");
}

TEST_CASE("unauthenticated requests are not rate limited and not counted in the window") {
    ManualClock clock;
    FakeHubSpot hubspot(small_window(clock));
    for (int i = 0; i < 5; ++i) REQUIRE(hubspot.handle(request("GET", "/crm/v3/owners", "", "bad")).status == 401);
    CHECK(hubspot.handle(request("GET", "/crm/v3/owners")).status == 200);
    CHECK(hubspot.request_count() == 6);
    CHECK(hubspot.request_count("GET /crm/v3/owners") == 6);
}

TEST_CASE("by default the fake holds HubSpot's Free and Starter burst limit of 100 requests per rolling 10 seconds") {
    ManualClock clock;
    FakeHubSpot hubspot(options_with(clock));
    CHECK(hubspot.options().max_requests == 100);
    CHECK(hubspot.options().interval == milliseconds(10'000));
    for (int i = 0; i < 100; ++i) {
        REQUIRE(hubspot.handle(request("GET", "/crm/v3/owners")).status == 200);
        clock.advance(milliseconds(99));  // the 100th at 9,801 ms
    }
    clock.advance(milliseconds(99));  // 9,999 ms after the first: still in its window
    CHECK(hubspot.handle(request("GET", "/crm/v3/owners")).status == 429);
    clock.advance(milliseconds(1));  // 10,000 ms: the first has left
    CHECK(hubspot.handle(request("GET", "/crm/v3/owners")).status == 200);
}

TEST_CASE("by default the fake holds HubSpot's search limit of 4 per rolling second") {
    ManualClock clock;
    FakeHubSpot hubspot(options_with(clock));
    CHECK(hubspot.options().search_per_second == 4);
    CHECK(hubspot.options().search_interval == milliseconds(1'000));
    // Four searches 300 ms apart span 900 ms; a fifth at 999 ms is the fifth in one rolling second.
    for (int i = 0; i < 4; ++i) {
        if (i > 0) clock.advance(milliseconds(300));
        REQUIRE(hubspot.handle(request("POST", "/crm/v3/objects/deals/search", search_body)).status == 200);
    }
    clock.advance(milliseconds(99));
    const FakeResponse limited = hubspot.handle(request("POST", "/crm/v3/objects/deals/search", search_body));
    CHECK(limited.status == 429);
    CHECK_FALSE(has_header(limited, "X-HubSpot-RateLimit-Remaining"));
    clock.advance(milliseconds(1));  // 1,000 ms after the first
    CHECK(hubspot.handle(request("POST", "/crm/v3/objects/deals/search", search_body)).status == 200);
}
