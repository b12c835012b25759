// OAuth 2.0 access tokens from the refresh_token grant (RFC 6749 §6), refreshed before they expire
// (HubSpot's live 30 minutes), one refresh at a time, with rotated refresh tokens handed back to
// the caller to persist.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "connectors/http/access_token_source.hpp"
#include "connectors/http/clock.hpp"
#include "connectors/http/http_client.hpp"

namespace sellerscore::connectors::http {

// Where the client id and secret go (RFC 6749 §2.3.1): in the form body (HubSpot) or as HTTP Basic
// credentials (Pipedrive).
enum class OAuthClientAuth { body, basic };

struct OAuthSettings {
    std::string token_url;  // the full endpoint: "https://api.hubapi.com/oauth/v1/token"
    std::string client_id;
    std::string client_secret;
    std::string refresh_token;
    OAuthClientAuth client_auth = OAuthClientAuth::body;
    // Refresh this long before expiry (at most half the token's lifetime, so a short-lived token is
    // not refreshed on every request).
    std::chrono::seconds refresh_margin{300};
    std::chrono::seconds default_lifetime{1800};  // when the reply has no expires_in
    std::string ca_file;                          // extra trust anchors for the token endpoint
    // Called with the new refresh token when the endpoint rotates it; the old one may already be
    // dead, so the caller must persist this one. Runs under the source's lock (so rotations are
    // persisted in order): it must not call back into the source.
    std::function<void(const std::string&)> on_refresh_token_rotated;
    // When set, replaces the refresh_token grant's form fields (Salesforce's JWT bearer grant signs a
    // fresh assertion for every request); its failure is the refresh's failure.
    std::function<Result<std::vector<std::pair<std::string, std::string>>>()> grant_fields;
    // Sees the body of every accepted token reply, before the token is used (Salesforce sends the
    // org's instance_url there). Runs outside the source's lock.
    std::function<void(const std::string& reply_body)> on_token_reply;
    RetryPolicy retry;  // for the token endpoint's 429/5xx
    LogSink log;        // never receives a secret
};

class OAuthTokenSource final : public AccessTokenSource {
public:
    // Fails (invalid_argument) on a malformed token_url or an unreadable ca_file.
    static Result<std::unique_ptr<OAuthTokenSource>> create(OAuthSettings settings, Clock& clock = system_clock());

    // "Authorization: Bearer <access token>", refreshed first when missing or near expiry. While one
    // caller refreshes, the others wait and share its result, failure included. A refused refresh
    // (400 invalid_grant, 401) is StatusCode::auth "OAuth refresh at <host/path>: <error>: <description>".
    Result<Header> credential() override;
    // Drops the token if `rejected` carries it (another caller may already have a newer one); true.
    bool reject(const Header& rejected) override;

    // Refresh calls made so far, successful or not.
    std::uint64_t refreshes() const;

private:
    // What the token client's log lines must not show: the client secret and every refresh token
    // sent, rotated ones included. The client knows no credential of its own to redact, and an
    // endpoint (or a proxy's error page) may echo the form back (found by tests/fuzz/oauth_token_reply).
    class LogRedaction;

    OAuthTokenSource(OAuthSettings settings, std::unique_ptr<HttpClient> token_client, std::string token_path,
                     std::string endpoint_name, Clock& clock, std::shared_ptr<LogRedaction> redaction);

    struct Token {
        std::string access_token;
        std::chrono::seconds lifetime{0};
        std::string rotated_refresh_token;  // empty when the endpoint kept the old one
    };
    Result<Token> request_token(const std::string& refresh_token) const;
    Status failure(StatusCode code, const std::string& what, const std::string& refresh_token) const;

    const OAuthSettings settings_;
    const std::unique_ptr<HttpClient> token_client_;
    const std::string token_path_;
    const std::string endpoint_name_;  // "api.hubapi.com/oauth/v1/token", for messages
    Clock& clock_;
    const std::shared_ptr<LogRedaction> redaction_;

    mutable std::mutex mutex_;
    std::condition_variable refreshed_;
    std::string refresh_token_;
    std::string access_token_;
    std::chrono::steady_clock::time_point refresh_at_{};
    bool refreshing_ = false;
    std::uint64_t refreshes_ = 0;
    Status last_refresh_;
};

}  // namespace sellerscore::connectors::http
