// How the connector gets its access token and learns the org's instance URL: the OAuth refresh-token
// flow (connected app client id/secret + refresh token) or the JWT bearer flow (client id + username +
// private key), both through connectors/http's OAuthTokenSource. Salesforce answers without expires_in
// (the session lasts the org's timeout); an INVALID_SESSION_ID 401 makes the client refresh once.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "connectors/http/clock.hpp"
#include "connectors/http/http_client.hpp"
#include "connectors/http/oauth_token_source.hpp"

namespace sellerscore::connectors::salesforce {

struct AuthSettings {
    std::string login_url = "https://login.salesforce.com";  // also the JWT audience
    std::string token_url;                                   // default: login_url + "/services/oauth2/token"
    std::string client_id, client_secret, refresh_token;     // refresh-token flow
    std::string username, private_key_file;                  // JWT bearer flow (with client_id)
    std::string ca_file;
    std::chrono::seconds session_lifetime{1800};  // assumed, since the reply has no expires_in
    http::RetryPolicy retry;
    std::function<void(const std::string&)> on_refresh_token_rotated;
};

// What the latest token reply said about the session: instance_url (the org's own host: API calls go
// there, not to login) and the integration user's id (the last segment of the identity URL "id").
class InstanceUrl {
public:
    void set_from_reply(const std::string& reply_body);
    std::string get() const;
    std::string user_id() const;

private:
    mutable std::mutex mutex_;
    std::string url_;
    std::string user_id_;
};

// auth when neither flow's credentials are complete; the JWT key file is checked (mode, format) here,
// before any request.
Result<std::unique_ptr<http::OAuthTokenSource>> make_token_source(const AuthSettings& settings,
                                                                  std::shared_ptr<InstanceUrl> instance_url,
                                                                  http::LogSink log, http::Clock& clock);

}  // namespace sellerscore::connectors::salesforce
