// What an OAuth 2.0 token endpoint (or anything between us and it) answers a refresh_token grant,
// through the real OAuthTokenSource and HttpClient: 2xx replies with or without access_token,
// expires_in and a rotated refresh_token, 4xx refusals with RFC 6749 error bodies, 429 and 5xx
// with Retry-After, pages that are not JSON. Three credential() calls, each token rejected after use
// so the next call refreshes again (rotations chain). Beyond not crashing:
//   - a credential is "Authorization: Bearer <something>";
//   - a rotated refresh token is never empty and never the one it replaces;
//   - no failure message and no log line holds the client secret or any refresh token sent, even
//     when the endpoint echoes them back;
//   - the source asks no more than the script answered plus the client's retries.
// The input is a conversation script (scripted_exchanges.hpp); its first byte picks where the client
// credentials go (form body as HubSpot, or HTTP Basic as Pipedrive).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/http/oauth_token_source.hpp"
#include "tests/fuzz/require_message.hpp"
#include "tests/fuzz/scripted_exchanges.hpp"
#include "tests/http/fake_clock.hpp"

namespace {

namespace http = sellerscore::connectors::http;

constexpr std::string_view client_secret = "fuzz-client-secret-7a41";
constexpr std::string_view first_refresh_token = "fuzz-refresh-token-0c9e";
constexpr int max_attempts = 3;
constexpr int calls = 3;

std::string_view script_for_transport;
sellerscore::fuzz::ScriptedExchanges* transport = nullptr;

// Says which property broke before aborting, so a crash file explains itself.
void check(bool condition, const char* property) {
    if (condition) return;
    std::fprintf(stderr, "oauth_token_reply: broken: %s\n", property);
    std::abort();
}

bool holds_secret(std::string_view text, const std::vector<std::string>& refresh_tokens) {
    if (text.find(client_secret) != std::string_view::npos) return true;
    for (const auto& token : refresh_tokens) {
        // As redact_secrets: a "token" of 1 to 3 characters is no secret, and would match ordinary words.
        if (token.size() >= 4 && text.find(token) != std::string_view::npos) return true;
    }
    return false;
}

}  // namespace

// OAuthTokenSource makes its own client, whose transport comes from here: the script instead of TLS.
// Defined in this target, the linker never takes tests/fuzz/no_tls_transport.cpp's from the archive.
namespace sellerscore::connectors::http {
Result<std::unique_ptr<HttpTransport>> make_tls_transport(const TransportOptions&) {
    auto scripted = std::make_unique<sellerscore::fuzz::ScriptedExchanges>(script_for_transport);
    transport = scripted.get();
    return std::unique_ptr<HttpTransport>(std::move(scripted));
}
}  // namespace sellerscore::connectors::http

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const bool basic = (data[0] & 1) != 0;
    script_for_transport = std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1);
    const std::size_t answered =
        static_cast<std::size_t>(std::count(script_for_transport.begin(), script_for_transport.end(), '#')) + 1;

    http::testing::FakeClock clock;
    std::vector<std::string> refresh_tokens{std::string(first_refresh_token)};
    bool leaked = false;
    http::OAuthSettings settings;
    settings.token_url = "https://api.hubapi.com/oauth/v1/token";
    settings.client_id = "fuzz-client-id";
    settings.client_secret = std::string(client_secret);
    settings.refresh_token = std::string(first_refresh_token);
    settings.client_auth = basic ? http::OAuthClientAuth::basic : http::OAuthClientAuth::body;
    settings.retry.max_attempts = max_attempts;
    settings.on_refresh_token_rotated = [&](const std::string& rotated) {
        check(!rotated.empty(), "a rotated refresh token is not empty");
        check(rotated != refresh_tokens.back(), "a rotated refresh token differs from the one it replaces");
        refresh_tokens.push_back(rotated);
    };
    settings.log = [&](http::LogLevel, const std::string& line) { leaked = leaked || holds_secret(line, refresh_tokens); };

    auto source = http::OAuthTokenSource::create(std::move(settings), clock);
    check(source.is_ok(), "the source is made");
    for (int call = 0; call < calls; ++call) {
        auto credential = (*source)->credential();
        if (!credential) {
            sellerscore::fuzz::require_message(credential.status());
            check(!holds_secret(credential.status().message(), refresh_tokens), "no failure message holds a secret");
            continue;
        }
        check(credential->name == "Authorization", "the credential is an Authorization header");
        check(credential->value.size() > 7 && credential->value.compare(0, 7, "Bearer ") == 0, "the credential is Bearer <token>");
        (*source)->reject(*credential);
    }
    check(!leaked, "no log line holds a secret");
    check(transport != nullptr && transport->exchanges() <= answered + max_attempts * calls, "the exchanges are bounded");
    return 0;
}
