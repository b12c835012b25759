// No secret reaches a log line or a Status message, even when a vendor echoes it back in an
// error body (RELIABILITY.md §3.3: tokens are bearer credentials, OWASP "data to exclude").
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <mutex>

#include "connectors/http/http_client.hpp"
#include "connectors/http/oauth_token_source.hpp"
#include "connectors/http/secret_redaction.hpp"
#include "connectors/http/static_token_source.hpp"
#include "tests/fakes/loopback_server.hpp"
#include "tests/fakes/test_certificates.hpp"
#include "tests/http/fake_clock.hpp"

namespace http = sellerscore::connectors::http;
namespace fakes = sellerscore::fakes;
using std::chrono::milliseconds;

namespace {

const std::string client_secret = "cs-5ecret-7a6b";
const std::string refresh_token = "rt-0riginal-93c1";
const std::string rotated_refresh_token = "rt-r0tated-44d2";
const std::string static_token = "pat-na1-5t4t1c-77";

std::string access_token(int n) { return "at-acce55-" + std::to_string(n); }

// Everything a user could ever see: log lines and failure messages.
struct Transcript {
    std::mutex mutex;
    std::vector<std::string> lines;

    http::LogSink sink() {
        return [this](http::LogLevel, const std::string& line) { add(line); };
    }
    void add(const std::string& line) {
        std::lock_guard lock(mutex);
        lines.push_back(line);
    }
    template <class T>
    void add_status(const sellerscore::Result<T>& result) {
        if (!result.is_ok()) add(result.status().message());
    }
};

fakes::FakeResponse echo(int status, const std::string& words) {
    fakes::FakeResponse response;
    response.status = status;
    response.body = R"({"status":"error","message":")" + words + "\"}";
    return response;
}

}  // namespace

TEST_CASE("Secrets never appear in logs or failure messages") {
    const fakes::ServerCertificate certificate = fakes::make_server_certificate();
    const std::string ca_file = fakes::write_temp_pem(certificate.ca_pem, "redaction-ca");
    http::testing::FakeClock clock;
    Transcript transcript;

    // The token endpoint fails once echoing the secrets, then issues tokens and rotates the refresh token.
    std::atomic<int> token_calls{0};
    fakes::LoopbackServer token_endpoint(
        [&](const fakes::FakeRequest&) {
            const int call = ++token_calls;
            if (call == 1) return echo(503, "cannot refresh " + refresh_token + " for " + client_secret);
            fakes::FakeResponse response;
            response.body = R"({"access_token":")" + access_token(call - 1) + R"(","refresh_token":")" +
                            rotated_refresh_token + R"(","expires_in":1800})";
            return response;
        },
        certificate);

    // The API refuses the first token echoing it, then fails for good echoing the second.
    fakes::LoopbackServer api(
        [&](const fakes::FakeRequest& request) {
            const std::string authorization = request.headers.count("authorization") ? request.headers.at("authorization") : "";
            if (authorization == "Bearer " + access_token(1)) return echo(401, "token " + access_token(1) + " expired");
            return echo(500, "internal error while serving " + authorization);
        },
        certificate);

    http::OAuthSettings settings;
    settings.token_url = token_endpoint.base_url() + "/oauth/v1/token";
    settings.client_id = "app-id";
    settings.client_secret = client_secret;
    settings.refresh_token = refresh_token;
    settings.ca_file = ca_file;
    settings.retry.base_delay = milliseconds(1);
    settings.log = transcript.sink();
    settings.on_refresh_token_rotated = [](const std::string&) {};
    auto oauth = http::OAuthTokenSource::create(settings, clock);
    REQUIRE(oauth.is_ok());

    http::ClientOptions options;
    options.transport.base_url = api.base_url();
    options.transport.ca_file = ca_file;
    options.retry.max_attempts = 3;
    options.retry.base_delay = milliseconds(1);
    options.log = transcript.sink();
    auto oauth_client = http::HttpClient::create(options, std::move(oauth.value()), clock);
    REQUIRE(oauth_client.is_ok());
    http::HttpRequest request;
    request.target = "/crm/v3/objects/deals?after=" + access_token(1);  // even a query carrying a secret stays out
    const auto oauth_result = (*oauth_client)->send(request);
    REQUIRE_FALSE(oauth_result.is_ok());
    transcript.add_status(oauth_result);

    // A refused refresh whose description quotes the secrets.
    fakes::LoopbackServer refusing_endpoint(
        [&](const fakes::FakeRequest&) {
            fakes::FakeResponse refusal;
            refusal.status = 400;
            refusal.body = R"({"error":"invalid_grant","error_description":"unknown )" + refresh_token + " / " +
                           client_secret + "\"}";
            return refusal;
        },
        certificate);
    settings.token_url = refusing_endpoint.base_url() + "/oauth/v1/token";
    auto refusing = http::OAuthTokenSource::create(settings, clock);
    REQUIRE(refusing.is_ok());
    transcript.add_status((*refusing)->credential());

    // A static token the API echoes back in its 500s.
    options.log = transcript.sink();
    auto static_client = http::HttpClient::create(
        options, std::make_unique<http::StaticTokenSource>("Authorization", "Bearer ", static_token), clock);
    REQUIRE(static_client.is_ok());
    transcript.add_status((*static_client)->send(request));

    std::filesystem::remove(ca_file);
    std::lock_guard lock(transcript.mutex);
    REQUIRE(transcript.lines.size() > 10);  // the scenario did produce logs and failures
    const std::vector<std::string> secrets = {client_secret, refresh_token, rotated_refresh_token,
                                              access_token(1), access_token(2), static_token};
    for (const auto& line : transcript.lines)
        for (const auto& secret : secrets) {
            INFO(line);
            CHECK(line.find(secret) == std::string::npos);
        }
    // The failures still say what happened.
    CHECK_THAT(oauth_result.status().message(),
               Catch::Equals("GET /crm/v3/objects/deals: 500 after 3 attempts: internal error while serving [redacted]"));
}

TEST_CASE("Redaction replaces every occurrence and ignores very short secrets") {
    CHECK(http::redact_secrets("a tok3n and tok3n", {"tok3n"}) == "a [redacted] and [redacted]");
    CHECK(http::redact_secrets("abc", {"ab"}) == "abc");
}
