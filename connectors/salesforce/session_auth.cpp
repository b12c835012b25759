#include "session_auth.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "jwt_assertion.hpp"

namespace sellerscore::connectors::salesforce {

void InstanceUrl::set_from_reply(const std::string& reply_body) {
    boost::system::error_code ec;
    const boost::json::value reply = boost::json::parse(reply_body, ec);
    if (ec || !reply.is_object()) return;
    std::lock_guard lock(mutex_);
    const auto* url = reply.as_object().if_contains("instance_url");
    if (url != nullptr && url->is_string()) url_ = std::string(url->as_string());
    const auto* identity = reply.as_object().if_contains("id");
    if (identity != nullptr && identity->is_string()) {
        const std::string_view text = identity->as_string();
        user_id_ = std::string(text.substr(text.rfind('/') + 1));
    }
}

std::string InstanceUrl::user_id() const {
    std::lock_guard lock(mutex_);
    return user_id_;
}

std::string InstanceUrl::get() const {
    std::lock_guard lock(mutex_);
    return url_;
}

Result<std::unique_ptr<http::OAuthTokenSource>> make_token_source(const AuthSettings& settings,
                                                                  std::shared_ptr<InstanceUrl> instance_url,
                                                                  http::LogSink log, http::Clock& clock) {
    std::string login = settings.login_url;
    while (!login.empty() && login.back() == '/') login.pop_back();

    http::OAuthSettings o;
    o.token_url = settings.token_url.empty() ? login + "/services/oauth2/token" : settings.token_url;
    o.client_id = settings.client_id;
    o.ca_file = settings.ca_file;
    o.retry = settings.retry;
    o.log = log;
    o.default_lifetime = settings.session_lifetime;
    o.on_token_reply = [instance_url](const std::string& body) { instance_url->set_from_reply(body); };

    const bool jwt = !settings.client_id.empty() && !settings.username.empty() && !settings.private_key_file.empty();
    const bool refresh =
        !settings.client_id.empty() && !settings.client_secret.empty() && !settings.refresh_token.empty();
    if (jwt) {
        if (Status st = check_private_key_file(settings.private_key_file); !st) return st;
        JwtClaims claims{settings.client_id, settings.username, login, 0};
        const std::string key = settings.private_key_file;
        o.grant_fields = [claims, key, &clock]() mutable -> Result<std::vector<std::pair<std::string, std::string>>> {
            // Salesforce accepts an exp at most 3 minutes ahead.
            claims.expires_at_s =
                std::chrono::duration_cast<std::chrono::seconds>(clock.wall_now().time_since_epoch()).count() + 180;
            auto assertion = sign_jwt_assertion(claims, key);
            if (!assertion) return assertion.status();
            return std::vector<std::pair<std::string, std::string>>{
                {"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"}, {"assertion", *assertion}};
        };
        // The JWT flow needs no refresh token; OAuthTokenSource carries a placeholder it never sends.
        o.refresh_token = "jwt-bearer";
    } else if (refresh) {
        o.client_secret = settings.client_secret;
        o.refresh_token = settings.refresh_token;
        o.client_auth = http::OAuthClientAuth::body;
        o.on_refresh_token_rotated = settings.on_refresh_token_rotated;
    } else {
        return Status(StatusCode::auth,
                      "salesforce: no credentials: set SELLERSCORE_SALESFORCE_CLIENT_ID with either _CLIENT_SECRET and "
                      "_REFRESH_TOKEN (refresh-token flow) or _USERNAME and _PRIVATE_KEY_FILE (JWT bearer flow)");
    }
    auto source = http::OAuthTokenSource::create(std::move(o), clock);
    if (!source) return source.status().prefixed("salesforce: ");
    return std::move(*source);
}

}  // namespace sellerscore::connectors::salesforce
