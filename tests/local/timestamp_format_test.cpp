#include <catch2/catch.hpp>

#include "plugin/model/timestamp_format.hpp"

using sellerscore::model::format_rfc3339;
using sellerscore::model::parse_rfc3339;
using sellerscore::model::utc_day_number;
using sellerscore::model::utc_midnight;

// 2026-03-01 is day 20513 since 1970-01-01: 56 years (14 leap days: 1972..2024) = 20454 days,
// plus Jan (31) and Feb (28) of 2026 = 20513.
constexpr std::int64_t march_first_2026 = 20513LL * 86400;

TEST_CASE("an RFC 3339 UTC time parses to seconds since the epoch") {
    CHECK(parse_rfc3339("1970-01-01T00:00:00Z") == 0);
    CHECK(parse_rfc3339("2026-03-01T12:00:00Z") == march_first_2026 + 12 * 3600);
}

TEST_CASE("a positive offset is subtracted to reach UTC") {
    CHECK(parse_rfc3339("2026-03-01T12:00:00+02:00") == march_first_2026 + 10 * 3600);
}

TEST_CASE("a negative offset can move the instant to the next UTC day") {
    CHECK(parse_rfc3339("2026-02-28T20:30:00-05:30") == march_first_2026 + 2 * 3600);
}

TEST_CASE("fractional seconds are dropped") {
    CHECK(parse_rfc3339("2026-03-01T12:00:00.999Z") == march_first_2026 + 12 * 3600);
    CHECK(parse_rfc3339("1969-12-31T23:59:59.5Z") == -1);
}

TEST_CASE("lower-case t and z are accepted") {
    CHECK(parse_rfc3339("2026-03-01t12:00:00z") == march_first_2026 + 12 * 3600);
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

TEST_CASE("formatting writes UTC at second resolution") {
    CHECK(format_rfc3339(0) == "1970-01-01T00:00:00Z");
    CHECK(format_rfc3339(march_first_2026 + 12 * 3600 + 34 * 60 + 56) == "2026-03-01T12:34:56Z");
    CHECK(format_rfc3339(-1) == "1969-12-31T23:59:59Z");
}

TEST_CASE("the UTC day number floors before 1970") {
    CHECK(utc_day_number(0) == 0);
    CHECK(utc_day_number(86399) == 0);
    CHECK(utc_day_number(86400) == 1);
    CHECK(utc_day_number(-1) == -1);
    CHECK(utc_day_number(-86400) == -1);
    CHECK(utc_day_number(-86401) == -2);
}

TEST_CASE("utc_midnight gives the first second of a calendar day") {
    CHECK(utc_midnight(1970, 1, 1) == 0);
    CHECK(utc_midnight(2026, 3, 1) == march_first_2026);
    CHECK(utc_midnight(1969, 12, 31) == -86400);
}
