// Pacing against the vendor's rate limit, on a fake clock: close to the limit without crossing it.
#include <catch2/catch.hpp>

#include <algorithm>

#include "connectors/http/http_client.hpp"
#include "tests/http/fake_clock.hpp"
#include "tests/http/scripted_transport.hpp"

namespace http = sellerscore::connectors::http;
using http::testing::FakeClock;
using http::testing::ScriptedTransport;
using http::testing::respond;
using sellerscore::StatusCode;
using std::chrono::milliseconds;

namespace {

const http::RateLimitHeaders hubspot_headers{"X-HubSpot-RateLimit-Max", "X-HubSpot-RateLimit-Remaining",
                                             "X-HubSpot-RateLimit-Interval-Milliseconds", "",
                                             "X-HubSpot-RateLimit-Daily-Remaining"};

struct PacedClient {
    FakeClock clock;
    ScriptedTransport* transport = nullptr;
    std::unique_ptr<http::HttpClient> client;

    PacedClient(http::RateLimit limit, http::RateLimitHeaders headers, std::vector<http::testing::ScriptStep> script) {
        http::ClientOptions options;
        options.rate_limit = limit;
        options.rate_headers = std::move(headers);
        options.jitter_seed = 7;
        auto scripted = std::make_unique<ScriptedTransport>(clock, std::move(script));
        transport = scripted.get();
        client = std::make_unique<http::HttpClient>(std::move(options), std::move(scripted), nullptr, clock);
    }
};

http::HttpRequest paced_get(std::string target) {
    http::HttpRequest request;
    request.target = std::move(target);
    return request;
}

}  // namespace

TEST_CASE("100 requests at 10 per second with a 0.95 target take at least 9.5 s and never exceed 10 per second") {
    PacedClient t({10, milliseconds(1000), 0.95, 0}, {}, {});
    for (int i = 0; i < 100; ++i) REQUIRE(t.client->send(paced_get("/r")).is_ok());

    const auto starts = t.transport->starts();
    REQUIRE(starts.size() == 100);
    CHECK(starts.back() - starts.front() >= milliseconds(9500));
    // Any one-second window, wherever it begins, holds at most 10 starts.
    for (std::size_t i = 0; i < starts.size(); ++i) {
        const auto window_end = starts[i] + milliseconds(1000);
        const auto in_window = std::count_if(starts.begin() + static_cast<std::ptrdiff_t>(i), starts.end(),
                                             [&](auto start) { return start < window_end; });
        INFO("window starting at request " << i);
        CHECK(in_window <= 10);
    }
    CHECK(t.client->stats().paced_wait >= milliseconds(9000));
}

TEST_CASE("Without a known limit requests are not paced") {
    PacedClient t({}, {}, {});
    for (int i = 0; i < 20; ++i) REQUIRE(t.client->send(paced_get("/r")).is_ok());
    CHECK(t.clock.elapsed() == milliseconds(0));
}

TEST_CASE("The limit headers of a response set the pace of the next requests") {
    // The vendor says 10 per 1000 ms; at the default 0.95 target the starts are 1000/9.5 ms apart.
    PacedClient t({}, hubspot_headers,
                  {respond(200, {{"X-HubSpot-RateLimit-Max", "10"}, {"X-HubSpot-RateLimit-Interval-Milliseconds", "1000"}})});
    for (int i = 0; i < 11; ++i) REQUIRE(t.client->send(paced_get("/r")).is_ok());
    const auto starts = t.transport->starts();
    CHECK(starts.back() - starts.at(1) >= milliseconds(9 * 105));
}

