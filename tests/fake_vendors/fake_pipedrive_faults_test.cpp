#include <catch2/catch.hpp>

#include "fake_pipedrive_test_requests.hpp"

using namespace sellerscore::fakes;
using namespace sellerscore::fakes::pipedrive_test;

TEST_CASE("fake pipedrive http_5xx alternates a 502 html page and a 503 json and charges nothing") {
    FakePipedrive fake;
    fake.inject(FakePipedriveFault::http_5xx, 2);
    const FakeResponse first = fake.handle(authed("GET", "/api/v2/deals"));
    CHECK(first.status == 502);
    CHECK(first.content_type.find("text/html") == 0);
    const FakeResponse second = fake.handle(authed("GET", "/api/v2/deals"));
    CHECK(second.status == 503);
    CHECK_FALSE(json_of(second).at("success").as_bool());
    CHECK(fake.tokens_spent() == 0);
    CHECK(fake.handle(authed("GET", "/api/v2/deals")).status == 200);
}

TEST_CASE("fake pipedrive close_before_response asks the server to hang up") {
    FakePipedrive fake;
    fake.inject(FakePipedriveFault::close_before_response, 1);
    CHECK(fake.handle(authed("GET", "/api/v2/deals")).fault == WireFault::close_before_response);
    CHECK(fake.tokens_spent() == 0);
    CHECK(fake.faults_pending() == 0);
}

TEST_CASE("fake pipedrive truncate_body processes the request then cuts the body") {
    FakePipedrive fake;
    fake.seed(many_deals(1));
    const std::string code = fake.define_field("deals", {"Seller score", "", "double", {}, true}).field_code;
    fake.inject(FakePipedriveFault::truncate_body, 1, "/api/v2/deals/101");
    const FakeResponse response =
        fake.handle(authed("PATCH", "/api/v2/deals/101", R"({"custom_fields":{")" + code + R"(":3}})"));
    CHECK(response.status == 200);
    CHECK(response.fault == WireFault::truncate_body);
    CHECK(fake.value("deals", 101, code) == "3");
    CHECK(fake.tokens_spent() == 5);
}

TEST_CASE("fake pipedrive delay_response answers after the delay") {
    FakePipedrive fake;
    fake.inject(FakePipedriveFault::delay_response, 1, "", std::chrono::milliseconds(750));
    const FakeResponse response = fake.handle(authed("GET", "/api/v2/deals"));
    CHECK(response.status == 200);
    CHECK(response.fault == WireFault::delay_response);
    CHECK(response.delay == std::chrono::milliseconds(750));
}

TEST_CASE("fake pipedrive rate_limit_429 refuses regardless of the window") {
    FakePipedrive fake;
    fake.inject(FakePipedriveFault::rate_limit_429, 1);
    const FakeResponse response = fake.handle(authed("GET", "/api/v2/deals"));
    CHECK(response.status == 429);
    CHECK(json_of(response).at("error").as_string() == "Request over limit");
    CHECK(header(response, "x-ratelimit-remaining") == "0");
    CHECK(fake.rate_limited_count() == 1);
    CHECK(fake.tokens_spent() == 0);
}

TEST_CASE("fake pipedrive faults hit only targets containing the filter and only so many times") {
    FakePipedrive fake;
    fake.inject(FakePipedriveFault::http_5xx, 2, "/api/v2/persons");
    CHECK(fake.handle(authed("GET", "/api/v2/deals")).status == 200);
    CHECK(fake.faults_pending() == 2);
    CHECK(fake.handle(authed("GET", "/api/v2/persons")).status == 502);
    CHECK(fake.handle(authed("GET", "/api/v2/persons")).status == 503);
    CHECK(fake.handle(authed("GET", "/api/v2/persons")).status == 200);
    fake.inject(FakePipedriveFault::http_5xx, 5);
    fake.clear_faults();
    CHECK(fake.faults_pending() == 0);
}
