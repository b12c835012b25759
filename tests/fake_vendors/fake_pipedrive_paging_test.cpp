#include <set>

#include <catch2/catch.hpp>

#include "fake_pipedrive_test_requests.hpp"

using namespace sellerscore::fakes;
using namespace sellerscore::fakes::pipedrive_test;

TEST_CASE("fake pipedrive v2 cursor paging returns every deal exactly once") {
    FakePipedrive fake;
    fake.seed(many_deals(250));
    std::set<std::int64_t> seen;
    int pages = 0;
    std::string target = "/api/v2/deals?limit=100";
    while (true) {
        const FakeResponse response = fake.handle(authed("GET", target));
        REQUIRE(response.status == 200);
        const auto body = json_of(response);
        ++pages;
        for (const auto& deal : body.at("data").as_array()) CHECK(seen.insert(deal.at("id").as_int64()).second);
        const auto& next = body.at("additional_data").at("next_cursor");
        if (next.is_null()) break;
        target = "/api/v2/deals?limit=100&cursor=" + std::string(next.as_string());
    }
    CHECK(pages == 3);
    CHECK(seen.size() == 250);
}

TEST_CASE("fake pipedrive v2 lists default to 100 and refuse a limit over 500") {
    FakePipedrive fake;
    fake.seed(many_deals(150));
    CHECK(json_of(fake.handle(authed("GET", "/api/v2/deals"))).at("data").as_array().size() == 100);
    CHECK(json_of(fake.handle(authed("GET", "/api/v2/deals?limit=500"))).at("data").as_array().size() == 150);
    const FakeResponse over = fake.handle(authed("GET", "/api/v2/deals?limit=501"));
    CHECK(over.status == 400);
    CHECK(json_of(over).at("code").as_string() == "ERR_SCHEMA_VALIDATION_FAILED");
}

TEST_CASE("fake pipedrive v2 refuses v1 paging parameters") {
    FakePipedrive fake;
    CHECK(fake.handle(authed("GET", "/api/v2/deals?start=0")).status == 400);
}

TEST_CASE("fake pipedrive v1 start and limit paging returns every user exactly once") {
    FakePipedrive fake;
    sellerscore::model::Dataset sellers;
    for (int i = 0; i < 7; ++i) sellers.sellers.push_back({"s" + std::to_string(i), "User " + std::to_string(i), "u@x.io", {}, true});
    fake.seed(sellers);

    std::set<std::int64_t> seen;
    std::int64_t start = 0;
    std::vector<std::size_t> page_sizes;
    while (true) {
        const auto body = json_of(fake.handle(authed("GET", "/api/v1/users?start=" + std::to_string(start) + "&limit=3")));
        for (const auto& user : body.at("data").as_array()) CHECK(seen.insert(user.at("id").as_int64()).second);
        page_sizes.push_back(body.at("data").as_array().size());
        const auto& pagination = body.at("additional_data").at("pagination");
        CHECK(pagination.at("start").as_int64() == start);
        CHECK(pagination.at("limit").as_int64() == 3);
        if (!pagination.at("more_items_in_collection").as_bool()) {
            CHECK_FALSE(pagination.as_object().contains("next_start"));
            break;
        }
        start = pagination.at("next_start").as_int64();
    }
    CHECK(page_sizes == std::vector<std::size_t>{3, 3, 1});
    CHECK(seen.size() == 7);
}

TEST_CASE("fake pipedrive v1 answers an empty list with data null") {
    FakePipedrive fake;
    const auto body = json_of(fake.handle(authed("GET", "/api/v1/notes")));
    CHECK(body.at("data").is_null());
    CHECK_FALSE(body.at("additional_data").at("pagination").at("more_items_in_collection").as_bool());
    CHECK(fake.handle(authed("GET", "/api/v1/users?limit=501")).status == 400);
}

TEST_CASE("fake pipedrive updated_since accepts only rfc 3339 without fractions") {
    ManualClock clock;
    FakePipedrive fake(options_with(clock));
    fake.seed(many_deals(3));
    CHECK(fake.handle(authed("GET", "/api/v2/deals?updated_since=2026-03-01T12:00:00.000Z")).status == 400);
    CHECK(fake.handle(authed("GET", "/api/v2/deals?updated_since=2026-03-01 12:00:00")).status == 400);
    CHECK(fake.handle(authed("GET", "/api/v2/deals?updated_since=2026-03-01T12:00:00+00:00")).status == 400);
    CHECK(fake.handle(authed("GET", "/api/v2/deals?updated_since=2026-03-01T12:00:00Z")).status == 200);
}

