#include <catch2/catch.hpp>

#include "fake_pipedrive_test_requests.hpp"

using namespace sellerscore::fakes;
using namespace sellerscore::fakes::pipedrive_test;

TEST_CASE("fake pipedrive charges each endpoint its documented token cost") {
    FakePipedrive fake;
    fake.seed(many_deals(1));
    struct Call {
        const char* method;
        const char* target;
        const char* route;
        std::int64_t cost;
    };
    const Call calls[] = {
        {"GET", "/api/v2/deals", "GET /api/v2/deals", 10},
        {"GET", "/api/v2/deals/101", "GET /api/v2/deals/{id}", 1},
        {"GET", "/api/v2/stages", "GET /api/v2/stages", 10},
        {"GET", "/api/v1/users", "GET /api/v1/users", 20},
        {"GET", "/api/v1/deals/101/changelog", "GET /api/v1/deals/{id}/changelog", 20},
        {"GET", "/api/v1/deals/101/flow", "GET /api/v1/deals/{id}/flow", 40},
        {"POST", "/api/v2/dealFields", "POST /api/v2/dealFields", 5},
    };
    std::int64_t expected_total = 0;
    for (const Call& call : calls) {
        const std::string body = std::string(call.method) == "POST" ? R"({"field_name":"S","field_type":"double"})" : "";
        const FakeResponse response = fake.handle(authed(call.method, call.target, body));
        CHECK(response.status == 200);
        expected_total += call.cost;
        CHECK(fake.tokens_spent(call.route) == call.cost);
        CHECK(header(response, "x-daily-ratelimit-token-remaining") == std::to_string(300'000 - expected_total));
    }
    const std::string code = fake.field_by_name("deals", "S")->field_code;
    CHECK(fake.handle(authed("PATCH", "/api/v2/deals/101", R"({"custom_fields":{")" + code + R"(":1}})")).status == 200);
    CHECK(fake.tokens_spent("PATCH /api/v2/deals/{id}") == 5);
    CHECK(fake.tokens_spent() == expected_total + 5);
    CHECK(fake.daily_tokens_remaining() == 300'000 - expected_total - 5);
}

TEST_CASE("fake pipedrive sends the rate limit headers on every response") {
    FakePipedrive fake;
    for (const FakeResponse& response :
         {fake.handle(authed("GET", "/api/v2/deals")), fake.handle(request("GET", "/api/v2/deals"))}) {
        CHECK(header(response, "x-ratelimit-limit") == "40");
        CHECK_FALSE(header(response, "x-ratelimit-remaining").empty());
        CHECK_FALSE(header(response, "x-ratelimit-reset").empty());
        CHECK(header(response, "x-daily-ratelimit-token-limit") == "300000");
        CHECK_FALSE(header(response, "x-daily-ratelimit-token-remaining").empty());
    }
}

TEST_CASE("fake pipedrive answers 429 over the burst window until it frees a slot") {
    ManualClock clock;
    FakePipedriveOptions options = options_with(clock);
    options.max_requests = 3;
    FakePipedrive fake(options);
    for (int i = 0; i < 3; ++i) {
        const FakeResponse response = fake.handle(authed("GET", "/api/v2/deals"));
        CHECK(response.status == 200);
        CHECK(header(response, "x-ratelimit-remaining") == std::to_string(2 - i));
    }
    const FakeResponse over = fake.handle(authed("GET", "/api/v2/deals"));
    CHECK(over.status == 429);
    const auto body = json_of(over);
    CHECK(body.at("error").as_string() == "Request over limit");
    CHECK(body.at("errorCode").as_int64() == 429);
    CHECK(header(over, "x-ratelimit-remaining") == "0");
    CHECK(header(over, "x-ratelimit-reset") == "2");
    CHECK(fake.tokens_spent() == 30);  // the refused request is not charged

    clock.advance(std::chrono::milliseconds(1999));
    CHECK(fake.handle(authed("GET", "/api/v2/deals")).status == 429);
    clock.advance(std::chrono::milliseconds(1));
    CHECK(fake.handle(authed("GET", "/api/v2/deals")).status == 200);
    CHECK(fake.peak_window_count() == 3);
    CHECK(fake.rate_limited_count() == 2);
}

TEST_CASE("fake pipedrive answers 429 with zero remaining tokens once the daily budget is spent") {
    FakePipedrive fake;
    fake.set_daily_tokens_remaining(15);
    const FakeResponse first = fake.handle(authed("GET", "/api/v2/deals"));
    CHECK(first.status == 200);
    CHECK(header(first, "x-daily-ratelimit-token-remaining") == "5");
    // Served while any budget is left; the overdraft is clipped at zero.
    const FakeResponse second = fake.handle(authed("GET", "/api/v2/deals"));
    CHECK(second.status == 200);
    CHECK(header(second, "x-daily-ratelimit-token-remaining") == "0");
    const FakeResponse refused = fake.handle(authed("GET", "/api/v2/deals"));
    CHECK(refused.status == 429);
    CHECK(header(refused, "x-daily-ratelimit-token-remaining") == "0");
}

TEST_CASE("fake pipedrive refills the daily budget at utc midnight") {
    ManualClock clock;  // 12:00 UTC
    FakePipedrive fake(options_with(clock));
    CHECK(fake.handle(authed("GET", "/api/v2/deals")).status == 200);
    fake.set_daily_tokens_remaining(0);
    CHECK(fake.handle(authed("GET", "/api/v2/deals")).status == 429);
    clock.advance(std::chrono::hours(12));
    const FakeResponse next_day = fake.handle(authed("GET", "/api/v2/deals"));
    CHECK(next_day.status == 200);
    CHECK(header(next_day, "x-daily-ratelimit-token-remaining") == "299990");
}

TEST_CASE("fake pipedrive blocks a client hammering through 429s with a cloudflare html 403") {
    ManualClock clock;
    FakePipedriveOptions options = options_with(clock);
    options.max_requests = 1;
    options.abuse_threshold = 2;
    options.abuse_cooldown = std::chrono::seconds(60);
    FakePipedrive fake(options);
    CHECK(fake.handle(authed("GET", "/api/v2/deals")).status == 200);
    CHECK(fake.handle(authed("GET", "/api/v2/deals")).status == 429);
    CHECK(fake.handle(authed("GET", "/api/v2/deals")).status == 429);
    const FakeResponse blocked = fake.handle(authed("GET", "/api/v2/deals"));
    CHECK(blocked.status == 403);
    CHECK(blocked.content_type.find("text/html") == 0);
    CHECK(blocked.body.find("Cloudflare") != std::string::npos);
    CHECK_THROWS(boost::json::parse(blocked.body));

    clock.advance(std::chrono::seconds(59));  // the burst window is long free, the block is not
    CHECK(fake.handle(authed("GET", "/api/v2/deals")).status == 403);
    clock.advance(std::chrono::seconds(1));
    CHECK(fake.handle(authed("GET", "/api/v2/deals")).status == 200);
    CHECK(fake.forbidden_count() == 2);
}

TEST_CASE("fake pipedrive admits 40 requests per rolling 2 seconds by default, the Growth plan's burst") {
    ManualClock clock;
    FakePipedrive fake(options_with(clock));
    for (int i = 0; i < 40; ++i) {
        CHECK(fake.handle(authed("GET", "/api/v2/deals")).status == 200);
        clock.advance(std::chrono::milliseconds(10));  // 40 requests in 400 ms
    }
    CHECK(fake.handle(authed("GET", "/api/v2/deals")).status == 429);
    clock.advance(std::chrono::milliseconds(1600));  // the first request left the window at 2000 ms
    CHECK(fake.handle(authed("GET", "/api/v2/deals")).status == 200);
    CHECK(fake.handle(authed("GET", "/api/v2/deals")).status == 429);
    CHECK(fake.peak_window_count() == 40);
}
