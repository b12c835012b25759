// Every fault the fake can play: the read completes with the same records, and the retries show
// in the connector's stats.
#include <catch2/catch.hpp>

#include "hubspot_fixture.hpp"

using namespace sellerscore;
using namespace sellerscore::hubspot_testing;
using fakes::FakeHubSpotFault;

namespace {

struct FaultRun {
    connectors::http::ClientStats stats;
    bool same_records = false;
    int faults_left = -1;
};

FaultRun read_with(FakeHubSpotFault fault, std::chrono::milliseconds delay = std::chrono::milliseconds{0}) {
    HubSpotFixture f;
    const model::Dataset expected = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    f.fake.inject(fault, 3, "/crm/v3/objects/deals", delay);
    CollectingSink sink;
    const auto cursor = connector->read("", sink);
    INFO(cursor.status().message());
    REQUIRE(cursor);
    const RecordLines got(sink.records);
    const RecordLines want(expected);
    FaultRun run;
    run.stats = connector->stats();
    run.same_records = got.deals == want.deals && got.stage_changes == want.stage_changes &&
                       got.contacts == want.contacts && got.activities == want.activities;
    run.faults_left = f.fake.faults_pending();
    return run;
}

}  // namespace

TEST_CASE("a read through 5xx answers completes with the same records") {
    const FaultRun run = read_with(FakeHubSpotFault::http_5xx);
    CHECK(run.same_records);
    CHECK(run.faults_left == 0);
    CHECK(run.stats.status_5xx == 3);
    CHECK(run.stats.retries >= 3);
}

TEST_CASE("a read through dropped connections completes with the same records") {
    const FaultRun run = read_with(FakeHubSpotFault::close_before_response);
    CHECK(run.same_records);
    CHECK(run.faults_left == 0);
    // A close on a kept-alive connection may be taken for an idle close and replaced by the
    // transport without counting an attempt; the others are retries.
    CHECK(run.stats.transport_failures >= 1);
    CHECK(run.stats.retries >= 1);
}

TEST_CASE("a read through truncated bodies completes with the same records") {
    const FaultRun run = read_with(FakeHubSpotFault::truncate_body);
    CHECK(run.same_records);
    CHECK(run.faults_left == 0);
    CHECK(run.stats.transport_failures >= 3);
    CHECK(run.stats.retries >= 3);
}

TEST_CASE("a read through answers slower than the read timeout completes with the same records") {
    // The fixture's read timeout is 2 s; the fake answers these after 3 s.
    const FaultRun run = read_with(FakeHubSpotFault::delay_response, std::chrono::milliseconds(3'000));
    CHECK(run.same_records);
    CHECK(run.faults_left == 0);
    CHECK(run.stats.transport_failures >= 3);
    CHECK(run.stats.retries >= 3);
}

TEST_CASE("a read through forced 429 answers completes with the same records") {
    const FaultRun run = read_with(FakeHubSpotFault::rate_limit_429);
    CHECK(run.same_records);
    CHECK(run.faults_left == 0);
    CHECK(run.stats.status_429 == 3);
    CHECK(run.stats.retries >= 3);
}

TEST_CASE("a full read keeps under the rate limit without a single 429") {
    HubSpotFixture f;
    f.fake.seed(demo_dataset());
    auto connector = f.connector();
    CollectingSink sink;
    REQUIRE(connector->read("", sink));
    CHECK(f.fake.rate_limited_count() == 0);
    CHECK(f.fake.peak_window_count() <= 100);
    CHECK(connector->stats().status_429 == 0);
}
