// Retry-After in both of RFC 9110's forms.
#include <catch2/catch.hpp>

#include "connectors/http/retry_after.hpp"
#include "tests/http/fake_clock.hpp"

namespace http = sellerscore::connectors::http;
using std::chrono::milliseconds;

namespace {
const auto noon = http::testing::FakeClock::wall_start();  // Sun, 01 Mar 2026 12:00:00 GMT
}

TEST_CASE("Retry-After in seconds") {
    CHECK(http::parse_retry_after("120", noon) == milliseconds(120'000));
    CHECK(http::parse_retry_after(" 0 ", noon) == milliseconds(0));
}

TEST_CASE("Retry-After as an IMF-fixdate counts from the wall clock") {
    CHECK(http::parse_retry_after("Sun, 01 Mar 2026 12:02:00 GMT", noon) == milliseconds(120'000));
}

TEST_CASE("Retry-After in the obsolete RFC 850 and asctime forms") {
    CHECK(http::parse_retry_after("Sunday, 01-Mar-26 12:00:10 GMT", noon) == milliseconds(10'000));
    CHECK(http::parse_retry_after("Sun Mar  1 12:00:05 2026", noon) == milliseconds(5'000));
}

TEST_CASE("A Retry-After date in the past means retry now") {
    CHECK(http::parse_retry_after("Sat, 28 Feb 2026 12:00:00 GMT", noon) == milliseconds(0));
}

TEST_CASE("An unreadable Retry-After is ignored") {
    CHECK_FALSE(http::parse_retry_after("soon", noon).has_value());
    CHECK_FALSE(http::parse_retry_after("-5", noon).has_value());
    CHECK_FALSE(http::parse_retry_after("1.5", noon).has_value());
    CHECK_FALSE(http::parse_retry_after("Sun, 30 Feb 2026 12:00:00 GMT", noon).has_value());
    CHECK_FALSE(http::parse_retry_after("", noon).has_value());
}

TEST_CASE("A Retry-After date centuries ahead waits the longest wait instead of overflowing the clock") {
    // 4052-03-01 is past what a nanosecond system_clock holds (2262); found by the retry_after fuzzer.
    // The overflow wrapped to a past instant, so both read as "retry now". The wait is capped at
    // 10^9 s, as for "99999999999".
    CHECK(http::parse_retry_after("Sun, 01 Mar 4052 12:02:00 GMT", noon) == milliseconds(1'000'000'000'000));
    CHECK(http::parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", noon) == milliseconds(1'000'000'000'000));
}
