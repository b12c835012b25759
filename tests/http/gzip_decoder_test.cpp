// Inflating Content-Encoding: gzip. The inputs were made with Python's gzip.compress(..., mtime=0).
#include <catch2/catch.hpp>

#include "connectors/http/gzip_decoder.hpp"

namespace http = sellerscore::connectors::http;
using sellerscore::StatusCode;

namespace {
const std::string hello("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\xcb\x48\xcd\xc9\xc9\x07\x00\x86\xa6\x10\x36\x05\x00\x00\x00", 25);
const std::string world("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\x53\x28\xcf\x2f\xca\x49\x01\x00\xcb\x42\x3b\x4a\x06\x00\x00\x00", 26);
}  // namespace

TEST_CASE("A gzip member inflates to its text") {
    auto inflated = http::decode_gzip(hello, 1000);
    REQUIRE(inflated.is_ok());
    CHECK(*inflated == "hello");
}

TEST_CASE("Concatenated gzip members inflate one after another") {
    auto inflated = http::decode_gzip(hello + world, 1000);
    REQUIRE(inflated.is_ok());
    CHECK(*inflated == "hello world");
}

TEST_CASE("The cap applies to the inflated size") {
    auto inflated = http::decode_gzip(hello, 4);
    REQUIRE_FALSE(inflated.is_ok());
    CHECK(inflated.status().code() == StatusCode::invalid_argument);
    CHECK(inflated.status().message() == "inflated body over 4 bytes");
}

TEST_CASE("A gzip body cut short is a network failure") {
    auto inflated = http::decode_gzip(hello.substr(0, 15), 1000);
    REQUIRE_FALSE(inflated.is_ok());
    CHECK(inflated.status().code() == StatusCode::network);
    CHECK_THAT(inflated.status().message(), Catch::StartsWith("corrupt gzip body"));
}

TEST_CASE("Bytes that are not gzip are a corrupt body") {
    auto inflated = http::decode_gzip("{\"plain\":true}", 1000);
    REQUIRE_FALSE(inflated.is_ok());
    CHECK_THAT(inflated.status().message(), Catch::StartsWith("corrupt gzip body"));
}
