// The OAuth 2.0 token endpoint (POST /services/oauth2/token) and the sessions it issues:
// refresh-token flow and JWT bearer flow, both acting as the integration user. Sessions live
// session_lifetime from issue (no expires_in in the reply, as Salesforce sends none); an expired,
// revoked or unknown token is INVALID_SESSION_ID.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "fake_salesforce.hpp"

namespace sellerscore::fakes {

class SfOAuth {
public:
    explicit SfOAuth(const FakeSalesforceOptions& options) : options_(options), refresh_token_(options.refresh_token) {}

    // `user_id` is the integration user's record id (for the reply's identity URL).
    FakeResponse token(const FakeRequest& request, const std::string& user_id, const std::string& instance_url);
    // The user a live session acts as; nullopt for an unknown or expired token.
    std::optional<std::string> session_user(const std::string& access_token) const;
    // Every session ends now (the expire_session fault, an admin revoking sessions).
    void expire_all() { sessions_.clear(); }
    std::uint64_t tokens_issued() const { return issued_; }

private:
    FakeResponse issue(const std::string& user_id, const std::string& instance_url, bool with_refresh_token);

    struct Session {
        std::string user_id;
        std::chrono::steady_clock::time_point expires_at;
    };
    const FakeSalesforceOptions& options_;
    std::string refresh_token_;
    std::map<std::string, Session> sessions_;
    std::uint64_t issued_ = 0;
};

}  // namespace sellerscore::fakes
