#include <catch2/catch.hpp>

#include "connectors/hubspot/property_value.hpp"

using namespace sellerscore;
using namespace sellerscore::connectors;
using namespace sellerscore::connectors::hubspot;

TEST_CASE("datetimes read as ISO with milliseconds or as epoch milliseconds") {
    // 2026-03-01T12:00:00Z = 1772366400 s
    CHECK(parse_time_ms("2026-03-01T12:00:00.250Z") == std::optional<std::int64_t>(1772366400250));
    CHECK(parse_time_ms("2026-03-01T12:00:00Z") == std::optional<std::int64_t>(1772366400000));
    CHECK(parse_time_ms("2026-03-01T12:00:00.5Z") == std::optional<std::int64_t>(1772366400500));
    CHECK(parse_time_ms("1772366400250") == std::optional<std::int64_t>(1772366400250));
    CHECK(parse_time("1772366400999") == std::optional<model::Timestamp>(1772366400999));
    CHECK_FALSE(parse_time_ms(""));
    CHECK_FALSE(parse_time_ms("yesterday"));
}

TEST_CASE("HubSpot time text has milliseconds and a Z") {
    CHECK(format_time_ms(1772366400250) == "2026-03-01T12:00:00.250Z");
    CHECK(format_time_ms(0) == "1970-01-01T00:00:00.000Z");
}

TEST_CASE("numbers are written as the shortest exact decimal without exponent") {
    CHECK(format_number(87.5) == std::optional<std::string>("87.5"));
    CHECK(format_number(0.1) == std::optional<std::string>("0.1"));
    CHECK(format_number(12) == std::optional<std::string>("12"));
    CHECK(format_number(-3.25) == std::optional<std::string>("-3.25"));
    CHECK(format_number(1e-7) == std::optional<std::string>("0.0000001"));
    CHECK(format_number(1e21) == std::optional<std::string>("1000000000000000000000"));
    CHECK_FALSE(format_number(std::numeric_limits<double>::quiet_NaN()));
    CHECK_FALSE(format_number(std::numeric_limits<double>::infinity()));
    const double third = 1.0 / 3.0;
    CHECK(parse_number(*format_number(third)) == std::optional<double>(third));
}

TEST_CASE("held values parse by kind and empty or garbage text is no value") {
    CHECK(held_value_of(PropertyKind::number, "87.5") == FieldValue(87.5));
    CHECK(std::holds_alternative<std::monostate>(held_value_of(PropertyKind::number, "")));
    CHECK(std::holds_alternative<std::monostate>(held_value_of(PropertyKind::number, "abc")));
    CHECK(held_value_of(PropertyKind::enumeration, "A") == FieldValue(std::string("A")));
    CHECK(held_value_of(PropertyKind::datetime, "1772366400000") == FieldValue(std::string("2026-03-01T12:00:00Z")));
}

TEST_CASE("values to write are strings and null clears") {
    CHECK(property_text_of(PropertyKind::number, FieldValue(0.875)).value() == "0.875");
    CHECK(property_text_of(PropertyKind::number, FieldValue()).value().empty());
    CHECK(property_text_of(PropertyKind::enumeration, FieldValue(std::string("B"))).value() == "B");
    CHECK(property_text_of(PropertyKind::datetime, FieldValue(std::string("2026-03-01T14:00:00+02:00"))).value() ==
          "2026-03-01T12:00:00.000Z");
    CHECK_FALSE(property_text_of(PropertyKind::number, FieldValue(std::string("high"))));
    CHECK_FALSE(property_text_of(PropertyKind::datetime, FieldValue(std::string("soon"))));
    CHECK_FALSE(property_text_of(PropertyKind::number, FieldValue(std::numeric_limits<double>::infinity())));
}
