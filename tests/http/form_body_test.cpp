// Form encoding for OAuth token requests, and the Basic credential built from it.
#include <catch2/catch.hpp>

#include "connectors/http/base64.hpp"
#include "connectors/http/form_body.hpp"
#include "connectors/http/static_token_source.hpp"

namespace http = sellerscore::connectors::http;

TEST_CASE("Form fields are joined with ampersands and their reserved characters escaped") {
    CHECK(http::form_body({{"grant_type", "refresh_token"}, {"refresh_token", "a/b+c=d&e f~"}}) ==
          "grant_type=refresh_token&refresh_token=a%2Fb%2Bc%3Dd%26e+f~");
}

TEST_CASE("Non-ASCII bytes are percent-encoded as UTF-8") {
    CHECK(http::form_encode("Zürich") == "Z%C3%BCrich");
}

TEST_CASE("Base64 pads to a multiple of four") {
    // RFC 4648 §10 test vectors.
    CHECK(http::base64_encode("") == "");
    CHECK(http::base64_encode("f") == "Zg==");
    CHECK(http::base64_encode("fo") == "Zm8=");
    CHECK(http::base64_encode("foo") == "Zm9v");
    CHECK(http::base64_encode("foob") == "Zm9vYg==");
    CHECK(http::base64_encode("fooba") == "Zm9vYmE=");
    CHECK(http::base64_encode("foobar") == "Zm9vYmFy");
}

TEST_CASE("A static token goes in the vendor's header and a 401 cannot refresh it") {
    http::StaticTokenSource pipedrive("x-api-token", "", "abc123");
    auto header = pipedrive.credential();
    REQUIRE(header.is_ok());
    CHECK(header->name == "x-api-token");
    CHECK(header->value == "abc123");
    CHECK_FALSE(pipedrive.reject(*header));
}

TEST_CASE("A missing static token is an auth failure") {
    http::StaticTokenSource hubspot("Authorization", "Bearer ", "");
    auto header = hubspot.credential();
    REQUIRE_FALSE(header.is_ok());
    CHECK(header.status().code() == sellerscore::StatusCode::auth);
}
