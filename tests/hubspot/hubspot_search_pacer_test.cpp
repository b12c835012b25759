// HubSpot's search limit: 4 searches per token per rolling second, reported in no header.
#include <catch2/catch.hpp>

#include <atomic>

#include "hubspot_fixture.hpp"
#include "connectors/hubspot/search_pacer.hpp"

using namespace sellerscore;
using namespace sellerscore::hubspot_testing;
using std::chrono::milliseconds;

namespace {

using TimePoint = std::chrono::steady_clock::time_point;

// Starts one search, lets it take `took` on the wire, and says when it started.
TimePoint search(SharedFakeClock& clock, hs::SearchPacer& pacer, milliseconds took, bool answered_429 = false) {
    pacer.start();
    const TimePoint started = clock.now();
    clock.advance(took);
    pacer.finish(answered_429);
    return started;
}

}  // namespace

TEST_CASE("a search starts no sooner than a window and the margin after the answer of the search four before it") {
    SharedFakeClock clock;
    hs::SearchPacer pacer(clock, 4, milliseconds(1'000), milliseconds(50));
    // The first search is slow: it may have reached HubSpot just before its answer, at t0 + 300 ms.
    const TimePoint t0 = search(clock, pacer, milliseconds(300));
    for (int i = 0; i < 3; ++i) search(clock, pacer, milliseconds(0));
    const TimePoint fifth = search(clock, pacer, milliseconds(0));
    // Spacing alone (250 ms) would have let it go at t0 + 1000 ms, inside HubSpot's window of the first.
    CHECK(fifth - t0 == milliseconds(300 + 1'000 + 50));
}

TEST_CASE("a new pacer lets its first search go a window and the margin after it was made") {
    // The previous sync with the same token may have made four searches just before this one started.
    SharedFakeClock clock;
    const TimePoint made = clock.now();
    hs::SearchPacer pacer(clock, 4, milliseconds(1'000), milliseconds(50));
    const TimePoint first = search(clock, pacer, milliseconds(0));
    CHECK(first - made == milliseconds(1'050));
}

TEST_CASE("searches are spaced a quarter of the window apart") {
    SharedFakeClock clock;
    hs::SearchPacer pacer(clock, 4, milliseconds(1'000), milliseconds(50));
    const TimePoint first = search(clock, pacer, milliseconds(0));
    const TimePoint second = search(clock, pacer, milliseconds(0));
    CHECK(second - first == milliseconds(250));
}

TEST_CASE("after a 429 no search starts until a whole window and the margin have passed") {
    SharedFakeClock clock;
    hs::SearchPacer pacer(clock, 4, milliseconds(1'000), milliseconds(50));
    const TimePoint limited = search(clock, pacer, milliseconds(20), true);
    const TimePoint retry = search(clock, pacer, milliseconds(0));
    CHECK(retry - limited == milliseconds(20 + 1'000 + 50));
}

TEST_CASE("a sync at HubSpot's real search limit with network jitter gets no 429") {
    // The fake at HubSpot's numbers: 4 searches per rolling second; requests reach it after a
    // delay that varies (0 or 120 ms), which is what made evenly spaced searches collide.
    fakes::FakeHubSpotOptions options = HubSpotFixture::fake_options();
    options.search_per_second = 4;
    options.search_interval = milliseconds(1'000);
    HubSpotFixture f(options);
    std::atomic<int> requests{0};
    f.on_arrival = [&f, &requests] {
        if (requests++ % 4 == 0) f.clock.advance(milliseconds(120));
    };
    f.fake.seed(demo_dataset());
    hs::HubSpotSettings settings = f.settings();
    settings.search_per_second = 4;
    auto connector = f.connector(settings);
    CollectingSink full;
    auto cursor = connector->read("", full);
    REQUIRE(cursor);
    for (int run = 0; run < 3; ++run) {
        const auto ids = f.fake.object_ids("deals");
        REQUIRE(f.fake.touch("deals", ids[static_cast<std::size_t>(run)], {{"amount", std::to_string(100 + run)}}));
        CollectingSink changes;
        cursor = connector->read(*cursor, changes);
        REQUIRE(cursor);
    }
    std::uint64_t searches = 0;
    for (const auto& [route, count] : f.fake.request_counts())
        if (route.ends_with("/search")) searches += count;
    CHECK(searches >= 40);
    CHECK(f.fake.rate_limited_count() == 0);
    CHECK(connector->stats().status_429 == 0);
}
