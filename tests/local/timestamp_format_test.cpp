#include <catch2/catch.hpp>

#include "plugin/model/timestamp_format.hpp"

using sellerscore::model::format_rfc3339;
using sellerscore::model::parse_rfc3339;
using sellerscore::model::utc_day_number;
using sellerscore::model::utc_midnight;

// Model instants are milliseconds since the epoch.
constexpr std::int64_t second = 1'000;
constexpr std::int64_t minute = 60 * second;
constexpr std::int64_t hour = 60 * minute;
constexpr std::int64_t day = 24 * hour;

// 2026-03-01 is day 20513 since 1970-01-01: 56 years (14 leap days: 1972..2024) = 20454 days,
// plus Jan (31) and Feb (28) of 2026 = 20513.
constexpr std::int64_t march_first_2026 = 20513LL * day;

TEST_CASE("an RFC 3339 UTC time parses to milliseconds since the epoch") {
    CHECK(parse_rfc3339("1970-01-01T00:00:00Z") == 0);
    CHECK(parse_rfc3339("1970-01-01T00:00:01Z") == 1'000);
    CHECK(parse_rfc3339("2026-03-01T12:00:00Z") == march_first_2026 + 12 * hour);
}

TEST_CASE("a positive offset is subtracted to reach UTC") {
    CHECK(parse_rfc3339("2026-03-01T12:00:00+02:00") == march_first_2026 + 10 * hour);
}

TEST_CASE("a negative offset can move the instant to the next UTC day") {
    CHECK(parse_rfc3339("2026-02-28T20:30:00-05:30") == march_first_2026 + 2 * hour);
}

TEST_CASE("milliseconds are kept") {
    CHECK(parse_rfc3339("2026-03-01T12:00:00.999Z") == march_first_2026 + 12 * hour + 999);
    CHECK(parse_rfc3339("2026-03-01T12:00:00.25Z") == march_first_2026 + 12 * hour + 250);
    CHECK(parse_rfc3339("2026-03-01T12:00:00.3+01:00") == march_first_2026 + 11 * hour + 300);
}

TEST_CASE("digits finer than the millisecond are dropped towards the past") {
    CHECK(parse_rfc3339("2026-03-01T12:00:00.123999Z") == march_first_2026 + 12 * hour + 123);
    // 23:59:59.5 on the last day of 1969 is 500 ms before the epoch.
    CHECK(parse_rfc3339("1969-12-31T23:59:59.5Z") == -500);
    CHECK(parse_rfc3339("1969-12-31T23:59:59.0001Z") == -1'000);
}

TEST_CASE("lower-case t and z are accepted") {
    CHECK(parse_rfc3339("2026-03-01t12:00:00z") == march_first_2026 + 12 * hour);
}

TEST_CASE("impossible dates and times are rejected") {
    CHECK_FALSE(parse_rfc3339("2026-02-29T00:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-02-30T00:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-04-31T00:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-13-01T00:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-00-10T00:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-03-01T24:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-03-01T12:60:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-03-01T12:00:00+24:00"));
}

TEST_CASE("February 29 exists in leap years only") {
    CHECK(parse_rfc3339("2024-02-29T00:00:00Z"));
    CHECK(parse_rfc3339("2000-02-29T00:00:00Z"));
    CHECK_FALSE(parse_rfc3339("1900-02-29T00:00:00Z"));
}

TEST_CASE("malformed time text is rejected") {
    CHECK_FALSE(parse_rfc3339(""));
    CHECK_FALSE(parse_rfc3339("2026-03-01"));
    CHECK_FALSE(parse_rfc3339("2026-03-01 12:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-03-01T12:00:00"));
    CHECK_FALSE(parse_rfc3339("2026-03-01T12:00:00.Z"));
    CHECK_FALSE(parse_rfc3339("2026-03-01T12:00:00Z "));
    CHECK_FALSE(parse_rfc3339("2026-3-01T12:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-03-01T12:00:00+0200"));
}

TEST_CASE("formatting writes UTC, with milliseconds only when the instant has them") {
    CHECK(format_rfc3339(0) == "1970-01-01T00:00:00Z");
    CHECK(format_rfc3339(march_first_2026 + 12 * hour + 34 * minute + 56 * second) == "2026-03-01T12:34:56Z");
    CHECK(format_rfc3339(march_first_2026 + 12 * hour + 34 * minute + 56 * second + 7) == "2026-03-01T12:34:56.007Z");
    CHECK(format_rfc3339(-1'000) == "1969-12-31T23:59:59Z");
    CHECK(format_rfc3339(-1) == "1969-12-31T23:59:59.999Z");
}

TEST_CASE("a formatted instant parses back to the same millisecond") {
    const std::int64_t instants[] = {march_first_2026 + 1, march_first_2026 + 999, -1, -day + 1, 4'102'444'799'999};
    for (const std::int64_t t : instants) {
        CHECK(parse_rfc3339(format_rfc3339(t)) == t);
    }
}

TEST_CASE("the UTC day number floors before 1970") {
    CHECK(utc_day_number(0) == 0);
    CHECK(utc_day_number(day - 1) == 0);
    CHECK(utc_day_number(day) == 1);
    CHECK(utc_day_number(-1) == -1);
    CHECK(utc_day_number(-day) == -1);
    CHECK(utc_day_number(-day - 1) == -2);
}

TEST_CASE("utc_midnight gives the first millisecond of a calendar day") {
    CHECK(utc_midnight(1970, 1, 1) == 0);
    CHECK(utc_midnight(2026, 3, 1) == march_first_2026);
    CHECK(utc_midnight(1969, 12, 31) == -day);
}
