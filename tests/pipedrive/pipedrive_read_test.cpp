// Full and incremental reads against the fake Pipedrive over TLS.
#include <catch2/catch.hpp>

#include <set>

#include "pipedrive_fixture.hpp"

using namespace sellerscore;
using namespace sellerscore::pipedrive_testing;

namespace {

void check_same_records(const model::Dataset& read, const model::Dataset& expected) {
    const RecordLines got(read);
    const RecordLines want(expected);
    CHECK(got.sellers == want.sellers);
    CHECK(got.stages == want.stages);
    CHECK(got.contacts == want.contacts);
    CHECK(got.deals == want.deals);
    CHECK(got.stage_changes == want.stage_changes);
    CHECK(got.activities == want.activities);
}

}  // namespace

TEST_CASE("a full read returns exactly the seeded records") {
    PipedriveFixture f;
    const model::Dataset expected = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    CollectingSink sink;
    const auto cursor = connector->read("", sink);
    REQUIRE(cursor);
    check_same_records(sink.records, expected);
    CHECK(sink.records.spend.empty());
    CHECK(sink.removed.empty());
}

TEST_CASE("the seeded dataset has every record type the read is checked on") {
    PipedriveFixture f;
    const model::Dataset expected = f.fake.seed(demo_dataset());
    CHECK(expected.deals.size() == 140);
    CHECK(expected.stage_changes.size() > expected.deals.size());
    CHECK(expected.activities.size() > 500);
    CHECK(expected.contacts.size() == 180);
}

TEST_CASE("deals are read 500 to a page and every deal that changed stage costs one changelog call") {
    PipedriveFixture f;
    const model::Dataset expected = f.fake.seed(demo_dataset());
    std::set<std::string> moved;  // deals whose history has more than their first stage and the close
    std::map<std::string, int> entries;
    for (const auto& change : expected.stage_changes) ++entries[change.deal_id];
    for (const auto& deal : expected.deals) {
        const int closing = deal.status == model::DealStatus::open ? 0 : 1;
        if (entries[deal.id] - closing > 1) moved.insert(deal.id);
    }
    auto connector = f.sequential_connector();
    CollectingSink sink;
    REQUIRE(connector->read("", sink));
    CHECK(f.fake.request_count("GET /api/v2/deals") == 1);
    CHECK(f.fake.request_count("GET /api/v1/deals/{id}/changelog") == moved.size());
    CHECK(f.fake.request_count("GET /api/v1/deals/{id}/flow") == 0);
    CHECK(connector->tokens_spent() == f.fake.tokens_spent());
}

TEST_CASE("the cursor after a read equals the current cursor and a read from it finds nothing") {
    PipedriveFixture f;
    f.fake.seed(demo_dataset());
    auto connector = f.connector();
    CollectingSink first;
    const auto cursor = connector->read("", first);
    REQUIRE(cursor);
    const auto current = connector->current_cursor();
    REQUIRE(current);
    CHECK(*current == *cursor);
    CollectingSink again;
    const auto next = connector->read(*cursor, again);
    REQUIRE(next);
    CHECK(*next == *cursor);
    CHECK(again.records.record_count() == 0);
    CHECK(again.removed.empty());
}

TEST_CASE("an incremental read returns what a user changed deleted or archived") {
    PipedriveFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    CollectingSink first;
    const auto cursor = connector->read("", first);
    REQUIRE(cursor);

    f.clock.advance(std::chrono::seconds(5));
    const model::Deal& touched = seeded.deals[3];
    const model::Deal& deleted = seeded.deals[4];
    const model::Deal& archived = seeded.deals[5];
    REQUIRE(f.fake.touch("deals", std::stoll(touched.id), {{"value", "4321"}}));
    REQUIRE(f.fake.delete_deal(std::stoll(deleted.id)));
    REQUIRE(f.fake.archive_deal(std::stoll(archived.id)));
    const auto added = f.fake.add_activity("call", std::stoll(seeded.sellers[0].id), true, seeded.deals[0].created_at / model::ms_per_second + 60);
    REQUIRE(added);

    CollectingSink second;
    const auto next = connector->read(*cursor, second);
    REQUIRE(next);
    CHECK(*next != *cursor);
    std::set<std::string> deal_ids;
    for (const auto& deal : second.records.deals) deal_ids.insert(deal.id);
    CHECK(deal_ids == std::set<std::string>{touched.id, archived.id});
    for (const auto& deal : second.records.deals) {
        if (deal.id == touched.id) CHECK(deal.amount == 4321.0);
    }
    // Each deal comes with its whole history again.
    std::size_t expected_history = 0;
    for (const auto& change : seeded.stage_changes) {
        if (change.deal_id == touched.id || change.deal_id == archived.id) ++expected_history;
    }
    CHECK(second.records.stage_changes.size() == expected_history);
    REQUIRE(second.removed.size() == 1);
    CHECK(second.removed[0].type == model::RecordType::deal);
    CHECK(second.removed[0].id == deleted.id);
    REQUIRE(second.records.activities.size() == 1);
    CHECK(second.records.activities[0].id == "activity:" + std::to_string(*added));
    CHECK(second.records.contacts.empty());
    CHECK(second.records.sellers.empty());
    CHECK(second.records.stages.empty());

    const auto current = connector->current_cursor();
    REQUIRE(current);
    CHECK(*current == *next);
}

