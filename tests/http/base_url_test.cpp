// Taking the base URL apart: where requests go, and what is refused before any connection.
#include <catch2/catch.hpp>

#include "connectors/http/base_url.hpp"

namespace http = sellerscore::connectors::http;
using sellerscore::StatusCode;

TEST_CASE("An https base URL without a port uses 443 and no prefix") {
    auto url = http::parse_base_url("https://api.hubapi.com");
    REQUIRE(url.is_ok());
    CHECK(url->tls);
    CHECK(url->host == "api.hubapi.com");
    CHECK(url->port == 443);
    CHECK(url->host_header == "api.hubapi.com");
    CHECK(url->path_prefix.empty());
    CHECK_FALSE(url->host_is_ip);
    CHECK(url->origin() == "https://api.hubapi.com");
}

TEST_CASE("A port and a path prefix are kept and the trailing slash dropped") {
    auto url = http::parse_base_url("https://LocalHost:8443/api/v2/");
    REQUIRE(url.is_ok());
    CHECK(url->host == "localhost");
    CHECK(url->port == 8443);
    CHECK(url->host_header == "localhost:8443");
    CHECK(url->path_prefix == "/api/v2");
}

TEST_CASE("An IPv6 literal connects without brackets and sends them in Host") {
    auto url = http::parse_base_url("http://[::1]:8080");
    REQUIRE(url.is_ok());
    CHECK(url->host == "::1");
    CHECK(url->host_is_ip);
    CHECK(url->host_header == "[::1]:8080");
}

TEST_CASE("Plain http is accepted for each loopback name") {
    CHECK(http::parse_base_url("http://127.0.0.1:9000").is_ok());
    CHECK(http::parse_base_url("http://localhost").is_ok());
    CHECK(http::parse_base_url("http://[::1]").is_ok());
}

TEST_CASE("Plain http to any other host is refused") {
    auto url = http::parse_base_url("http://10.0.0.1");
    REQUIRE_FALSE(url.is_ok());
    CHECK(url.status().code() == StatusCode::invalid_argument);
    CHECK(url.status().message() == "base_url http://10.0.0.1: plain http is allowed only for loopback");
}

TEST_CASE("Other schemes and URLs with a query or user info are refused") {
    CHECK_FALSE(http::parse_base_url("ftp://example.com").is_ok());
    CHECK_FALSE(http::parse_base_url("https://example.com/?token=x").is_ok());
    CHECK_FALSE(http::parse_base_url("https://user:pw@example.com").is_ok());
    CHECK_FALSE(http::parse_base_url("example.com").is_ok());
}
