// OAuth refresh against a token endpoint on TLS loopback, with token expiry on a fake clock.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "connectors/http/http_client.hpp"
#include "connectors/http/oauth_token_source.hpp"
#include "tests/fakes/loopback_server.hpp"
#include "tests/fakes/test_certificates.hpp"
#include "tests/http/fake_clock.hpp"

namespace http = sellerscore::connectors::http;
namespace fakes = sellerscore::fakes;
using http::testing::FakeClock;
using sellerscore::StatusCode;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

const std::string client_secret = "s3cr3t-client";
const std::string first_refresh_token = "refresh-0f9e8d7c";

// Only what this endpoint's tests send: letters, digits, '-', '_' and '%XX'.
std::map<std::string, std::string> parse_form(const std::string& body) {
    std::map<std::string, std::string> fields;
    std::size_t at = 0;
    while (at <= body.size()) {
        const std::size_t end = std::min(body.find('&', at), body.size());
        const std::string pair = body.substr(at, end - at);
        const std::size_t eq = pair.find('=');
        std::string value;
        for (std::size_t i = eq + 1; i < pair.size(); ++i) {
            if (pair[i] == '%') {
                value += static_cast<char>(std::stoi(pair.substr(i + 1, 2), nullptr, 16));
                i += 2;
            } else {
                value += pair[i] == '+' ? ' ' : pair[i];
            }
        }
        fields[pair.substr(0, eq)] = value;
        at = end + 1;
    }
    return fields;
}

// A token endpoint that issues access-1, access-2, ... and records what it was sent.
struct TokenEndpoint {
    std::mutex mutex;
    std::vector<fakes::FakeRequest> requests;
    std::atomic<int> issued{0};
    long long expires_in = 1800;
    std::string rotate_to;                    // a new refresh token to hand out, if any
    std::optional<fakes::FakeResponse> refusal;  // answer this instead of a token
    milliseconds think{0};

    fakes::FakeResponse answer(const fakes::FakeRequest& request) {
        {
            std::lock_guard lock(mutex);
            requests.push_back(request);
        }
        std::this_thread::sleep_for(think);
        if (refusal) return *refusal;
        fakes::FakeResponse response;
        response.body = R"({"token_type":"bearer","access_token":"access-)" + std::to_string(++issued) +
                        R"(","expires_in":)" + std::to_string(expires_in) +
                        (rotate_to.empty() ? "" : R"(,"refresh_token":")" + rotate_to + "\"") + "}";
        return response;
    }
};

struct OAuthFixture {
    fakes::ServerCertificate certificate = fakes::make_server_certificate();
    std::string ca_file = fakes::write_temp_pem(certificate.ca_pem, "oauth-ca");
    TokenEndpoint endpoint;
    fakes::LoopbackServer server{[this](const fakes::FakeRequest& r) { return endpoint.answer(r); }, certificate};
    FakeClock clock;

    ~OAuthFixture() { std::filesystem::remove(ca_file); }

    http::OAuthSettings settings() const {
        http::OAuthSettings s;
        s.token_url = server.base_url() + "/oauth/v1/token";
        s.client_id = "sellerscore-app";
        s.client_secret = client_secret;
        s.refresh_token = first_refresh_token;
        s.ca_file = ca_file;
        s.retry.base_delay = milliseconds(1);
        return s;
    }

    std::unique_ptr<http::OAuthTokenSource> source(http::OAuthSettings s) {
        auto made = http::OAuthTokenSource::create(std::move(s), clock);
        REQUIRE(made.is_ok());
        return std::move(made.value());
    }
    std::unique_ptr<http::OAuthTokenSource> source() { return source(settings()); }

    std::size_t request_count() {
        std::lock_guard lock(endpoint.mutex);
        return endpoint.requests.size();
    }
    fakes::FakeRequest request(std::size_t i) {
        std::lock_guard lock(endpoint.mutex);
        return endpoint.requests.at(i);
    }
};

}  // namespace

