#include <catch2/catch.hpp>

#include "connectors/hubspot/sync_cursor.hpp"

using namespace sellerscore;
using namespace sellerscore::connectors::hubspot;

TEST_CASE("a cursor reads back as written") {
    SyncCursor cursor;
    cursor.marks[ObjectType::deals] = 1772366400250;
    cursor.marks[ObjectType::contacts] = 17;
    cursor.live[ObjectType::deals] = 3;
    cursor.owners = "00ff";
    cursor.pipelines = "abcd";
    const std::string text = cursor.to_text();
    CHECK(text == R"({"v":1,"contacts":17,"deals":1772366400250,"owners":"00ff","pipelines":"abcd","live":{"deals":3}})");
    const auto back = SyncCursor::parse(text);
    REQUIRE(back);
    CHECK(*back == cursor);
    CHECK(back->mark(ObjectType::calls) == 0);
}

TEST_CASE("a cursor of another connector or version is rejected") {
    CHECK(SyncCursor::parse("seq:12").status().code() == StatusCode::invalid_argument);
    CHECK_FALSE(SyncCursor::parse(R"({"v":2,"owners":"","pipelines":""})"));
    CHECK_FALSE(SyncCursor::parse(R"({"v":1,"deals":"x","owners":"","pipelines":""})"));
}
