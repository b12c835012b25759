// The request checks of `crmhost serve`, fed what anyone on the internet can send: HubSpot's v3
// signature (X-HubSpot-Signature-v3 and its timestamp over method, URI and body), a Pipedrive
// panel's HS256 JWT, and a webhook's HTTP Basic credentials. Beyond not crashing:
//   - HubSpot: a valid verdict needs a timestamp within 5 minutes of now; a request signed the way
//     HubSpot documents it (computed here from the secret) passes, and fails under another secret;
//     a URI without '%' is signed as sent.
//   - JWT: a valid verdict carries an `exp` after now; a token built here with HS256 over the fuzzed
//     claims passes exactly when the claims are an object with a numeric exp after now, and is
//     bad_signature under another secret; the same token with "alg": "none" is never valid.
//   - Basic: a match decodes to exactly user:password; the header built here from the fuzzed user and
//     password matches them, and not a password one character longer.
// Input: lines method, URI, timestamp, signature, JWT, Authorization, user, password; the rest is the body.
#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <boost/json/parse.hpp>

#include "connectors/http/base64.hpp"
#include "connectors/http/hmac_sha256.hpp"
#include "host/serve/basic_credentials.hpp"
#include "host/serve/hubspot_request_signature.hpp"
#include "host/serve/jwt_hs256.hpp"

namespace {

namespace http = sellerscore::connectors::http;
namespace serve = sellerscore::host::serve;

constexpr std::int64_t now_ms = 1772366400000;  // Sun, 01 Mar 2026 12:00:00 GMT
constexpr std::int64_t now_s = now_ms / 1000;
constexpr std::string_view secret = "fuzz-client-secret-3f1b";
constexpr std::string_view other_secret = "fuzz-client-secret-3f1c";

// Says which property broke before aborting, so a crash file explains itself.
void check(bool condition, const char* property) {
    if (condition) return;
    std::fprintf(stderr, "serve_request_auth: broken: %s\n", property);
    std::abort();
}

// The next line of `input`, consumed; the rest once no newline is left.
std::string_view next_line(std::string_view& input) {
    const std::size_t end = input.find('\n');
    const std::string_view line = input.substr(0, end);
    input.remove_prefix(end == std::string_view::npos ? input.size() : end + 1);
    return line;
}

void hubspot(std::string_view method, std::string_view uri, std::string_view timestamp, std::string_view signature,
             std::string_view body) {
    const serve::HubSpotSignedRequest request{method, uri, body, timestamp, signature};
    if (serve::check_hubspot_v3(request, secret, now_ms) == serve::SignatureCheck::valid) {
        std::int64_t at = 0;
        const auto [end, ec] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), at);
        check(ec == std::errc() && end == timestamp.data() + timestamp.size(), "a valid HubSpot timestamp is a whole number");
        check(at >= now_ms - serve::hubspot_signature_max_age_ms && at <= now_ms + serve::hubspot_signature_max_age_ms,
              "a valid HubSpot timestamp is within 5 minutes of now");
    }
    if (uri.find('%') == std::string_view::npos) check(serve::hubspot_signed_uri(uri) == uri, "a URI without % is signed as sent");

    // Signed as HubSpot signs: base64(HMAC-SHA256(secret, method + URI + body + timestamp)).
    const std::string fresh = std::to_string(now_ms - 1000);
    serve::HubSpotSignedRequest signed_request{method, uri, body, fresh, {}};
    const std::string good = http::base64_encode(http::hmac_sha256(secret, serve::hubspot_v3_source(signed_request)));
    signed_request.signature = good;
    check(serve::check_hubspot_v3(signed_request, secret, now_ms) == serve::SignatureCheck::valid,
          "a request signed as HubSpot signs passes");
    check(serve::check_hubspot_v3(signed_request, other_secret, now_ms) == serve::SignatureCheck::mismatch,
          "a signed request fails under another secret");
}

std::string jwt_over(std::string_view header_json, std::string_view claims, std::string_view key) {
    std::string token = http::base64url_encode(header_json) + "." + http::base64url_encode(claims);
    return token + "." + http::base64url_encode(http::hmac_sha256(key, token));
}

void pipedrive_jwt(std::string_view token, std::string_view claims) {
    const serve::JwtVerdict verdict = serve::verify_jwt_hs256(token, secret, now_s);
    if (verdict.check == serve::JwtCheck::valid) {
        const auto* exp = verdict.claims.if_contains("exp");
        check(exp != nullptr && exp->is_number() && exp->to_number<double>() > static_cast<double>(now_s),
              "a valid JWT has an exp after now");
    }

    boost::json::error_code ec;
    const boost::json::value parsed = boost::json::parse(claims, ec);
    const boost::json::value* exp = !ec && parsed.is_object() ? parsed.get_object().if_contains("exp") : nullptr;
    const bool unexpired = exp != nullptr && exp->is_number() && exp->to_number<double>() > static_cast<double>(now_s);

    const std::string built = jwt_over(R"({"alg":"HS256","typ":"JWT"})", claims, secret);
    const serve::JwtCheck got = serve::verify_jwt_hs256(built, secret, now_s).check;
    check(got == (unexpired ? serve::JwtCheck::valid : !ec && parsed.is_object() ? serve::JwtCheck::expired
                                                                                  : serve::JwtCheck::malformed),
          "an HS256 JWT built here passes exactly when its claims have an exp after now");
    check(serve::verify_jwt_hs256(built, other_secret, now_s).check == serve::JwtCheck::bad_signature,
          "a JWT fails under another secret");
    check(serve::verify_jwt_hs256(jwt_over(R"({"alg":"none","typ":"JWT"})", claims, secret), secret, now_s).check !=
              serve::JwtCheck::valid,
          "alg none never passes");
}

void basic(std::string_view authorization, std::string_view user, std::string_view password) {
    if (serve::basic_credentials_match(authorization, user, password)) {
        check(authorization.size() > 6, "a matching Authorization has credentials");
        const auto decoded = http::base64_decode(authorization.substr(6));
        check(decoded && *decoded == std::string(user) + ":" + std::string(password), "a match decodes to user:password");
    }
    const std::string header = "Basic " + http::base64_encode(std::string(user) + ":" + std::string(password));
    check(serve::basic_credentials_match(header, user, password), "Basic base64(user:password) matches");
    check(!serve::basic_credentials_match(header, user, std::string(password) + "x"), "another password does not match");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::array<std::string_view, 8> lines{};
    for (auto& line : lines) line = next_line(input);
    const auto& [method, uri, timestamp, signature, token, authorization, user, password] = lines;
    hubspot(method, uri, timestamp, signature, input);
    // The JWT line doubles as the claims of the token built here, the body as a second one.
    pipedrive_jwt(token, token);
    pipedrive_jwt(token, input);
    basic(authorization, user, password);
    return 0;
}
