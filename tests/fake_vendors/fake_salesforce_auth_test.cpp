// OAuth 2.0 (refresh-token flow) and sessions of the fake Salesforce.
#include <catch2/catch.hpp>

#include "fake_salesforce_test_support.hpp"

using namespace sellerscore::fakes;
using namespace sellerscore::fakes::sf_testing;

TEST_CASE("the refresh-token flow answers access_token, instance_url, issued_at, signature and no expires_in") {
    ManualClock clock;
    FakeSalesforce salesforce(options_with(clock));
    salesforce.set_instance_url("https://localhost:4443");
    const FakeResponse reply = salesforce.handle(token_request(refresh_form(salesforce.options())));
    REQUIRE(reply.status == 200);
    const auto body = json_of(reply).as_object();
    CHECK(body.at("instance_url") == "https://localhost:4443");
    CHECK(body.at("token_type") == "Bearer");
    CHECK(body.at("issued_at") == "1780000000000");
    CHECK(body.contains("signature"));
    CHECK(body.contains("id"));
    CHECK_FALSE(body.contains("expires_in"));
    CHECK_FALSE(body.contains("refresh_token"));  // the connected app does not rotate by default
    const std::string token(body.at("access_token").as_string());
    CHECK(salesforce.handle(request("GET", v + "/limits", "", token)).status == 200);
}

TEST_CASE("a wrong refresh token, secret or client id gets Salesforce's 400 OAuth errors") {
    FakeSalesforce salesforce(options_with(ManualClock{}));
    const FakeSalesforceOptions& o = salesforce.options();
    const std::string base = "grant_type=refresh_token&client_id=" + o.client_id;
    const FakeResponse bad_refresh =
        salesforce.handle(token_request(base + "&client_secret=" + o.client_secret + "&refresh_token=stolen"));
    REQUIRE(bad_refresh.status == 400);
    CHECK(json_of(bad_refresh).at("error") == "invalid_grant");
    CHECK(json_of(bad_refresh).at("error_description") == "expired access/refresh token");
    const FakeResponse bad_secret =
        salesforce.handle(token_request(base + "&client_secret=nope&refresh_token=" + percent_encoded(o.refresh_token)));
    CHECK(json_of(bad_secret).at("error") == "invalid_client");
    const FakeResponse bad_client = salesforce.handle(token_request(
        "grant_type=refresh_token&client_id=other&client_secret=" + o.client_secret + "&refresh_token=" + percent_encoded(o.refresh_token)));
    CHECK(json_of(bad_client).at("error") == "invalid_client_id");
    CHECK(json_of(salesforce.handle(token_request("grant_type=password"))).at("error") == "unsupported_grant_type");
}

TEST_CASE("a rotating connected app hands out a new refresh token and refuses the old one") {
    FakeSalesforceOptions options = options_with(ManualClock{});
    options.rotate_refresh_token = true;
    FakeSalesforce salesforce(options);
    const auto first = json_of(salesforce.handle(token_request(refresh_form(options)))).as_object();
    REQUIRE(first.contains("refresh_token"));
    CHECK(str(first.at("refresh_token")) != options.refresh_token);
    CHECK(salesforce.handle(token_request(refresh_form(options))).status == 400);
    FakeSalesforceOptions rotated = options;
    rotated.refresh_token = std::string(first.at("refresh_token").as_string());
    CHECK(salesforce.handle(token_request(refresh_form(rotated))).status == 200);
}

TEST_CASE("an API call without a session or with an unknown token gets 401 INVALID_SESSION_ID") {
    FakeSalesforce salesforce(options_with(ManualClock{}));
    for (const std::string& token : {std::string(), std::string("00Dfake!not-a-session")}) {
        const FakeResponse response = salesforce.handle(request("GET", v + "/limits", "", token));
        REQUIRE(response.status == 401);
        CHECK(response.body == R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])");
        CHECK(header_of(response, "Sforce-Limit-Info") == "<absent>");
    }
}

TEST_CASE("a session expires exactly session_lifetime after it was issued") {
    ManualClock clock;
    FakeSalesforceOptions options = options_with(clock);
    options.session_lifetime = std::chrono::seconds(7200);
    FakeSalesforce salesforce(options);
    const std::string token = session(salesforce);
    clock.advance(std::chrono::milliseconds(7'199'999));
    CHECK(salesforce.handle(request("GET", v + "/limits", "", token)).status == 200);
    clock.advance(std::chrono::milliseconds(1));
    const FakeResponse expired = salesforce.handle(request("GET", v + "/limits", "", token));
    CHECK(expired.status == 401);
    CHECK(error_code(expired) == "INVALID_SESSION_ID");
    CHECK(salesforce.handle(request("GET", v + "/limits", "", session(salesforce))).status == 200);
}
