// Pipedrive's OAuth token endpoint (POST /oauth/token, refresh_token grant, client credentials in
// HTTP Basic) for one app and one installation, and the access tokens it issued. Every refresh
// rotates the refresh token: the one just used is spent ("it was already exchanged"). Errors answer
// {"success":false,"error":"invalid_grant"|..,"message":"Invalid grant: refresh_token is invalid"}
// with the messages of Pipedrive's OAuth status-code page.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "tests/fakes/fake_exchange.hpp"

namespace sellerscore::fakes::pipedrive {

class OAuthServer {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    OAuthServer(std::string client_id, std::string client_secret, std::string refresh_token,
                std::chrono::seconds lifetime, std::string scope);

    FakeResponse handle_token_request(const FakeRequest& request, TimePoint now, const std::string& api_domain);
    // Whether `access_token` was issued here and has not expired at `now`.
    bool is_valid(const std::string& access_token, TimePoint now) const;
    std::uint64_t refresh_count() const { return refresh_count_; }

private:
    std::string client_id_;
    std::string client_secret_;
    std::string current_refresh_token_;
    std::chrono::seconds lifetime_;
    std::string scope_;
    std::unordered_map<std::string, TimePoint> expiry_by_token_;
    std::uint64_t refresh_count_ = 0;
};

}  // namespace sellerscore::fakes::pipedrive