TEST_CASE("The first credential refreshes with the refresh_token grant in the form body") {
    OAuthFixture f;
    auto source = f.source();
    CHECK(f.endpoint.issued == 0);
    auto header = source->credential();
    REQUIRE(header.is_ok());
    CHECK(header->name == "Authorization");
    CHECK(header->value == "Bearer access-1");
    REQUIRE(f.endpoint.issued == 1);
    const fakes::FakeRequest sent = f.request(0);
    CHECK(sent.method == "POST");
    CHECK(sent.path == "/oauth/v1/token");
    CHECK(sent.headers.at("content-type") == "application/x-www-form-urlencoded");
    const auto form = parse_form(sent.body);
    CHECK(form.at("grant_type") == "refresh_token");
    CHECK(form.at("refresh_token") == first_refresh_token);
    CHECK(form.at("client_id") == "sellerscore-app");
    CHECK(form.at("client_secret") == client_secret);
    CHECK(sent.headers.count("authorization") == 0);
}

TEST_CASE("HTTP Basic client authentication keeps the secret out of the body") {
    OAuthFixture f;
    http::OAuthSettings settings = f.settings();
    settings.client_auth = http::OAuthClientAuth::basic;
    auto source = f.source(settings);
    REQUIRE(source->credential().is_ok());
    const fakes::FakeRequest sent = f.request(0);
    // base64("sellerscore-app:s3cr3t-client"), worked out with Python's base64 module.
    CHECK(sent.headers.at("authorization") == "Basic c2VsbGVyc2NvcmUtYXBwOnMzY3IzdC1jbGllbnQ=");
    const auto form = parse_form(sent.body);
    CHECK(form.count("client_secret") == 0);
    CHECK(form.at("refresh_token") == first_refresh_token);
}

TEST_CASE("The token is reused until it is within the refresh margin of expiry") {
    OAuthFixture f;
    auto source = f.source();  // expires_in 1800 s, margin 300 s: refresh from 1500 s on
    REQUIRE(source->credential()->value == "Bearer access-1");
    f.clock.advance(seconds(1499));
    CHECK(source->credential()->value == "Bearer access-1");
    CHECK(f.endpoint.issued == 1);
    f.clock.advance(seconds(2));
    CHECK(source->credential()->value == "Bearer access-2");
    CHECK(f.endpoint.issued == 2);
}

TEST_CASE("A token shorter-lived than the margin is kept for half its life") {
    OAuthFixture f;
    f.endpoint.expires_in = 60;
    auto source = f.source();
    REQUIRE(source->credential().is_ok());
    f.clock.advance(seconds(29));
    REQUIRE(source->credential().is_ok());
    CHECK(f.endpoint.issued == 1);
    f.clock.advance(seconds(2));
    REQUIRE(source->credential().is_ok());
    CHECK(f.endpoint.issued == 2);
}

TEST_CASE("Eight threads asking at once cause exactly one refresh") {
    OAuthFixture f;
    f.endpoint.think = milliseconds(100);  // the refresh is still running when the others ask
    auto source = f.source();
    std::vector<std::string> values(8);
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&, i] {
            auto header = source->credential();
            values[i] = header ? header->value : header.status().message();
        });
    for (auto& thread : threads) thread.join();
    CHECK(f.endpoint.issued == 1);
    CHECK(source->refreshes() == 1);
    for (const auto& value : values) CHECK(value == "Bearer access-1");
}

TEST_CASE("A rotated refresh token is handed back and used for the next refresh") {
    OAuthFixture f;
    f.endpoint.rotate_to = "refresh-rotated-2";
    std::vector<std::string> persisted;
    http::OAuthSettings settings = f.settings();
    settings.on_refresh_token_rotated = [&](const std::string& token) { persisted.push_back(token); };
    auto source = f.source(settings);
    REQUIRE(source->credential().is_ok());
    CHECK(persisted == std::vector<std::string>{"refresh-rotated-2"});
    f.clock.advance(seconds(1600));
    REQUIRE(source->credential().is_ok());
    CHECK(parse_form(f.request(1).body).at("refresh_token") == "refresh-rotated-2");
    CHECK(persisted.size() == 1);  // the same token again is no rotation
}

