#include "fake_hubspot_oauth.hpp"

#include <cstdio>

#include <boost/json/object.hpp>

#include "fake_hubspot_response.hpp"

namespace sellerscore::fakes {
namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string form_decode(std::string_view text) {
    std::string decoded;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            decoded += ' ';
        } else if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 && hex_digit(text[i + 2]) >= 0) {
            decoded += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
            i += 2;
        } else {
            decoded += text[i];
        }
    }
    return decoded;
}

FakeResponse bad_grant(int status, const char* hubspot_status, const char* error, std::string message,
                       const std::string& correlation) {
    boost::json::object body;
    body["status"] = hubspot_status;
    body["message"] = message;
    body["correlationId"] = correlation;
    body["error"] = error;
    body["error_description"] = message;
    return json_response(status, body);
}

}  // namespace

std::unordered_map<std::string, std::string> parse_form(const std::string& body) {
    std::unordered_map<std::string, std::string> fields;
    std::string_view rest = body;
    while (!rest.empty()) {
        const std::size_t amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        const std::size_t equals = pair.find('=');
        if (equals != std::string_view::npos)
            fields[form_decode(pair.substr(0, equals))] = form_decode(pair.substr(equals + 1));
        else if (!pair.empty())
            fields[form_decode(pair)] = "";
        if (amp == std::string_view::npos) break;
        rest.remove_prefix(amp + 1);
    }
    return fields;
}

FakeHubSpotOAuth::FakeHubSpotOAuth(std::string client_id, std::string client_secret, std::string refresh_token,
                                   std::chrono::seconds lifetime)
    : client_id_(std::move(client_id)),
      client_secret_(std::move(client_secret)),
      refresh_token_(std::move(refresh_token)),
      lifetime_(lifetime) {}

FakeResponse FakeHubSpotOAuth::handle_token_request(const FakeRequest& request, TimePoint now,
                                                    const std::string& correlation) {
    const auto content_type = request.headers.find("content-type");
    if (content_type == request.headers.end() ||
        content_type->second.find("application/x-www-form-urlencoded") == std::string::npos)
        return bad_grant(400, "BAD_REQUEST", "invalid_request",
                         "the request must be sent as application/x-www-form-urlencoded", correlation);
    auto fields = parse_form(request.body);
    if (fields["grant_type"] != "refresh_token")
        return bad_grant(400, "BAD_GRANT_TYPE", "unsupported_grant_type", "grant_type must be refresh_token", correlation);
    if (fields["client_id"] != client_id_)
        return bad_grant(400, "BAD_CLIENT_ID", "invalid_client", "missing or unknown client id", correlation);
    // The refresh token belongs to the app: a wrong secret or token is refused the same way.
    if (fields["client_secret"] != client_secret_ || fields["refresh_token"] != refresh_token_)
        return bad_grant(400, "BAD_REFRESH_TOKEN", "invalid_grant", "missing or unknown refresh token", correlation);

    ++refresh_count_;
    char token[64];
    std::snprintf(token, sizeof token, "CO-fake-oauth-%06llu-na1", static_cast<unsigned long long>(refresh_count_));
    expiry_by_token_[token] = now + lifetime_;

    boost::json::object body;
    body["token_type"] = "bearer";
    body["refresh_token"] = refresh_token_;
    body["access_token"] = token;
    body["expires_in"] = lifetime_.count();
    return json_response(200, body);
}

FakeHubSpotOAuth::TokenState FakeHubSpotOAuth::check(const std::string& access_token, TimePoint now) const {
    const auto found = expiry_by_token_.find(access_token);
    if (found == expiry_by_token_.end()) return TokenState::unknown;
    return now < found->second ? TokenState::valid : TokenState::expired;
}

std::int64_t FakeHubSpotOAuth::seconds_expired(const std::string& access_token, TimePoint now) const {
    const auto found = expiry_by_token_.find(access_token);
    if (found == expiry_by_token_.end()) return 0;
    return std::chrono::duration_cast<std::chrono::seconds>(now - found->second).count();
}

}  // namespace sellerscore::fakes
