// Sessions against the fake Salesforce: both OAuth flows, instance_url from the token reply, one
// refresh on INVALID_SESSION_ID, refused credentials as auth errors, rotated refresh tokens kept.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "salesforce_fixture.hpp"

using namespace sellerscore;
using namespace sellerscore::salesforce_testing;

namespace {

// An RSA key pair: the private key in a file of the given mode, the public key as PEM for the fake.
struct ConnectedAppKey {
    std::filesystem::path path;
    std::string public_pem;
    explicit ConnectedAppKey(mode_t mode) {
        EVP_PKEY* key = EVP_RSA_gen(2048);
        path = std::filesystem::temp_directory_path() / ("sf_app_key_" + std::to_string(::getpid()) + ".pem");
        std::FILE* f = std::fopen(path.c_str(), "w");
        PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
        std::fclose(f);
        ::chmod(path.c_str(), mode);
        BIO* bio = BIO_new(BIO_s_mem());
        PEM_write_bio_PUBKEY(bio, key);
        char* data = nullptr;
        const long size = BIO_get_mem_data(bio, &data);
        public_pem.assign(data, static_cast<std::size_t>(size));
        BIO_free(bio);
        EVP_PKEY_free(key);
    }
    ~ConnectedAppKey() { std::filesystem::remove(path); }
};

}  // namespace

TEST_CASE("The refresh-token flow gets a session and calls the instance_url of the reply", "[salesforce][auth]") {
    SalesforceFixture f;
    f.fake.seed(demo_dataset());
    auto connector = f.connector();
    const auto cursor = connector->current_cursor();
    REQUIRE(cursor.is_ok());
    CHECK(f.fake.requests("/services/oauth2/token") == 1);
    CHECK(f.fake.requests("/services/data/v62.0/limits") == 1);
    CHECK(connector->stats().token_refreshes == 1);
}

TEST_CASE("The JWT bearer flow signs an RS256 assertion the org verifies", "[salesforce][auth][jwt]") {
    ConnectedAppKey key(0600);
    fakes::FakeSalesforceOptions options;
    options.jwt_public_key_pem = key.public_pem;
    SalesforceFixture f(options);
    f.fake.seed(demo_dataset());
    auto settings = f.settings();
    settings.client_secret.clear();
    settings.refresh_token.clear();
    settings.username = f.fake.options().username;
    settings.private_key_file = key.path.string();
    auto connector = f.connector(settings);
    const auto cursor = connector->current_cursor();
    INFO(cursor.status().message());
    CHECK(cursor.is_ok());
}

TEST_CASE("A JWT key file that others can read is refused before any request", "[salesforce][auth][jwt]") {
    ConnectedAppKey key(0640);
    SalesforceFixture f;
    auto settings = f.settings();
    settings.client_secret.clear();
    settings.refresh_token.clear();
    settings.username = "integration@example.com";
    settings.private_key_file = key.path.string();
    auto made = connectors::salesforce::SalesforceConnector::create(settings, f.memory, {}, {}, f.clock);
    REQUIRE_FALSE(made.is_ok());
    CHECK(made.status().message().find("mode 0640") != std::string::npos);
    CHECK(f.fake.requests() == 0);
}

TEST_CASE("INVALID_SESSION_ID: one refresh, and the call goes through", "[salesforce][auth]") {
    SalesforceFixture f;
    f.fake.seed(demo_dataset());
    auto connector = f.connector();
    REQUIRE(connector->current_cursor().is_ok());
    f.fake.inject(fakes::FakeSalesforceFault::expire_session, 1, "/query");
    const auto again = connector->current_cursor();
    REQUIRE(again.is_ok());
    CHECK(f.fake.requests("/services/oauth2/token") == 2);
}

TEST_CASE("A session refused again after the refresh is an auth error (exit 3)", "[salesforce][auth]") {
    SalesforceFixture f;
    f.fake.seed(demo_dataset());
    auto connector = f.connector();
    REQUIRE(connector->current_cursor().is_ok());
    f.fake.inject(fakes::FakeSalesforceFault::expire_session, 2, "/query");
    const auto again = connector->current_cursor();
    REQUIRE_FALSE(again.is_ok());
    CHECK(again.status().code() == StatusCode::auth);
    CHECK(again.status().message().find("INVALID_SESSION_ID") != std::string::npos);
    CHECK(f.fake.requests("/services/oauth2/token") == 2);  // exactly one refresh
}

TEST_CASE("A refresh token the org refuses is an auth error that never shows the secret", "[salesforce][auth]") {
    SalesforceFixture f;
    auto settings = f.settings();
    settings.refresh_token = "5Aep-revoked-token";
    auto connector = f.connector(settings);
    const auto cursor = connector->current_cursor();
    REQUIRE_FALSE(cursor.is_ok());
    CHECK(cursor.status().code() == StatusCode::auth);
    CHECK(cursor.status().message().find("invalid_grant") != std::string::npos);
    CHECK(cursor.status().message().find("5Aep-revoked-token") == std::string::npos);
    CHECK(cursor.status().message().find(f.fake.options().client_secret) == std::string::npos);
}

TEST_CASE("A rotated refresh token is kept in the connector memory and used by the next run", "[salesforce][auth]") {
    fakes::FakeSalesforceOptions options;
    options.rotate_refresh_token = true;
    SalesforceFixture f(options);
    f.fake.seed(demo_dataset());
    REQUIRE(f.connector()->current_cursor().is_ok());
    REQUIRE(f.memory.values.count("salesforce.refresh_token") == 1);
    // The original token is spent: only the kept one gets the next run in.
    REQUIRE(f.connector()->current_cursor().is_ok());
    CHECK(f.fake.requests("/services/oauth2/token") == 2);
}