TEST_CASE("invalid_grant is an auth failure in the endpoint's words without the secrets") {
    OAuthFixture f;
    fakes::FakeResponse refusal;
    refusal.status = 400;
    refusal.body = R"({"error":"invalid_grant","error_description":"refresh token )" + first_refresh_token +
                   R"( is invalid"})";
    f.endpoint.refusal = refusal;
    auto source = f.source();
    auto header = source->credential();
    REQUIRE_FALSE(header.is_ok());
    CHECK(header.status().code() == StatusCode::auth);
    CHECK(header.status().message() == "OAuth refresh at localhost:" + std::to_string(f.server.port()) +
                                           "/oauth/v1/token: invalid_grant: refresh token [redacted] is invalid");
    CHECK(header.status().message().find(client_secret) == std::string::npos);
    CHECK(f.endpoint.issued == 0);
    CHECK(f.request_count() == 1);  // a 400 is not retried
}

TEST_CASE("HubSpot's own refusal format is understood") {
    OAuthFixture f;
    fakes::FakeResponse refusal;
    refusal.status = 400;
    refusal.body = R"({"status":"BAD_REFRESH_TOKEN","message":"missing or unknown refresh token","correlationId":"x"})";
    f.endpoint.refusal = refusal;
    auto header = f.source()->credential();
    REQUIRE_FALSE(header.is_ok());
    CHECK(header.status().code() == StatusCode::auth);
    CHECK_THAT(header.status().message(), Catch::EndsWith("/oauth/v1/token: BAD_REFRESH_TOKEN: missing or unknown refresh token"));
}

TEST_CASE("A 401 from the API causes one refresh and one retry") {
    OAuthFixture f;
    std::atomic<int> api_calls{0};
    std::mutex mutex;
    std::vector<std::string> seen_tokens;
    fakes::LoopbackServer api(
        [&](const fakes::FakeRequest& request) {
            ++api_calls;
            const std::string authorization = request.headers.count("authorization") ? request.headers.at("authorization") : "";
            {
                std::lock_guard lock(mutex);
                seen_tokens.push_back(authorization);
            }
            fakes::FakeResponse response;
            if (authorization != "Bearer access-2") {
                response.status = 401;
                response.body = R"({"status":"error","message":"Authentication credentials not found."})";
            }
            return response;
        },
        f.certificate);
    http::ClientOptions options;
    options.transport.base_url = api.base_url();
    options.transport.ca_file = f.ca_file;
    auto client = http::HttpClient::create(options, f.source(), f.clock);
    REQUIRE(client.is_ok());
    http::HttpRequest request;
    request.target = "/crm/v3/owners";
    auto response = (*client)->send(request);
    REQUIRE(response.is_ok());
    CHECK(response->status == 200);
    CHECK(api_calls == 2);
    CHECK(f.endpoint.issued == 2);
    CHECK((*client)->stats().token_refreshes == 1);
    std::lock_guard lock(mutex);
    CHECK(seen_tokens == std::vector<std::string>{"Bearer access-1", "Bearer access-2"});
}

TEST_CASE("A rejected credential that another caller already replaced does not drop the new one") {
    OAuthFixture f;
    auto source = f.source();
    const http::Header first = *source->credential();
    CHECK(source->reject(first));
    const http::Header second = *source->credential();
    CHECK(second.value == "Bearer access-2");
    CHECK(source->reject(first));  // stale: access-2 stays
    CHECK(source->credential()->value == "Bearer access-2");
    CHECK(f.endpoint.issued == 2);
}

TEST_CASE("A token endpoint 503 is retried like any request") {
    OAuthFixture f;
    std::atomic<int> calls{0};
    fakes::LoopbackServer flaky(
        [&](const fakes::FakeRequest& request) {
            if (++calls == 1) {
                fakes::FakeResponse unavailable;
                unavailable.status = 503;
                return unavailable;
            }
            return f.endpoint.answer(request);
        },
        f.certificate);
    http::OAuthSettings settings = f.settings();
    settings.token_url = flaky.base_url() + "/oauth/v1/token";
    auto source = f.source(settings);
    auto header = source->credential();
    REQUIRE(header.is_ok());
    CHECK(header->value == "Bearer access-1");
    CHECK(calls == 2);
}

TEST_CASE("A malformed token_url is refused when the source is made") {
    http::OAuthSettings settings;
    settings.token_url = "not a url";
    auto source = http::OAuthTokenSource::create(settings);
    REQUIRE_FALSE(source.is_ok());
    CHECK(source.status().code() == StatusCode::invalid_argument);
}

