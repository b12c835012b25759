// Which failure a sync that finished with values not written exits by (docs/operations.md "A sync
// that finishes with values not written"): a permission over a refused value over a rate limit,
// and the first reason of the worst kind.
#include <catch2/catch.hpp>

#include "plugin/src/write_failure_tally.hpp"

using sellerscore::Status;
using sellerscore::StatusCode;
using sellerscore::plugin::WriteFailureTally;

TEST_CASE("a tally with nothing added has no worst failure") {
    WriteFailureTally tally;
    CHECK(tally.values() == 0);
    CHECK_FALSE(tally.worst().has_value());
}

TEST_CASE("a refused value outranks values left for a spent budget, whatever the order") {
    WriteFailureTally tally;
    tally.add(Status(StatusCode::rate_limited, "daily limit"), 40);
    tally.add(Status::data("deal 7: VALIDATION_ERROR"));
    tally.add(Status::data("deal 9: VALIDATION_ERROR"));
    tally.add(Status(StatusCode::rate_limited, "daily limit again"), 2);
    CHECK(tally.values() == 44);
    REQUIRE(tally.worst().has_value());
    CHECK(tally.worst()->code() == StatusCode::data);
    CHECK(tally.worst()->message() == "deal 7: VALIDATION_ERROR");
}

TEST_CASE("a permission refused outranks a refused value") {
    WriteFailureTally tally;
    tally.add(Status::data("deal 7: VALIDATION_ERROR"));
    tally.add(Status(StatusCode::permission, "deal 8: INSUFFICIENT_ACCESS"));
    tally.add(Status(StatusCode::auth, "deal 9: token refused"));
    REQUIRE(tally.worst().has_value());
    CHECK(tally.worst()->code() == StatusCode::permission);
    CHECK(tally.worst()->message() == "deal 8: INSUFFICIENT_ACCESS");
}

TEST_CASE("a per-value failure neither of credentials nor temporary counts as a refused value (data)") {
    WriteFailureTally tally;
    tally.add(Status(StatusCode::network, "answer lost"));
    tally.add(Status::invalid_argument("no such field"));
    REQUIRE(tally.worst().has_value());
    CHECK(tally.worst()->code() == StatusCode::data);
    CHECK(tally.worst()->message() == "no such field");
}

TEST_CASE("a failure after the writes counts no values but still decides the exit") {
    WriteFailureTally tally;
    tally.add(Status(StatusCode::rate_limited, "cursor: REQUEST_LIMIT_EXCEEDED"), 0);
    CHECK(tally.values() == 0);
    REQUIRE(tally.worst().has_value());
    CHECK(tally.worst()->code() == StatusCode::rate_limited);
}
