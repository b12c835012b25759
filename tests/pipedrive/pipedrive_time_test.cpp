// Pipedrive's time spellings.
#include <catch2/catch.hpp>

#include "connectors/pipedrive/pipedrive_time.hpp"

using namespace sellerscore::connectors::pipedrive;

// 2026-03-01T12:34:56Z = 20513 days * 86400 + 45296 s, in milliseconds.
constexpr sellerscore::model::Timestamp march_first_noonish = (20513LL * 86400 + 12 * 3600 + 34 * 60 + 56) * 1000;

TEST_CASE("v1 and v2 spellings of an instant read the same") {
    CHECK(parse_time("2026-03-01 12:34:56") == march_first_noonish);
    CHECK(parse_time("2026-03-01T12:34:56Z") == march_first_noonish);
    CHECK(parse_time("2026-03-01T12:34:56.789Z") == march_first_noonish + 789);
    CHECK_FALSE(parse_time("").has_value());
    CHECK_FALSE(parse_time("2026-02-30 00:00:00").has_value());
}

TEST_CASE("updated_since is written without a fraction in v2 and with a space in v1") {
    CHECK(format_v2_time(march_first_noonish) == "2026-03-01T12:34:56Z");
    CHECK(format_v1_time(march_first_noonish) == "2026-03-01 12:34:56");
    // Pipedrive's filters stop at the second: a sub-second part is dropped, never rounded up.
    CHECK(format_v2_time(march_first_noonish + 999) == "2026-03-01T12:34:56Z");
    CHECK(format_v1_time(march_first_noonish + 999) == "2026-03-01 12:34:56");
}

TEST_CASE("date fields hold the UTC day of an instant") {
    CHECK(format_date(march_first_noonish) == "2026-03-01");
    CHECK(parse_date("2026-03-01") == 20513LL * 86400 * 1000);
    CHECK_FALSE(parse_date("2026-03-01T00:00:00Z").has_value());
}

TEST_CASE("activity durations read as seconds") {
    CHECK(parse_duration("01:30") == 5400.0);
    CHECK(parse_duration("00:00:45") == 45.0);
    CHECK_FALSE(parse_duration("").has_value());
    CHECK_FALSE(parse_duration("1:30").has_value());
    CHECK_FALSE(parse_duration("00:75").has_value());
}
