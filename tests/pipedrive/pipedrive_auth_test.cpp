// API token and OAuth: the credential Pipedrive expects, refresh with a rotated refresh token kept in
// the connector memory, and no secret in any log line.
#include <catch2/catch.hpp>

#include "pipedrive_fixture.hpp"

using namespace sellerscore;
using namespace sellerscore::pipedrive_testing;

namespace {

pd::PipedriveSettings oauth_settings(const PipedriveFixture& f) {
    pd::PipedriveSettings s = f.settings();
    s.api_token.clear();
    s.client_id = f.fake.options().client_id;
    s.client_secret = f.fake.options().client_secret;
    s.refresh_token = f.fake.options().refresh_token;
    s.token_url = f.server.base_url() + "/oauth/token";
    return s;
}

}  // namespace

TEST_CASE("a wrong API token is an auth failure naming the request") {
    PipedriveFixture f;
    auto settings = f.settings();
    settings.api_token = "ffffffffffffffffffffffffffffffffffffffff";
    auto connector = f.connector(settings);
    CollectingSink sink;
    const auto read = connector->read("", sink);
    REQUIRE_FALSE(read);
    CHECK(read.status().code() == StatusCode::auth);
    CHECK(read.status().message().rfind("pipedrive: GET /api/v1/users: 401", 0) == 0);
    CHECK(read.status().message().find(settings.api_token) == std::string::npos);
}

TEST_CASE("no credentials at all is refused at creation") {
    PipedriveFixture f;
    auto settings = f.settings();
    settings.api_token.clear();
    auto made = pd::PipedriveConnector::create(settings, f.memory, {}, {}, f.clock);
    REQUIRE_FALSE(made);
    CHECK(made.status().code() == StatusCode::invalid_argument);
}

TEST_CASE("OAuth refreshes keep the rotated refresh token in memory and never log a secret") {
    PipedriveFixture f;
    const model::Dataset expected = f.fake.seed(demo_dataset());
    const std::string original = f.fake.options().refresh_token;
    {
        auto connector = f.connector(oauth_settings(f));
        CollectingSink sink;
        REQUIRE(connector->read("", sink));
        CHECK(RecordLines(sink.records).deals == RecordLines(expected).deals);
    }
    CHECK(f.fake.refresh_count() == 1);
    const auto rotated = f.memory.get("pipedrive.refresh_token");
    REQUIRE(rotated);
    CHECK_FALSE(rotated->empty());
    CHECK(*rotated != original);

    // The configured refresh token is spent: a new connector works only with the remembered one.
    auto later = f.connector(oauth_settings(f));
    REQUIRE(later->current_cursor());
    CHECK(f.fake.refresh_count() == 2);
    const auto rotated_again = f.memory.get("pipedrive.refresh_token");
    REQUIRE(rotated_again);

    for (const auto& line : f.log_lines) {
        for (const std::string& secret : {original, *rotated, *rotated_again, f.fake.options().client_secret}) {
            CHECK(line.find(secret) == std::string::npos);
        }
    }
}
