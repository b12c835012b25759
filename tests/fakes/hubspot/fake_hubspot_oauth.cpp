#include "fake_hubspot_oauth.hpp"

#include "tests/fakes/form_fields.hpp"

#include <cstdio>

#include <boost/json/object.hpp>

#include "fake_hubspot_response.hpp"

namespace sellerscore::fakes {
namespace {

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
    auto fields = parse_form_fields(request.body);
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
