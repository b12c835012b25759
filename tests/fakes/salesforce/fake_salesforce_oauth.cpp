#include "fake_salesforce_oauth.hpp"

#include "tests/fakes/form_fields.hpp"

#include <cstdio>

#include <boost/json/object.hpp>

#include "fake_salesforce_jwt.hpp"
#include "fake_salesforce_response.hpp"

namespace sellerscore::fakes {
namespace {

constexpr const char* org_id = "00D5g000004FAKEEA0";
constexpr const char* jwt_grant = "urn:ietf:params:oauth:grant-type:jwt-bearer";
constexpr std::int64_t max_assertion_lifetime_ms = 180'000;

}  // namespace

FakeResponse SfOAuth::token(const FakeRequest& request, const std::string& user_id, const std::string& instance_url) {
    if (request.method != "POST") return sf_oauth_error(400, "invalid_request", "must use HTTP POST");
    std::unordered_map<std::string, std::string> form = parse_form_fields(request.body);
    // Salesforce also accepts the parameters in the query string; the body wins here.
    for (const auto& [name, value] : request.query) form.try_emplace(name, value);
    const std::string grant = form["grant_type"];
    if (grant == "refresh_token") {
        if (form["client_id"] != options_.client_id) return sf_oauth_error(400, "invalid_client_id", "client identifier invalid");
        if (form["client_secret"] != options_.client_secret)
            return sf_oauth_error(400, "invalid_client", "invalid client credentials");
        if (form["refresh_token"] != refresh_token_) return sf_oauth_error(400, "invalid_grant", "expired access/refresh token");
        return issue(user_id, instance_url, options_.rotate_refresh_token);
    }
    if (grant == jwt_grant) {
        if (options_.jwt_public_key_pem.empty())
            return sf_oauth_error(400, "invalid_grant", "invalid assertion");  // no certificate uploaded on the app
        const std::optional<JwtClaims> claims = verify_rs256_jwt(form["assertion"], options_.jwt_public_key_pem);
        if (!claims) return sf_oauth_error(400, "invalid_grant", "invalid assertion");
        if (claims->iss != options_.client_id) return sf_oauth_error(400, "invalid_client_id", "client identifier invalid");
        if (claims->aud != options_.login_url) return sf_oauth_error(400, "invalid_grant", "audience is invalid");
        const std::int64_t now_ms = options_.epoch_ms_now();
        if (claims->exp * 1000 <= now_ms) return sf_oauth_error(400, "invalid_grant", "expired authorization code");
        // Salesforce's help: the assertion's exp must lie within 3 minutes.
        if (claims->exp * 1000 > now_ms + max_assertion_lifetime_ms) return sf_oauth_error(400, "invalid_grant", "invalid assertion");
        if (claims->sub != options_.username) return sf_oauth_error(400, "invalid_grant", "user hasn't approved this consumer");
        return issue(user_id, instance_url, false);  // the JWT flow never returns a refresh token
    }
    return sf_oauth_error(400, "unsupported_grant_type", "grant type not supported");
}

FakeResponse SfOAuth::issue(const std::string& user_id, const std::string& instance_url, bool with_refresh_token) {
    ++issued_;
    char token[96];
    std::snprintf(token, sizeof token, "%s!AQ0AQFakeSession.%06llu", org_id, static_cast<unsigned long long>(issued_));
    sessions_[token] = {user_id, options_.steady_now() + options_.session_lifetime};
    boost::json::object body;
    body["access_token"] = token;
    body["signature"] = "fAkEsIgNaTuRe" + std::to_string(issued_) + "=";
    body["scope"] = "refresh_token api";
    body["instance_url"] = instance_url;
    body["id"] = options_.login_url + "/id/" + org_id + "/" + user_id;
    body["token_type"] = "Bearer";
    body["issued_at"] = std::to_string(options_.epoch_ms_now());
    if (with_refresh_token) {
        refresh_token_ = options_.refresh_token + ".rotated" + std::to_string(issued_);
        body["refresh_token"] = refresh_token_;
    }
    return sf_json(200, body);
}

std::optional<std::string> SfOAuth::session_user(const std::string& access_token) const {
    const auto found = sessions_.find(access_token);
    if (found == sessions_.end() || options_.steady_now() >= found->second.expires_at) return std::nullopt;
    return found->second.user_id;
}

}  // namespace sellerscore::fakes
