// Bearer auth and the OAuth v1 refresh flow of the fake HubSpot.
#include <catch2/catch.hpp>

#include "fake_hubspot_test_support.hpp"

using namespace sellerscore::fakes;
using namespace sellerscore::fakes::testing;

namespace {

FakeRequest token_request(const std::string& form) {
    FakeRequest built = request("POST", "/oauth/v1/token", "", "");
    built.headers["content-type"] = "application/x-www-form-urlencoded";
    built.body = form;
    return built;
}

const std::string good_form =
    "grant_type=refresh_token&client_id=fake-client-id&client_secret=fake-client-secret&refresh_token=fake-refresh-token";

}  // namespace

TEST_CASE("a request without an Authorization header gets 401 INVALID_AUTHENTICATION") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    const FakeResponse response = hubspot.handle(request("GET", "/crm/v3/owners", "", ""));
    REQUIRE(response.status == 401);
    const auto body = json_of(response).as_object();
    CHECK(body.at("status") == "error");
    CHECK(body.at("category") == "INVALID_AUTHENTICATION");
    CHECK(body.contains("correlationId"));
    CHECK(body.contains("message"));
}

TEST_CASE("a wrong bearer token gets 401 and a valid static token gets 200") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    CHECK(hubspot.handle(request("GET", "/crm/v3/owners", "", "pat-na1-wrong")).status == 401);
    CHECK(hubspot.handle(request("GET", "/crm/v3/owners")).status == 200);
}

TEST_CASE("the token endpoint issues a bearer token with expires_in and the same refresh token") {
    ManualClock clock;
    FakeHubSpotOptions options = options_with(clock);
    options.oauth_token_lifetime = std::chrono::seconds(1800);
    FakeHubSpot hubspot(options);
    const FakeResponse response = hubspot.handle(token_request(good_form));
    REQUIRE(response.status == 200);
    const auto body = json_of(response).as_object();
    CHECK(body.at("token_type") == "bearer");
    CHECK(body.at("expires_in").to_number<int>() == 1800);
    CHECK(body.at("refresh_token") == "fake-refresh-token");
    const std::string access_token(body.at("access_token").as_string());
    CHECK(access_token != static_token);
    CHECK(hubspot.handle(request("GET", "/crm/v3/owners", "", access_token)).status == 200);
    CHECK(hubspot.refresh_count() == 1);
}

TEST_CASE("an issued token expires after its lifetime with 401 EXPIRED_AUTHENTICATION") {
    ManualClock clock;
    FakeHubSpotOptions options = options_with(clock);
    options.oauth_token_lifetime = std::chrono::seconds(1800);
    FakeHubSpot hubspot(options);
    const std::string token(json_of(hubspot.handle(token_request(good_form))).at("access_token").as_string());
    clock.advance(std::chrono::seconds(1799));
    CHECK(hubspot.handle(request("GET", "/crm/v3/owners", "", token)).status == 200);
    clock.advance(std::chrono::seconds(1));
    const FakeResponse expired = hubspot.handle(request("GET", "/crm/v3/owners", "", token));
    REQUIRE(expired.status == 401);
    CHECK(json_of(expired).at("category") == "EXPIRED_AUTHENTICATION");
}

TEST_CASE("a wrong refresh token or client secret gets 400 BAD_REFRESH_TOKEN invalid_grant") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    for (const std::string& form :
         {std::string("grant_type=refresh_token&client_id=fake-client-id&client_secret=fake-client-secret&refresh_token=stolen"),
          std::string("grant_type=refresh_token&client_id=fake-client-id&client_secret=nope&refresh_token=fake-refresh-token")}) {
        const FakeResponse response = hubspot.handle(token_request(form));
        REQUIRE(response.status == 400);
        const auto body = json_of(response).as_object();
        CHECK(body.at("status") == "BAD_REFRESH_TOKEN");
        CHECK(body.at("error") == "invalid_grant");
    }
    CHECK(hubspot.refresh_count() == 0);
}

TEST_CASE("the token endpoint refuses a JSON body") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    FakeRequest json_body = token_request(good_form);
    json_body.headers["content-type"] = "application/json";
    CHECK(hubspot.handle(json_body).status == 400);
    CHECK(hubspot.refresh_count() == 0);
}
