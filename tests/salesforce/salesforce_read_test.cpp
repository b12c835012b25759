// Reads against the fake Salesforce over TLS: everything a faithful reader sees, incremental
// changes and deletions, the daily reserve stop and its resume.
#include <catch2/catch.hpp>

#include "connectors/salesforce/sync_cursor.hpp"
#include "salesforce_fixture.hpp"

using namespace sellerscore;
using namespace sellerscore::salesforce_testing;

TEST_CASE("A full read returns exactly what the org holds, mapped to the model", "[salesforce][read]") {
    SalesforceFixture f;
    const model::Dataset expected = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    CollectingSink sink;
    const auto cursor = connector->read("", sink);
    REQUIRE(cursor.is_ok());
    const RecordLines got(sink.records), want(expected);
    CHECK(got.sellers == want.sellers);
    CHECK(got.stages == want.stages);
    CHECK(got.contacts == want.contacts);
    CHECK(got.deals == want.deals);
    CHECK(got.stage_changes == want.stage_changes);
    CHECK(got.activities == want.activities);
}

TEST_CASE("Nothing changed: the cursor equals the read's; a change moves it", "[salesforce][read]") {
    SalesforceFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    CollectingSink sink;
    const auto cursor = connector->read("", sink);
    REQUIRE(cursor.is_ok());
    const auto again = connector->current_cursor();
    REQUIRE(again.is_ok());
    CHECK(*again == *cursor);
    f.clock.advance(std::chrono::seconds(1));
    REQUIRE(f.fake.touch("Opportunity", seeded.deals.front().id, {{"Amount", "999"}}).is_ok());
    const auto moved = connector->current_cursor();
    REQUIRE(moved.is_ok());
    CHECK(*moved != *cursor);
}

TEST_CASE("An incremental read returns the changed deal with its whole history, and deletions", "[salesforce][read]") {
    SalesforceFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    CollectingSink first;
    const auto cursor = connector->read("", first);
    REQUIRE(cursor.is_ok());

    const model::Deal& changed = seeded.deals.front();
    const std::string gone = seeded.deals.back().id;
    f.clock.advance(std::chrono::seconds(1));
    REQUIRE(f.fake.touch("Opportunity", changed.id, {{"Amount", "1234.5"}}).is_ok());
    REQUIRE(f.fake.remove("Opportunity", gone).is_ok());

    CollectingSink second;
    const auto next = connector->read(*cursor, second);
    REQUIRE(next.is_ok());
    REQUIRE(second.records.deals.size() == 1);
    CHECK(second.records.deals[0].id == changed.id);
    CHECK(second.records.deals[0].amount == Approx(1234.5));
    std::size_t history = 0;
    for (const auto& change : seeded.stage_changes) history += change.deal_id == changed.id ? 1 : 0;
    CHECK(second.records.stage_changes.size() == history);
    REQUIRE(second.removed.size() == 1);
    CHECK(second.removed[0].id == gone);
    CHECK(second.removed[0].type == model::RecordType::deal);
}

TEST_CASE("A read stops before the daily reserve, keeps its checkpoint, and the next run resumes",
          "[salesforce][read][limits]") {
    fakes::FakeSalesforceOptions options;
    // Pages of 100 rows: a whole read takes 49 calls. The reserve is 10 of 50, so the first read stops
    // after 40, part way through the activities; the resumed read needs its fixed 21 and the rest.
    options.batch_shortfall = 1900;
    options.daily_allocation = 50;
    SalesforceFixture f(options);
    const model::Dataset expected = f.fake.seed(demo_dataset());
    auto settings = f.settings();
    settings.bulk_threshold = 0;  // REST pages, each a checkpoint (no COUNT() before each object)
    CollectingSink stopped;
    {
        auto connector = f.connector(settings);
        const auto cursor = connector->read("", stopped);
        REQUIRE_FALSE(cursor.is_ok());
        CHECK(cursor.status().code() == StatusCode::rate_limited);
        const auto usage = connector->api_usage();
        REQUIRE(usage.has_value());
        CHECK(usage->second == 50);
        CHECK(usage->second - usage->first >= 10);  // the org's other integrations keep their 20%
    }
    CHECK(f.fake.api_usage() == 40);
    REQUIRE_FALSE(stopped.last_checkpoint.empty());
    // The next day: the allocation is back. Resuming reads only what the checkpoint had not covered.
    f.clock.advance(std::chrono::hours(25));
    auto connector = f.connector(settings);
    CollectingSink resumed;
    const auto cursor = connector->read(stopped.last_checkpoint, resumed);
    INFO(cursor.status().message());
    REQUIRE(cursor.is_ok());
    model::Dataset together = std::move(stopped.records);
    together.append(std::move(resumed.records));
    // Records read by both runs count once (the record cache replaces by id).
    const auto unique_lines = [](std::vector<std::string> lines) {
        lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
        return lines;
    };
    const RecordLines got(together), want(expected);
    CHECK(unique_lines(got.deals) == want.deals);
    CHECK(unique_lines(got.activities) == want.activities);
    CHECK(unique_lines(got.contacts) == want.contacts);
}