// Found by tests/fuzz/oauth_token_reply: an expires_in near 2^63 s overflowed the clock when the
// refresh time was worked out, and 1e300 overflowed the conversion to an integer. No vendor's token
// lives longer than a day (HubSpot 30 min, Pipedrive 1 h, Salesforce's session up to 24 h), so a
// longer lifetime is read as a day: refreshed 300 s (the margin) before 86,400 s.
TEST_CASE("An expires_in of 2^63 - 1 s is read as a day") {
    OAuthFixture f;
    f.endpoint.expires_in = 9223372036854775807;
    auto source = f.source();
    REQUIRE(source->credential()->value == "Bearer access-1");
    f.clock.advance(seconds(86'099));
    CHECK(source->credential()->value == "Bearer access-1");
    f.clock.advance(seconds(2));
    CHECK(source->credential()->value == "Bearer access-2");
}

TEST_CASE("An expires_in of 1e300 s is read as a day, and a negative one as no expires_in") {
    OAuthFixture f;
    fakes::FakeResponse huge;
    huge.body = R"({"access_token":"huge","expires_in":1e300})";
    f.endpoint.refusal = huge;
    auto source = f.source();
    REQUIRE(source->credential()->value == "Bearer huge");
    f.clock.advance(seconds(86'099));
    CHECK(f.request_count() == 1);
    REQUIRE(source->credential().is_ok());
    CHECK(f.request_count() == 1);
    fakes::FakeResponse negative;
    negative.body = R"({"access_token":"negative","expires_in":-1.5e300})";
    f.endpoint.refusal = negative;
    f.clock.advance(seconds(2));
    REQUIRE(source->credential()->value == "Bearer negative");
    CHECK(f.request_count() == 2);
    // default_lifetime 1800 s less the 300 s margin
    f.clock.advance(seconds(1'499));
    REQUIRE(source->credential().is_ok());
    CHECK(f.request_count() == 2);
    f.clock.advance(seconds(2));
    REQUIRE(source->credential().is_ok());
    CHECK(f.request_count() == 3);
}

// Found by tests/fuzz/oauth_token_reply: the token endpoint's client knows no credential of its own,
// so a 5xx page echoing the form it was sent (as some proxies' error pages do) reached the log with
// the client secret and the refresh token in it.
TEST_CASE("A token endpoint error page that echoes the form puts neither the client secret nor a refresh token in the log") {
    OAuthFixture f;
    f.endpoint.rotate_to = "refresh-rotated-5a6b7c";
    std::atomic<int> calls{0};
    // Two attempts per refresh: the first refresh gives up on two echoing 503s (the client logs the
    // page when it gives up), the second gets a token and a rotated refresh token, the third gives
    // up again, having sent the rotated one.
    fakes::LoopbackServer echoing(
        [&](const fakes::FakeRequest& request) {
            if (++calls != 3) {
                fakes::FakeResponse unavailable;
                unavailable.status = 503;
                unavailable.content_type = "text/plain";
                unavailable.body = "upstream unavailable for request: " + request.body;
                return unavailable;
            }
            return f.endpoint.answer(request);
        },
        f.certificate);
    std::vector<std::string> lines;
    std::mutex lines_mutex;
    http::OAuthSettings settings = f.settings();
    settings.token_url = echoing.base_url() + "/oauth/v1/token";
    settings.retry.max_attempts = 2;
    settings.log = [&](http::LogLevel, const std::string& line) {
        std::lock_guard lock(lines_mutex);
        lines.push_back(line);
    };
    auto source = f.source(settings);
    CHECK_FALSE(source->credential().is_ok());
    REQUIRE(source->credential()->value == "Bearer access-1");
    source->reject({"Authorization", "Bearer access-1"});
    CHECK_FALSE(source->credential().is_ok());
    CHECK(calls == 5);
    std::lock_guard lock(lines_mutex);
    std::size_t with_page = 0;
    for (const std::string& line : lines) {
        INFO(line);
        if (line.find("upstream unavailable") != std::string::npos) ++with_page;
        CHECK(line.find(client_secret) == std::string::npos);
        CHECK(line.find(first_refresh_token) == std::string::npos);
        CHECK(line.find("refresh-rotated-5a6b7c") == std::string::npos);
    }
    CHECK(with_page == 2);  // the pages were logged, redacted
}