TEST_CASE("fake pipedrive updated_since is inclusive and sees only later modifications") {
    ManualClock clock;  // seeded at 2026-03-01T12:00:00Z
    FakePipedrive fake(options_with(clock));
    fake.seed(many_deals(3));
    clock.advance(std::chrono::seconds(60));
    REQUIRE(fake.touch("deals", 102, {{"title", "Renamed"}}).is_ok());

    const auto at_seed = json_of(fake.handle(authed("GET", "/api/v2/deals?updated_since=2026-03-01T12:00:00Z")));
    CHECK(at_seed.at("data").as_array().size() == 3);
    const auto after_touch = json_of(fake.handle(authed("GET", "/api/v2/deals?updated_since=2026-03-01T12:01:00Z")));
    REQUIRE(after_touch.at("data").as_array().size() == 1);
    CHECK(after_touch.at("data").at(0).at("id").as_int64() == 102);
    CHECK(after_touch.at("data").at(0).at("update_time").as_string() == "2026-03-01T12:01:00Z");
}

TEST_CASE("fake pipedrive lists deleted deals only under status deleted") {
    FakePipedrive fake;
    fake.seed(many_deals(3));
    REQUIRE(fake.delete_deal(101).is_ok());
    CHECK(json_of(fake.handle(authed("GET", "/api/v2/deals"))).at("data").as_array().size() == 2);
    const auto deleted = json_of(fake.handle(authed("GET", "/api/v2/deals?status=deleted")));
    REQUIRE(deleted.at("data").as_array().size() == 1);
    CHECK(deleted.at("data").at(0).at("is_deleted").as_bool());
    CHECK(json_of(fake.handle(authed("GET", "/api/v2/deals?status=open,won,lost,deleted"))).at("data").as_array().size() == 3);
    CHECK(fake.handle(authed("GET", "/api/v2/deals?status=removed")).status == 400);
}

TEST_CASE("fake pipedrive lists archived deals only under deals archived") {
    FakePipedrive fake;
    fake.seed(many_deals(3));
    REQUIRE(fake.archive_deal(103).is_ok());
    CHECK(json_of(fake.handle(authed("GET", "/api/v2/deals"))).at("data").as_array().size() == 2);
    const auto archived = json_of(fake.handle(authed("GET", "/api/v2/deals/archived")));
    REQUIRE(archived.at("data").as_array().size() == 1);
    CHECK(archived.at("data").at(0).at("id").as_int64() == 103);
}

TEST_CASE("fake pipedrive deal changelog pages by cursor newest first") {
    ManualClock clock;
    FakePipedrive fake(options_with(clock));
    fake.seed(many_deals(1));  // deal 101 in stage "One" (id 1); "Two" is stage 2
    clock.advance(std::chrono::seconds(10));
    REQUIRE(fake.touch("deals", 101, {{"stage_id", "2"}}).is_ok());
    clock.advance(std::chrono::seconds(10));
    REQUIRE(fake.touch("deals", 101, {{"stage_id", "1"}}).is_ok());

    std::vector<std::string> new_values;
    std::string target = "/api/v1/deals/101/changelog?limit=1";
    while (true) {
        const auto body = json_of(fake.handle(authed("GET", target)));
        for (const auto& item : body.at("data").as_array()) {
            CHECK(item.at("field_key").as_string() == "stage_id");
            new_values.emplace_back(item.at("new_value").as_string());
        }
        const auto& next = body.at("additional_data").at("next_cursor");
        if (next.is_null()) break;
        target = "/api/v1/deals/101/changelog?limit=1&cursor=" + std::string(next.as_string());
    }
    CHECK(new_values == std::vector<std::string>{"1", "2"});
    CHECK(fake.handle(authed("GET", "/api/v1/deals/999/changelog")).status == 404);
}