TEST_CASE("A remaining of 0 makes the next request wait for the window to reset") {
    PacedClient t({100, milliseconds(10'000), 0.95, 0}, hubspot_headers,
                  {respond(200, {{"X-HubSpot-RateLimit-Remaining", "0"}, {"X-HubSpot-RateLimit-Interval-Milliseconds", "10000"}})});
    REQUIRE(t.client->send(paced_get("/a")).is_ok());
    REQUIRE(t.client->send(paced_get("/b")).is_ok());
    const auto starts = t.transport->starts();
    CHECK(starts.at(1) - starts.at(0) >= milliseconds(10'000));
    CHECK(starts.at(1) - starts.at(0) <= milliseconds(10'200));
    CHECK(t.client->stats().paced_wait >= milliseconds(9'900));
}

TEST_CASE("A remaining above zero lets the next request go after the spacing only") {
    PacedClient t({100, milliseconds(10'000), 0.95, 0}, hubspot_headers,
                  {respond(200, {{"X-HubSpot-RateLimit-Remaining", "1"}})});
    REQUIRE(t.client->send(paced_get("/a")).is_ok());
    REQUIRE(t.client->send(paced_get("/b")).is_ok());
    const auto starts = t.transport->starts();
    // 10000 ms / (100 * 0.95) = 105.3 ms
    CHECK(starts.at(1) - starts.at(0) >= milliseconds(105));
    CHECK(starts.at(1) - starts.at(0) <= milliseconds(106));
}

TEST_CASE("A reset header in seconds says when the window reopens") {
    const http::RateLimitHeaders pipedrive{"x-ratelimit-limit", "x-ratelimit-remaining", "", "x-ratelimit-reset",
                                           "x-daily-requests-left"};
    PacedClient t({20, milliseconds(2000), 0.95, 0}, pipedrive,
                  {respond(200, {{"x-ratelimit-limit", "20"}, {"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", "5"}})});
    REQUIRE(t.client->send(paced_get("/a")).is_ok());
    REQUIRE(t.client->send(paced_get("/b")).is_ok());
    const auto starts = t.transport->starts();
    // Without the header the 2000 ms interval would apply; the server said 5 s.
    CHECK(starts.at(1) - starts.at(0) >= milliseconds(5000));
    CHECK(starts.at(1) - starts.at(0) <= milliseconds(5100));
}

TEST_CASE("An interval or reset header beyond a day is read as a day instead of overflowing the clock") {
    // 111111111111111111 ms overflowed the conversion to nanoseconds (found by tests/fuzz/hubspot_api).
    PacedClient hubspot({}, hubspot_headers,
                        {respond(200, {{"X-HubSpot-RateLimit-Max", "1"},
                                       {"X-HubSpot-RateLimit-Interval-Milliseconds", "111111111111111111"}})});
    for (const char* target : {"/a", "/b", "/c"}) REQUIRE(hubspot.client->send(paced_get(target)).is_ok());
    // The first answer sets the pace of the requests after the next: one per day at the 0.95 target,
    // 86400 s / 0.95 = 25.3 h apart.
    const auto hubspot_starts = hubspot.transport->starts();
    CHECK(hubspot_starts.at(2) - hubspot_starts.at(1) >= std::chrono::hours(25));
    CHECK(hubspot_starts.at(2) - hubspot_starts.at(1) <= std::chrono::hours(26));

    const http::RateLimitHeaders pipedrive{"x-ratelimit-limit", "x-ratelimit-remaining", "", "x-ratelimit-reset",
                                           "x-daily-requests-left"};
    PacedClient reset({20, milliseconds(2000), 0.95, 0}, pipedrive,
                      {respond(200, {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", "111111111111111111"}})});
    REQUIRE(reset.client->send(paced_get("/a")).is_ok());
    REQUIRE(reset.client->send(paced_get("/b")).is_ok());
    const auto reset_starts = reset.transport->starts();
    CHECK(reset_starts.at(1) - reset_starts.at(0) >= std::chrono::hours(24));
    CHECK(reset_starts.at(1) - reset_starts.at(0) <= std::chrono::hours(24) + milliseconds(100));
}

TEST_CASE("A daily remaining at the reserve fails with rate_limited without sending") {
    PacedClient t({100, milliseconds(10'000), 0.95, 50}, hubspot_headers,
                  {respond(200, {{"X-HubSpot-RateLimit-Daily-Remaining", "50"}})});
    REQUIRE(t.client->send(paced_get("/crm/v3/objects/deals")).is_ok());
    auto second = t.client->send(paced_get("/crm/v3/objects/deals?after=2"));
    REQUIRE_FALSE(second.is_ok());
    CHECK(second.status().code() == StatusCode::rate_limited);
    CHECK(second.status().message() == "GET /crm/v3/objects/deals: daily API limit reached (50 left)");
    CHECK(t.transport->calls() == 1);
}

TEST_CASE("A daily remaining above the reserve keeps going") {
    PacedClient t({100, milliseconds(10'000), 0.95, 50}, hubspot_headers,
                  {respond(200, {{"X-HubSpot-RateLimit-Daily-Remaining", "51"}})});
    REQUIRE(t.client->send(paced_get("/a")).is_ok());
    CHECK(t.client->send(paced_get("/b")).is_ok());
    CHECK(t.transport->calls() == 2);
}

TEST_CASE("In a rolling window a full count waits only until our oldest request leaves it") {
    // 10 per 1000 ms spaces starts 100 ms apart; the server's counts (other clients share the
    // window) say 1, 2, then 0 left. HubSpot's window rolls, so the fourth request may start when
    // our first is 1000 ms old, not 1000 ms after the count last went up.
    PacedClient t({10, milliseconds(1000), 1.0, 0}, hubspot_headers,
                  {respond(200, {{"X-HubSpot-RateLimit-Remaining", "1"}}),
                   respond(200, {{"X-HubSpot-RateLimit-Remaining", "2"}}),
                   respond(200, {{"X-HubSpot-RateLimit-Remaining", "0"}}),
                   respond(200, {{"X-HubSpot-RateLimit-Remaining", "5"}})});
    for (int i = 0; i < 4; ++i) REQUIRE(t.client->send(paced_get("/r")).is_ok());
    const auto starts = t.transport->starts();
    CHECK(starts.at(3) - starts.at(0) >= milliseconds(1000));
    CHECK(starts.at(3) - starts.at(0) <= milliseconds(1010));
}
