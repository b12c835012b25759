// Every JSON document sellerscore produces prints numbers as their shortest round-trip decimal.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <limits>

#include "plugin/model/json_text.hpp"

using sellerscore::model::json_text;
using sellerscore::model::number_text;

TEST_CASE("a double prints as its shortest round-trip decimal, not in scientific form") {
    CHECK(number_text(41.3) == "41.3");
    CHECK(number_text(0.4) == "0.4");
    CHECK(number_text(0.1 + 0.2) == "0.30000000000000004");
    CHECK(number_text(-2.5) == "-2.5");
}

TEST_CASE("an integral double prints as an integer, so counts read as counts") {
    CHECK(number_text(132.0) == "132");
    CHECK(number_text(0.0) == "0");
    CHECK(number_text(-0.0) == "0");
    CHECK(number_text(1500.0) == "1500");
}

TEST_CASE("very large and very small values keep a valid JSON exponent") {
    CHECK(number_text(1e21) == "1e+21");
    CHECK(number_text(1e-7) == "1e-07");
    CHECK(boost::json::parse(number_text(1e-7)).to_number<double>() == 1e-7);
}

TEST_CASE("what JSON cannot hold prints as null") {
    CHECK(number_text(std::numeric_limits<double>::quiet_NaN()) == "null");
    CHECK(number_text(std::numeric_limits<double>::infinity()) == "null");
}

TEST_CASE("a document is compact, keeps key order, escapes strings and prints its numbers readably") {
    const boost::json::value doc = {{"b", 41.3}, {"a", {1.0, 2.5, nullptr, true}}, {"s", "say \"hi\"\n"},
                                    {"n", 7}, {"empty", boost::json::object()}};
    CHECK(json_text(doc) == R"({"b":41.3,"a":[1,2.5,null,true],"s":"say \"hi\"\n","n":7,"empty":{}})");
}
