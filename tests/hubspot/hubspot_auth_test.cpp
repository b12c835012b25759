// Credentials: static token, OAuth refresh before expiry, and the errors when they are wrong.
#include <catch2/catch.hpp>

#include "hubspot_fixture.hpp"

using namespace sellerscore;
using namespace sellerscore::hubspot_testing;

namespace {

hs::HubSpotSettings oauth_settings(const HubSpotFixture& f) {
    hs::HubSpotSettings s = f.settings();
    s.access_token.clear();
    s.client_id = f.fake.options().client_id;
    s.client_secret = f.fake.options().client_secret;
    s.refresh_token = f.fake.options().refresh_token;
    return s;
}

}  // namespace

TEST_CASE("without a token or the OAuth trio the connector refuses to start naming the settings") {
    HubSpotFixture f;
    hs::HubSpotSettings s = f.settings();
    s.access_token.clear();
    s.client_id = "only-the-id";
    const auto made = hs::HubSpotConnector::create(s, {}, {}, f.clock);
    CHECK(made.status().code() == StatusCode::auth);
    CHECK(made.status().message() ==
          "hubspot: no credentials: set SELLERSCORE_HUBSPOT_TOKEN (private app / service key) or the OAuth trio "
          "SELLERSCORE_HUBSPOT_CLIENT_ID, _CLIENT_SECRET, _REFRESH_TOKEN");
}

TEST_CASE("a wrong static token is an auth failure naming the path and never the token") {
    HubSpotFixture f;
    hs::HubSpotSettings s = f.settings();
    s.access_token = "pat-na1-wrong-token-value";
    auto connector = f.connector(s);
    const auto cursor = connector->current_cursor();
    CHECK(cursor.status().code() == StatusCode::auth);
    CHECK(cursor.status().message().find("hubspot: GET /crm/v3/owners: 401") == 0);
    CHECK(cursor.status().message().find("pat-na1-wrong-token-value") == std::string::npos);
    for (const auto& line : f.log_lines) CHECK(line.find("pat-na1-wrong-token-value") == std::string::npos);
}

TEST_CASE("with OAuth the token is refreshed once per expiry") {
    fakes::FakeHubSpotOptions options = HubSpotFixture::fake_options();
    options.oauth_token_lifetime = std::chrono::seconds(1800);
    HubSpotFixture f(options);
    f.fake.seed(demo_dataset());
    auto connector = f.connector(oauth_settings(f));
    CollectingSink sink;
    REQUIRE(connector->read("", sink));
    CHECK(f.fake.refresh_count() == 1);
    CHECK(connector->stats().token_refreshes == 1);

    f.clock.advance(std::chrono::minutes(31));  // past the token's 30 minutes
    REQUIRE(connector->current_cursor());
    CHECK(f.fake.refresh_count() == 2);

    f.clock.advance(std::chrono::minutes(31));
    CollectingSink again;
    REQUIRE(connector->read("", again));
    CHECK(f.fake.refresh_count() == 3);
    CHECK(connector->stats().token_refreshes == 3);
    CHECK(again.records.deals.size() == sink.records.deals.size());
    for (const auto& line : f.log_lines) CHECK(line.find(f.fake.options().client_secret) == std::string::npos);
}

TEST_CASE("a refused refresh token is an auth failure without the secret") {
    HubSpotFixture f;
    hs::HubSpotSettings s = oauth_settings(f);
    s.refresh_token = "revoked-refresh-token";
    auto connector = f.connector(s);
    const auto cursor = connector->current_cursor();
    CHECK(cursor.status().code() == StatusCode::auth);
    CHECK(cursor.status().message().find("revoked-refresh-token") == std::string::npos);
    CHECK(cursor.status().message().find(f.fake.options().client_secret) == std::string::npos);
}
