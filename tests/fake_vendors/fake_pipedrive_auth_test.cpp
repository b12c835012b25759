#include <catch2/catch.hpp>

#include "fake_pipedrive_test_requests.hpp"

using namespace sellerscore::fakes;
using namespace sellerscore::fakes::pipedrive_test;

namespace {

// base64("fake-pipedrive-client-id:fake-pipedrive-client-secret"), worked out with `base64`.
const std::string basic_credentials = "Basic ZmFrZS1waXBlZHJpdmUtY2xpZW50LWlkOmZha2UtcGlwZWRyaXZlLWNsaWVudC1zZWNyZXQ=";

FakeRequest refresh_request(const std::string& refresh_token, const std::string& authorization = basic_credentials) {
    return request("POST", "/oauth/token", "grant_type=refresh_token&refresh_token=" + refresh_token,
                   {{"content-type", "application/x-www-form-urlencoded"}, {"authorization", authorization}});
}

}  // namespace

TEST_CASE("fake pipedrive accepts its API token in the x-api-token header") {
    FakePipedrive fake;
    const FakeResponse response = fake.handle(authed("GET", "/api/v1/users"));
    CHECK(response.status == 200);
    CHECK(json_of(response).at("success").as_bool());
}

TEST_CASE("fake pipedrive answers 401 in pipedrive's body shape without valid credentials") {
    FakePipedrive fake;
    const FakeResponse missing = fake.handle(request("GET", "/api/v2/deals"));
    const FakeResponse wrong = fake.handle(request("GET", "/api/v2/deals", "", {{"x-api-token", "not-the-token"}}));
    const FakeResponse query_token = fake.handle(request("GET", "/api/v2/deals?api_token=" + FakePipedriveOptions{}.api_token));
    for (const FakeResponse* response : {&missing, &wrong, &query_token}) {
        CHECK(response->status == 401);
        const auto body = json_of(*response);
        CHECK_FALSE(body.at("success").as_bool());
        CHECK(body.at("error").as_string() == "unauthorized access");
        CHECK(body.at("errorCode").as_int64() == 401);
    }
    CHECK(fake.tokens_spent() == 0);
}

TEST_CASE("fake pipedrive oauth refresh issues a bearer token and rotates the refresh token") {
    ManualClock clock;
    FakePipedrive fake(options_with(clock));
    fake.set_api_domain("https://localhost:4443");

    const FakeResponse first = fake.handle(refresh_request("fake-pipedrive-refresh-token-0"));
    REQUIRE(first.status == 200);
    const auto body = json_of(first);
    CHECK(body.at("token_type").as_string() == "Bearer");
    CHECK(body.at("expires_in").as_int64() == 3599);
    CHECK(body.at("api_domain").as_string() == "https://localhost:4443");
    CHECK_FALSE(body.at("scope").as_string().empty());
    const std::string access_token(body.at("access_token").as_string());
    const std::string rotated(body.at("refresh_token").as_string());
    CHECK(rotated != "fake-pipedrive-refresh-token-0");

    const FakeResponse with_bearer =
        fake.handle(request("GET", "/api/v2/deals", "", {{"authorization", "Bearer " + access_token}}));
    CHECK(with_bearer.status == 200);

    // The used refresh token is spent; the rotated one works once.
    const FakeResponse reused = fake.handle(refresh_request("fake-pipedrive-refresh-token-0"));
    CHECK(reused.status == 400);
    CHECK(json_of(reused).at("message").as_string() == "Invalid grant: refresh_token is invalid");
    CHECK(fake.handle(refresh_request(rotated)).status == 200);
    CHECK(fake.refresh_count() == 2);
}

TEST_CASE("fake pipedrive refuses an expired oauth access token") {
    ManualClock clock;
    FakePipedrive fake(options_with(clock));
    const auto body = json_of(fake.handle(refresh_request("fake-pipedrive-refresh-token-0")));
    const std::string bearer = "Bearer " + std::string(body.at("access_token").as_string());

    clock.advance(std::chrono::seconds(3598));
    CHECK(fake.handle(request("GET", "/api/v2/deals", "", {{"authorization", bearer}})).status == 200);
    clock.advance(std::chrono::seconds(2));
    CHECK(fake.handle(request("GET", "/api/v2/deals", "", {{"authorization", bearer}})).status == 401);
}

TEST_CASE("fake pipedrive oauth endpoint wants client credentials in http basic and a form body") {
    FakePipedrive fake;
    const FakeResponse no_basic = fake.handle(request(
        "POST", "/oauth/token", "grant_type=refresh_token&refresh_token=fake-pipedrive-refresh-token-0",
        {{"content-type", "application/x-www-form-urlencoded"}}));
    CHECK(no_basic.status == 401);
    CHECK(json_of(no_basic).at("message").as_string() == "Invalid client: cannot retrieve client credentials");

    // base64("fake-pipedrive-client-id:wrong")
    const FakeResponse wrong_secret =
        fake.handle(refresh_request("fake-pipedrive-refresh-token-0", "Basic ZmFrZS1waXBlZHJpdmUtY2xpZW50LWlkOndyb25n"));
    CHECK(wrong_secret.status == 401);
    CHECK(json_of(wrong_secret).at("message").as_string() == "Invalid client: client is invalid");

    const FakeResponse json_body = fake.handle(request("POST", "/oauth/token", R"({"grant_type":"refresh_token"})",
                                                       {{"content-type", "application/json"}, {"authorization", basic_credentials}}));
    CHECK(json_body.status == 400);
    CHECK(fake.refresh_count() == 0);
}