TEST_CASE("a company whose default currency is USD keeps its amounts without a currency setting") {
    fakes::FakePipedriveOptions options = PipedriveFixture::fake_options();
    options.currency = "USD";
    PipedriveFixture f(options);
    const model::Dataset expected = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    CollectingSink sink;
    REQUIRE(connector->read("", sink));
    check_same_records(sink.records, expected);
    std::size_t with_amount = 0;
    for (const auto& deal : sink.records.deals) with_amount += deal.amount.has_value() ? 1 : 0;
    CHECK(with_amount == sink.records.deals.size());
    for (const auto& line : f.log_lines) CHECK(line.find("currency other than") == std::string::npos);
}

TEST_CASE("the home currency setting overrides the company's default currency") {
    fakes::FakePipedriveOptions options = PipedriveFixture::fake_options();
    options.currency = "USD";
    PipedriveFixture f(options);
    const model::Dataset expected = f.fake.seed(demo_dataset());
    pd::PipedriveSettings settings = f.settings();
    settings.home_currency = "EUR";
    settings.fx_rates["USD"] = 0.5;
    auto connector = f.connector(settings);
    CollectingSink sink;
    REQUIRE(connector->read("", sink));
    // Every amount is the USD value at 0.5 EUR per USD.
    std::map<std::string, double> usd;
    for (const auto& deal : expected.deals) usd[deal.id] = deal.amount.value_or(0.0);
    REQUIRE_FALSE(sink.records.deals.empty());
    for (const auto& deal : sink.records.deals) {
        INFO(deal.id);
        REQUIRE(deal.amount.has_value());
        CHECK(*deal.amount == usd.at(deal.id) * 0.5);
    }
}

TEST_CASE("an activity not marked done is read with outcome canceled at its due time") {
    PipedriveFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    CollectingSink first;
    const auto cursor = connector->read("", first);
    REQUIRE(cursor);
    std::size_t canceled = 0;
    for (const auto& activity : first.records.activities) canceled += activity.outcome == model::Outcome::canceled;
    std::size_t expected_canceled = 0;
    for (const auto& activity : seeded.activities) expected_canceled += activity.outcome == model::Outcome::canceled;
    CHECK(expected_canceled > 0);
    CHECK(canceled == expected_canceled);

    f.clock.advance(std::chrono::seconds(5));
    // due_date and due_time ("HH:MM") hold whole minutes (the fake takes epoch seconds).
    const std::int64_t due_s = (seeded.deals[0].created_at / model::ms_per_second / 60 + 60) * 60;
    const auto added = f.fake.add_activity("meeting", std::stoll(seeded.sellers[1].id), false, due_s);
    REQUIRE(added);
    CollectingSink second;
    REQUIRE(connector->read(*cursor, second));
    REQUIRE(second.records.activities.size() == 1);
    const model::Activity& meeting = second.records.activities[0];
    CHECK(meeting.id == "activity:" + std::to_string(*added));
    CHECK(meeting.type == model::ActivityType::meeting);
    CHECK(meeting.at == due_s * model::ms_per_second);
    CHECK(meeting.outcome == model::Outcome::canceled);
    CHECK(second.removed.empty());
}

TEST_CASE("call outcomes come from the call logs, 50 to a page, read only when a call is read") {
    PipedriveFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    // Calls with an outcome the API user (the first seller) made: each has a call log.
    const std::string api_user = seeded.sellers.front().id;
    std::size_t logged = 0, connected = 0;
    for (const auto& activity : seeded.activities) {
        if (activity.type != model::ActivityType::call || activity.owner_id != api_user || !activity.outcome) continue;
        ++logged;
        connected += activity.outcome == model::Outcome::connected;
    }
    REQUIRE(logged > 50);
    REQUIRE(connected > 0);
    auto connector = f.connector();
    CollectingSink first;
    const auto cursor = connector->read("", first);
    REQUIRE(cursor);
    CHECK(f.fake.request_count("GET /api/v1/callLogs") == (logged + 49) / 50);
    std::size_t read_connected = 0;
    for (const auto& activity : first.records.activities) {
        if (activity.type == model::ActivityType::call && activity.outcome == model::Outcome::connected) ++read_connected;
    }
    CHECK(read_connected == connected);

    // Nothing changed: no call is read, so the call logs are not either.
    CollectingSink second;
    REQUIRE(connector->read(*cursor, second));
    CHECK(f.fake.request_count("GET /api/v1/callLogs") == (logged + 49) / 50);
}

TEST_CASE("an incremental read sends every list's updated_since in the format Pipedrive documents") {
    // The strict fake refuses anything else with a 400: notes take RFC 3339 too, not v1's spelling.
    PipedriveFixture f;
    f.fake.seed(demo_dataset());
    auto connector = f.connector();
    CollectingSink first;
    const auto cursor = connector->read("", first);
    REQUIRE(cursor);
    f.clock.advance(std::chrono::seconds(5));
    CollectingSink second;
    const auto next = connector->read(*cursor, second);
    INFO((next ? std::string() : next.status().message()));
    REQUIRE(next);
    CHECK(second.records.activities.empty());
    CHECK(f.fake.request_count("GET /api/v1/notes") == 2);
}
