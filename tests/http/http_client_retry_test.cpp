// HttpClient's retry rules (RELIABILITY.md §4.2 "Transport / retry"), over a scripted transport on a
// fake clock: exact attempt counts and waits, no sleeping.
#include <catch2/catch.hpp>

#include "connectors/http/http_client.hpp"
#include "connectors/http/static_token_source.hpp"
#include "tests/http/fake_clock.hpp"
#include "tests/http/scripted_transport.hpp"

namespace http = sellerscore::connectors::http;
using http::testing::FakeClock;
using http::testing::ScriptedTransport;
using http::testing::fail;
using http::testing::respond;
using sellerscore::StatusCode;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

struct ClientUnderTest {
    FakeClock clock;
    ScriptedTransport* transport = nullptr;  // owned by client
    std::unique_ptr<http::HttpClient> client;

    explicit ClientUnderTest(std::vector<http::testing::ScriptStep> script, http::ClientOptions options = {},
                             std::unique_ptr<http::AccessTokenSource> auth = nullptr,
                             milliseconds latency = milliseconds(0)) {
        options.jitter_seed = options.jitter_seed ? options.jitter_seed : 42;
        auto scripted = std::make_unique<ScriptedTransport>(clock, std::move(script), latency);
        transport = scripted.get();
        client = std::make_unique<http::HttpClient>(std::move(options), std::move(scripted), std::move(auth), clock);
    }

    // Fake time between the starts of attempt `first` and `first + 1` (0-based).
    milliseconds gap_after_attempt(std::size_t first) const {
        const auto starts = transport->starts();
        return std::chrono::duration_cast<milliseconds>(starts.at(first + 1) - starts.at(first));
    }
};

http::HttpRequest get_deals() {
    http::HttpRequest request;
    request.target = "/crm/v3/objects/deals?limit=100&after=abc";
    return request;
}

http::HttpRequest create_deal() {
    http::HttpRequest request;
    request.method = http::Method::post;
    request.target = "/crm/v3/objects/deals";
    request.body = R"({"properties":{}})";
    request.idempotent = false;
    return request;
}

// A token source whose token changes on every refresh, counting the refreshes.
class RotatingTokenSource final : public http::AccessTokenSource {
public:
    sellerscore::Result<http::Header> credential() override { return http::Header{"Authorization", "Bearer token-" + std::to_string(generation_)}; }
    bool reject(const http::Header&) override {
        ++generation_;
        return true;
    }
    int generation_ = 1;
};

std::string authorization_of(const http::HttpRequest& request) {
    for (const auto& header : request.headers)
        if (header.name == "Authorization") return header.value;
    return {};
}

}  // namespace

TEST_CASE("A 503 then a 200 takes two attempts") {
    ClientUnderTest t({respond(503), respond(200)});
    auto result = t.client->send(get_deals());
    REQUIRE(result.is_ok());
    CHECK(result->status == 200);
    CHECK(t.transport->calls() == 2);
    CHECK(t.client->stats().attempts == 2);
    CHECK(t.client->stats().retries == 1);
    CHECK(t.client->stats().status_5xx == 1);
}

TEST_CASE("A 429 with Retry-After 7 waits seven seconds before the retry") {
    ClientUnderTest t({respond(429, {{"Retry-After", "7"}}), respond(200)});
    auto result = t.client->send(get_deals());
    REQUIRE(result.is_ok());
    CHECK(t.transport->calls() == 2);
    // 7 s as asked, plus at most 100 ms of jitter.
    CHECK(t.gap_after_attempt(0) >= milliseconds(7000));
    CHECK(t.gap_after_attempt(0) <= milliseconds(7100));
    CHECK(t.client->stats().status_429 == 1);
}

