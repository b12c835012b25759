// Every fault the fake Pipedrive can play, met by a full read that still returns every record.
#include <catch2/catch.hpp>

#include "pipedrive_fixture.hpp"

using namespace sellerscore;
using namespace sellerscore::pipedrive_testing;

namespace {

void check_read_survives(fakes::FakePipedriveFault fault, int times, std::chrono::milliseconds delay = {}) {
    PipedriveFixture f;
    const model::Dataset expected = f.fake.seed(demo_dataset());
    f.fake.inject(fault, times, "/api/v2/deals", delay);
    auto connector = f.connector();
    CollectingSink sink;
    const auto cursor = connector->read("", sink);
    REQUIRE(cursor);
    CHECK(f.fake.faults_pending() == 0);
    CHECK(RecordLines(sink.records).deals == RecordLines(expected).deals);
    CHECK(RecordLines(sink.records).stage_changes == RecordLines(expected).stage_changes);
    // A close on a kept-alive connection is replayed on a fresh one without counting as a retry.
    const int at_least = fault == fakes::FakePipedriveFault::delay_response          ? 0
                         : fault == fakes::FakePipedriveFault::close_before_response ? 1
                                                                                      : times;
    CHECK(connector->transfer_stats().retries >= static_cast<std::uint64_t>(at_least));
}

}  // namespace

TEST_CASE("502 and 503 answers are retried") { check_read_survives(fakes::FakePipedriveFault::http_5xx, 2); }

TEST_CASE("a connection closed before the answer is retried") {
    check_read_survives(fakes::FakePipedriveFault::close_before_response, 2);
}

TEST_CASE("a truncated body is retried not parsed") { check_read_survives(fakes::FakePipedriveFault::truncate_body, 2); }

TEST_CASE("a slow answer is waited for") {
    check_read_survives(fakes::FakePipedriveFault::delay_response, 1, std::chrono::milliseconds(100));
}

TEST_CASE("a burst 429 is waited out and retried") { check_read_survives(fakes::FakePipedriveFault::rate_limit_429, 2); }


TEST_CASE("a PATCH answered 5xx or 429 was not applied and is sent again exactly once") {
    PipedriveFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    REQUIRE(connector->ensure_fields(catalog_fields()));
    f.fake.inject(fakes::FakePipedriveFault::http_5xx, 2, "/api/v2/deals/");
    f.fake.inject(fakes::FakePipedriveFault::rate_limit_429, 1, "/api/v2/deals/");
    std::vector<connectors::FieldWrite> writes;
    for (std::size_t i = 0; i < 10; ++i) {
        writes.push_back({connectors::RecordObject::deal, seeded.deals[i].id, "seller_score",
                          connectors::FieldValue(static_cast<double>(i))});
    }
    const auto report = connector->write(writes);
    REQUIRE(report);
    CHECK(report->written == 10);
    CHECK(report->failures.empty());
    CHECK(f.fake.faults_pending() == 0);
    CHECK(f.fake.total_field_writes() == 10);
    CHECK(f.fake.fields_written_more_than_once() == 0);
}

TEST_CASE("a read paced by the rate headers stays inside the burst window") {
    PipedriveFixture f;
    f.fake.seed(demo_dataset(300, 3000));
    auto connector = f.sequential_connector();
    CollectingSink sink;
    REQUIRE(connector->read("", sink));
    CHECK(f.fake.peak_window_count() <= 40);
    CHECK(f.fake.rate_limited_count() == 0);
    CHECK(connector->transfer_stats().rate_limited == 0);
}
