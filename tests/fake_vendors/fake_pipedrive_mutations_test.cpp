#include <catch2/catch.hpp>

#include "fake_pipedrive_test_requests.hpp"

using namespace sellerscore::fakes;
using namespace sellerscore::fakes::pipedrive_test;

TEST_CASE("fake pipedrive create makes a deal whose changelog starts empty") {
    ManualClock clock;
    FakePipedrive fake(options_with(clock));
    fake.seed(many_deals(1));  // stages 1 and 2
    const auto id = fake.create("deals", {{"title", "New"}, {"stage_id", "2"}, {"value", "250"}});
    REQUIRE(id.is_ok());
    const auto deal = json_of(fake.handle(authed("GET", "/api/v2/deals/" + std::to_string(*id)))).at("data");
    CHECK(deal.at("title").as_string() == "New");
    CHECK(deal.at("stage_id").as_int64() == 2);
    CHECK(deal.at("value").as_double() == 250.0);
    CHECK(deal.at("add_time").as_string() == "2026-03-01T12:00:00Z");
    CHECK(deal.at("update_time").as_string() == "2026-03-01T12:00:00Z");
    CHECK(deal.at("stage_change_time").is_null());
    CHECK(json_of(fake.handle(authed("GET", "/api/v1/deals/" + std::to_string(*id) + "/changelog"))).at("data").as_array().empty());
    CHECK_FALSE(fake.create("deals", {{"stage_id", "99"}}).is_ok());
    CHECK(fake.object_count("deals") == 2);
}

TEST_CASE("fake pipedrive touch winning a deal stamps won and close times") {
    ManualClock clock;
    FakePipedrive fake(options_with(clock));
    fake.seed(many_deals(1));
    clock.advance(std::chrono::seconds(90));
    REQUIRE(fake.touch("deals", 101, {{"status", "won"}}).is_ok());
    const auto deal = json_of(fake.handle(authed("GET", "/api/v2/deals/101"))).at("data");
    CHECK(deal.at("status").as_string() == "won");
    CHECK(deal.at("won_time").as_string() == "2026-03-01T12:01:30Z");
    CHECK(deal.at("close_time").as_string() == "2026-03-01T12:01:30Z");
    CHECK(deal.at("lost_time").is_null());
    CHECK(fake.touch("deals", 999, {{"title", "x"}}).code() == sellerscore::StatusCode::not_found);
    CHECK(fake.touch("deals", 101, {{"status", "maybe"}}).code() == sellerscore::StatusCode::invalid_argument);
}

TEST_CASE("fake pipedrive lists only done activities under done true") {
    FakePipedrive fake;
    fake.seed(many_deals(1));
    REQUIRE(fake.add_activity("call", 11, true, t0, 101).is_ok());
    REQUIRE(fake.add_activity("meeting", 11, false, t0 + 60).is_ok());
    CHECK_FALSE(fake.add_activity("telepathy", 11, true, t0).is_ok());
    const auto done = json_of(fake.handle(authed("GET", "/api/v2/activities?done=true")));
    REQUIRE(done.at("data").as_array().size() == 1);
    CHECK(done.at("data").at(0).at("marked_as_done_time").as_string() == "2026-01-01T00:00:00Z");
    const auto open = json_of(fake.handle(authed("GET", "/api/v2/activities?done=false")));
    REQUIRE(open.at("data").as_array().size() == 1);
    CHECK(open.at("data").at(0).at("marked_as_done_time").is_null());
}