TEST_CASE("fake pipedrive deal flow lists stage changes with v1 times") {
    ManualClock clock;
    FakePipedrive fake(options_with(clock));
    fake.seed(many_deals(1));
    clock.advance(std::chrono::seconds(30));
    REQUIRE(fake.touch("deals", 101, {{"stage_id", "2"}}).is_ok());
    const auto body = json_of(fake.handle(authed("GET", "/api/v1/deals/101/flow?items=dealChange&all_changes=1")));
    REQUIRE(body.at("data").as_array().size() == 1);
    const auto& item = body.at("data").at(0);
    CHECK(item.at("object").as_string() == "dealChange");
    CHECK(item.at("timestamp").as_string() == "2026-03-01 12:00:30");
    CHECK(item.at("data").at("old_value").as_string() == "1");
    CHECK(item.at("data").at("new_value").as_string() == "2");
}

TEST_CASE("fake pipedrive notes take updated_since in rfc 3339 only, as Pipedrive documents it") {
    ManualClock clock;
    clock.epoch_seconds = t0;  // seeding before the note's time: its update_time is its add_time
    FakePipedrive fake(options_with(clock));
    fake.seed(small_company());  // one note, added and updated at t0 + 400 = 2026-01-01T00:06:40Z
    FakeRequest v1_style = authed("GET", "/api/v1/notes");
    v1_style.query["updated_since"] = "2026-01-01 00:06:40";
    const FakeResponse refused = fake.handle(v1_style);
    CHECK(refused.status == 400);
    CHECK_FALSE(json_of(refused).at("success").as_bool());
    CHECK(json_of(refused).at("errorCode").as_int64() == 400);
    CHECK(fake.handle(authed("GET", "/api/v1/notes?updated_since=2026-01-01T00:06:40.000Z")).status == 400);

    const auto inclusive = json_of(fake.handle(authed("GET", "/api/v1/notes?updated_since=2026-01-01T00:06:40Z")));
    CHECK(inclusive.at("data").as_array().size() == 1);
    const auto later = json_of(fake.handle(authed("GET", "/api/v1/notes?updated_since=2026-01-01T00:06:41Z")));
    CHECK(later.at("data").is_null());
}

TEST_CASE("fake pipedrive notes sort by the documented fields and refuse others") {
    FakePipedrive fake;
    fake.seed(small_company());
    FakeRequest by_update = authed("GET", "/api/v1/notes");
    by_update.query["sort"] = "update_time DESC";
    CHECK(fake.handle(by_update).status == 200);
    FakeRequest unknown = authed("GET", "/api/v1/notes");
    unknown.query["sort"] = "marked_as_done_time ASC";
    CHECK(fake.handle(unknown).status == 400);
    FakeRequest bad_direction = authed("GET", "/api/v1/notes");
    bad_direction.query["sort"] = "update_time UP";
    CHECK(fake.handle(bad_direction).status == 400);
}

TEST_CASE("fake pipedrive v1 users come whole when no paging is asked for") {
    FakePipedrive fake;
    sellerscore::model::Dataset sellers;
    for (int i = 0; i < 120; ++i) sellers.sellers.push_back({"s" + std::to_string(i), "User", "u@x.io", {}, true});
    fake.seed(sellers);
    CHECK(json_of(fake.handle(authed("GET", "/api/v1/users"))).at("data").as_array().size() == 120);
}

TEST_CASE("fake pipedrive v2 ids take at most 100 ids and custom_fields at most 15 keys") {
    FakePipedrive fake;
    fake.seed(many_deals(3));
    std::string ids;
    for (int i = 1; i <= 100; ++i) ids += (i > 1 ? "," : "") + std::to_string(100 + i);
    CHECK(fake.handle(authed("GET", "/api/v2/deals?ids=" + ids)).status == 200);
    const FakeResponse over = fake.handle(authed("GET", "/api/v2/deals?ids=" + ids + ",201"));
    CHECK(over.status == 400);
    CHECK(json_of(over).at("code").as_string() == "ERR_SCHEMA_VALIDATION_FAILED");
    std::string codes;
    for (int i = 0; i < 15; ++i) codes += (i > 0 ? "," : "") + std::string(40, static_cast<char>('a' + i));
    CHECK(fake.handle(authed("GET", "/api/v2/deals?custom_fields=" + codes)).status == 200);
    CHECK(fake.handle(authed("GET", "/api/v2/deals?custom_fields=" + codes + "," + std::string(40, 'z'))).status == 400);
}
