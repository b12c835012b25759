// The daily token budget: a read or a write that would spend it stops cleanly before it does,
// keeps what it delivered, and the next run resumes from there.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "pipedrive_fixture.hpp"

using namespace sellerscore;
using namespace sellerscore::pipedrive_testing;
using connectors::FieldValue;
using connectors::FieldWrite;
using connectors::RecordObject;

namespace {

const std::string budget_message_start = "pipedrive: daily API token budget nearly spent (";
const std::string budget_message_end = " left); the sync resumes from here on the next run";

bool is_budget_stop(const Status& status) {
    const std::string& m = status.message();
    return status.code() == StatusCode::rate_limited && m.rfind(budget_message_start, 0) == 0 &&
           m.size() > budget_message_end.size() &&
           m.compare(m.size() - budget_message_end.size(), budget_message_end.size(), budget_message_end) == 0;
}

}  // namespace

TEST_CASE("a read stopped by the budget resumes from its checkpoint on a fresh connector") {
    PipedriveFixture f;
    const model::Dataset expected = f.fake.seed(demo_dataset());
    f.fake.set_daily_tokens_remaining(700);
    auto settings = f.settings();
    settings.daily_token_reserve = 100;

    CollectingSink first;
    {
        auto connector = f.connector(settings);
        const auto stopped = connector->read("", first);
        REQUIRE_FALSE(stopped);
        CHECK(is_budget_stop(stopped.status()));
    }
    // Stopped before the reserve: no call was refused by Pipedrive.
    CHECK(f.fake.daily_tokens_remaining() >= 100);
    CHECK(f.fake.rate_limited_count() == 0);
    REQUIRE_FALSE(first.last_checkpoint.empty());
    CHECK(first.records.deals.size() > 0);
    CHECK(first.records.deals.size() < expected.deals.size());

    f.fake.set_daily_tokens_remaining(300'000);
    CollectingSink second;
    auto resumed = f.connector(settings);
    const auto cursor = resumed->read(first.last_checkpoint, second);
    REQUIRE(cursor);

    // Together the two reads hold every seeded deal and activity once the later copy wins.
    std::map<std::string, std::string> deals;
    for (const auto* part : {&first.records, &second.records}) {
        for (const auto& deal : part->deals) deals[deal.id] = model::to_ndjson(deal);
    }
    std::map<std::string, std::string> want;
    for (const auto& deal : expected.deals) want[deal.id] = model::to_ndjson(deal);
    CHECK(deals == want);
    // The resumed read does not start over: the first chunk of deals is not read again.
    CHECK(second.records.deals.size() < expected.deals.size());
    CHECK(second.records.activities.size() == expected.activities.size());
}

TEST_CASE("a 429 saying the day's tokens are gone stops at once instead of hammering") {
    PipedriveFixture f;
    f.fake.seed(demo_dataset());
    f.fake.set_daily_tokens_remaining(0);
    auto connector = f.connector();
    CollectingSink sink;
    const auto read = connector->read("", sink);
    REQUIRE_FALSE(read);
    CHECK(is_budget_stop(read.status()));
    CHECK(f.fake.rate_limited_count() == 1);
    CHECK(f.fake.forbidden_count() == 0);
}

TEST_CASE("writes beyond the budget fail as rate limited and the next run writes only those") {
    PipedriveFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto settings = f.settings();
    settings.daily_token_reserve = 50;
    std::vector<FieldWrite> writes;
    for (std::size_t i = 0; i < 40; ++i) {
        writes.push_back({RecordObject::deal, seeded.deals[i].id, "seller_score", FieldValue(static_cast<double>(i))});
    }
    std::set<std::size_t> failed;
    {
        auto connector = f.connector(settings);
        REQUIRE(connector->ensure_fields(catalog_fields()));
        // 50 reserve + 20 PATCHes of 5 tokens; the first answer's header is what the budget learns from.
        f.fake.set_daily_tokens_remaining(50 + 20 * 5);
        const auto report = connector->write(writes);
        REQUIRE(report);
        CHECK(report->written + report->failures.size() == 40);
        CHECK(report->written >= 16);
        CHECK(report->written <= 20);
        for (const auto& failure : report->failures) {
            CHECK(is_budget_stop(failure.status));
            failed.insert(failure.index);
        }
    }
    CHECK(f.fake.rate_limited_count() == 0);

    f.fake.set_daily_tokens_remaining(300'000);
    std::vector<FieldWrite> rest;
    for (std::size_t i : failed) rest.push_back(writes[i]);
    auto next = f.connector(settings);
    const auto report = next->write(rest);
    REQUIRE(report);
    CHECK(report->written == rest.size());
    const auto code = f.fake.field_by_name("deals", "Seller score")->field_code;
    for (std::size_t i = 0; i < 40; ++i) {
        CHECK(f.fake.number_value("deals", std::stoll(seeded.deals[i].id), code) == static_cast<double>(i));
    }
    CHECK(f.fake.fields_written_more_than_once() == 0);
}