TEST_CASE("A Retry-After given as an HTTP date is waited out on the wall clock") {
    // The fake wall clock reads Sun, 01 Mar 2026 12:00:00 GMT: the date below is 30 s later.
    ClientUnderTest t({respond(503, {{"retry-after", "Sun, 01 Mar 2026 12:00:30 GMT"}}), respond(200)});
    auto result = t.client->send(get_deals());
    REQUIRE(result.is_ok());
    CHECK(t.gap_after_attempt(0) >= milliseconds(30'000));
    CHECK(t.gap_after_attempt(0) <= milliseconds(30'100));
}

TEST_CASE("A Retry-After beyond max_retry_after gives up at once with rate_limited") {
    http::ClientOptions options;
    options.retry.max_retry_after = seconds(300);
    ClientUnderTest t({respond(429, {{"Retry-After", "3600"}}, R"({"status":"error","message":"You have reached your daily limit."})")},
                      options);
    auto result = t.client->send(get_deals());
    REQUIRE_FALSE(result.is_ok());
    CHECK(result.status().code() == StatusCode::rate_limited);
    CHECK(result.status().retry_after_ms() == 3'600'000);
    CHECK(t.transport->calls() == 1);
    CHECK(t.clock.elapsed() == milliseconds(0));
    CHECK_THAT(result.status().message(), Catch::Contains("3600000 ms"));
    CHECK_THAT(result.status().message(), Catch::EndsWith(": You have reached your daily limit."));
}

TEST_CASE("Five 500s give up after max_attempts with the vendor's message") {
    http::ClientOptions options;
    options.retry.max_attempts = 5;
    const std::string body = R"({"status":"error","message":"internal error","correlationId":"c0ffee"})";
    ClientUnderTest t({respond(500, {}, body), respond(500, {}, body), respond(500, {}, body), respond(500, {}, body),
                       respond(500, {}, body), respond(200)},
                      options);
    auto result = t.client->send(get_deals());
    REQUIRE_FALSE(result.is_ok());
    CHECK(result.status().code() == StatusCode::network);
    CHECK(result.status().message() == "GET /crm/v3/objects/deals: 500 after 5 attempts: internal error");
    CHECK(t.transport->calls() == 5);
    CHECK(t.client->stats().retries == 4);
}

TEST_CASE("A non-JSON error body is quoted as its first 200 bytes without control characters") {
    http::ClientOptions options;
    options.retry.max_attempts = 1;
    const std::string page = "<html>\r\n<body>Bad gateway</body>\r\n</html>" + std::string(300, 'x');
    ClientUnderTest t({respond(502, {}, page)}, options);
    auto result = t.client->send(get_deals());
    REQUIRE_FALSE(result.is_ok());
    const std::string expected_quote = "<html><body>Bad gateway</body></html>" + std::string(200 - 41, 'x');
    CHECK(result.status().message() == "GET /crm/v3/objects/deals: 502 after 1 attempt: " + expected_quote);
}

TEST_CASE("A 400 is returned at once and never retried") {
    ClientUnderTest t({respond(400, {}, R"({"message":"Property values were not valid"})"), respond(200)});
    auto result = t.client->send(get_deals());
    REQUIRE(result.is_ok());
    CHECK(result->status == 400);
    CHECK(t.transport->calls() == 1);
}

TEST_CASE("A 408 is retried") {
    ClientUnderTest t({respond(408), respond(200)});
    auto result = t.client->send(get_deals());
    REQUIRE(result.is_ok());
    CHECK(result->status == 200);
    CHECK(t.transport->calls() == 2);
}

TEST_CASE("A reset after a non-idempotent request was written is not retried") {
    ClientUnderTest t({fail(StatusCode::network, "POST /crm/v3/objects/deals: connection closed before any response byte (eof)", true),
                       respond(201)});
    auto result = t.client->send(create_deal());
    REQUIRE_FALSE(result.is_ok());
    CHECK(result.status().code() == StatusCode::network);
    CHECK(result.status().message() ==
          "POST /crm/v3/objects/deals: connection closed before any response byte (eof) after 1 attempt");
    CHECK(t.transport->calls() == 1);
}

TEST_CASE("A reset of an idempotent request is retried") {
    ClientUnderTest t({fail(StatusCode::network, "GET /crm/v3/objects/deals: connection closed after 10 of 20 body bytes", true),
                       respond(200)});
    auto result = t.client->send(get_deals());
    REQUIRE(result.is_ok());
    CHECK(t.transport->calls() == 2);
    CHECK(t.client->stats().transport_failures == 1);
}

TEST_CASE("A non-idempotent request that never left is retried") {
    ClientUnderTest t({fail(StatusCode::network, "POST /crm/v3/objects/deals: cannot connect to localhost: refused", false),
                       respond(201)});
    auto result = t.client->send(create_deal());
    REQUIRE(result.is_ok());
    CHECK(result->status == 201);
    CHECK(t.transport->calls() == 2);
}

TEST_CASE("A timeout of an idempotent request is retried and the last one reported as a timeout") {
    http::ClientOptions options;
    options.retry.max_attempts = 2;
    const auto timeout = [] { return fail(StatusCode::timeout, "GET /crm/v3/objects/deals: no progress reading the response for 200 ms (read timeout)", true); };
    ClientUnderTest t({timeout(), timeout()}, options);
    auto result = t.client->send(get_deals());
    REQUIRE_FALSE(result.is_ok());
    CHECK(result.status().code() == StatusCode::timeout);
    CHECK(result.status().message() ==
          "GET /crm/v3/objects/deals: no progress reading the response for 200 ms (read timeout) after 2 attempts");
    CHECK(t.transport->calls() == 2);
}

TEST_CASE("An oversized response is never retried") {
    ClientUnderTest t({fail(StatusCode::invalid_argument, "GET /crm/v3/objects/deals: response body over 1000 bytes", true)});
    auto result = t.client->send(get_deals());
    REQUIRE_FALSE(result.is_ok());
    CHECK(result.status().code() == StatusCode::invalid_argument);
    CHECK(t.transport->calls() == 1);
}

TEST_CASE("Backoff waits lie between zero and min of cap and base times two to the n") {
    // Independently of the client: retry n may wait at most min(cap, base * 2^n).
    const milliseconds base(100), cap(1000);
    const std::vector<milliseconds> bound = {milliseconds(100), milliseconds(200), milliseconds(400), milliseconds(800),
                                             milliseconds(1000), milliseconds(1000)};
    std::vector<milliseconds> smallest(bound.size(), milliseconds::max()), largest(bound.size(), milliseconds(0));
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        http::ClientOptions options;
        options.retry.max_attempts = 7;
        options.retry.base_delay = base;
        options.retry.max_delay = cap;
        options.jitter_seed = seed;
        ClientUnderTest t(std::vector<http::testing::ScriptStep>(7, respond(503)), options);
        REQUIRE_FALSE(t.client->send(get_deals()).is_ok());
        REQUIRE(t.transport->calls() == 7);
        for (std::size_t n = 0; n < bound.size(); ++n) {
            const milliseconds wait = t.gap_after_attempt(n);
            INFO("seed " << seed << ", retry " << n << " waited " << wait.count() << " ms");
            CHECK(wait >= milliseconds(0));
            CHECK(wait <= bound[n]);
            smallest[n] = std::min(smallest[n], wait);
            largest[n] = std::max(largest[n], wait);
        }
    }
    // Full jitter: over 200 seeds each retry's waits spread over most of their range.
    for (std::size_t n = 0; n < bound.size(); ++n) {
        INFO("retry " << n);
        CHECK(smallest[n] < bound[n] / 10);
        CHECK(largest[n] > bound[n] * 9 / 10);
    }
}

TEST_CASE("The total budget stops retries") {
    http::ClientOptions options;
    options.retry.max_attempts = 10;
    options.retry.base_delay = milliseconds(500);
    options.retry.total_budget = milliseconds(2000);
    // Each attempt takes 1.2 s: the first retry starts by 1.7 s, the second could not start before 2.4 s.
    ClientUnderTest t(std::vector<http::testing::ScriptStep>(10, respond(503)), options, nullptr, milliseconds(1200));
    auto result = t.client->send(get_deals());
    REQUIRE_FALSE(result.is_ok());
    CHECK(t.transport->calls() == 2);
    CHECK_THAT(result.status().message(), Catch::StartsWith("GET /crm/v3/objects/deals: 503 after 2 attempts (retry budget of 2000 ms spent)"));
}

TEST_CASE("A 401 with a refreshable credential is retried once with the new credential") {
    auto auth = std::make_unique<RotatingTokenSource>();
    ClientUnderTest t({respond(401), respond(200)}, {}, std::move(auth));
    auto result = t.client->send(get_deals());
    REQUIRE(result.is_ok());
    CHECK(result->status == 200);
    const auto sent = t.transport->sent();
    REQUIRE(sent.size() == 2);
    CHECK(authorization_of(sent[0]) == "Bearer token-1");
    CHECK(authorization_of(sent[1]) == "Bearer token-2");
    CHECK(t.client->stats().token_refreshes == 1);
}

TEST_CASE("A second 401 after a refresh is returned") {
    ClientUnderTest t({respond(401), respond(401), respond(200)}, {}, std::make_unique<RotatingTokenSource>());
    auto result = t.client->send(get_deals());
    REQUIRE(result.is_ok());
    CHECK(result->status == 401);
    CHECK(t.transport->calls() == 2);
}

TEST_CASE("A static token's 401 stands") {
    ClientUnderTest t({respond(401), respond(200)}, {},
                      std::make_unique<http::StaticTokenSource>("Authorization", "Bearer ", "pat-na1-0000"));
    auto result = t.client->send(get_deals());
    REQUIRE(result.is_ok());
    CHECK(result->status == 401);
    CHECK(t.transport->calls() == 1);
    CHECK(authorization_of(t.transport->sent().at(0)) == "Bearer pat-na1-0000");
}

TEST_CASE("A cancelled client sends nothing") {
    http::ClientOptions options;
    options.cancelled = [] { return true; };
    ClientUnderTest t({respond(200)}, options);
    auto result = t.client->send(get_deals());
    REQUIRE_FALSE(result.is_ok());
    CHECK(result.status().code() == StatusCode::cancelled);
    CHECK(t.transport->calls() == 0);
}

TEST_CASE("Cancellation ends a long Retry-After wait within a tenth of a second") {
    FakeClock* clock_seen = nullptr;
    http::ClientOptions options;
    options.cancelled = [&] { return clock_seen && clock_seen->elapsed() >= milliseconds(1000); };
    ClientUnderTest t({respond(429, {{"Retry-After", "60"}}), respond(200)}, options);
    clock_seen = &t.clock;
    auto result = t.client->send(get_deals());
    REQUIRE_FALSE(result.is_ok());
    CHECK(result.status().code() == StatusCode::cancelled);
    CHECK(t.transport->calls() == 1);
    CHECK(t.clock.elapsed() <= milliseconds(1100));
}

TEST_CASE("A 429 without Retry-After waits for the window the rate headers describe") {
    http::ClientOptions options;
    options.rate_headers = {"X-HubSpot-RateLimit-Max", "X-HubSpot-RateLimit-Remaining",
                            "X-HubSpot-RateLimit-Interval-Milliseconds", "", "X-HubSpot-RateLimit-Daily-Remaining"};
    ClientUnderTest t({respond(429,
                               {{"X-HubSpot-RateLimit-Max", "100"},
                                {"X-HubSpot-RateLimit-Remaining", "0"},
                                {"X-HubSpot-RateLimit-Interval-Milliseconds", "10000"}},
                               R"({"status":"error","message":"You have reached your ten_secondly_rolling limit.","policyName":"TEN_SECONDLY_ROLLING"})"),
                       respond(200)},
                      options);
    auto result = t.client->send(get_deals());
    REQUIRE(result.is_ok());
    CHECK(t.transport->calls() == 2);
    // The window began with the first request; the retry starts when it is over.
    CHECK(t.gap_after_attempt(0) >= milliseconds(10'000));
    CHECK(t.gap_after_attempt(0) <= milliseconds(10'100));
}

TEST_CASE("Retries give up with rate_limited after repeated 429s") {
    http::ClientOptions options;
    options.retry.max_attempts = 3;
    ClientUnderTest t({respond(429, {{"Retry-After", "1"}}), respond(429, {{"Retry-After", "1"}}),
                       respond(429, {{"Retry-After", "1"}}, R"({"message":"slow down"})")},
                      options);
    auto result = t.client->send(get_deals());
    REQUIRE_FALSE(result.is_ok());
    CHECK(result.status().code() == StatusCode::rate_limited);
    CHECK(result.status().message() == "GET /crm/v3/objects/deals: 429 after 3 attempts: slow down");
    CHECK(t.client->stats().status_429 == 3);
}

TEST_CASE("A 429 on a request that paces its own limit is handed back, not retried") {
    ClientUnderTest t({respond(429, {}, R"({"status":"error","message":"You have reached your secondly limit."})"),
                       respond(200)});
    http::HttpRequest request = get_deals();
    request.retry_rate_limited = false;
    auto result = t.client->send(request);
    REQUIRE(result.is_ok());
    CHECK(result->status == 429);
    CHECK(t.transport->calls() == 1);
    CHECK(t.clock.elapsed() == milliseconds(0));
}
