// HubSpot's OAuth v1 token endpoint for one app (refresh_token grant only) and the access tokens
// it issued, each valid for the configured lifetime.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "tests/fakes/fake_exchange.hpp"

namespace sellerscore::fakes {

class FakeHubSpotOAuth {
public:
    using TimePoint = std::chrono::steady_clock::time_point;
    enum class TokenState { unknown, valid, expired };

    FakeHubSpotOAuth(std::string client_id, std::string client_secret, std::string refresh_token,
                     std::chrono::seconds lifetime);

    // POST /oauth/v1/token.
    FakeResponse handle_token_request(const FakeRequest& request, TimePoint now, const std::string& correlation);
    TokenState check(const std::string& access_token, TimePoint now) const;
    // Whole seconds since an expired token expired (for HubSpot's "expired N second(s) ago").
    std::int64_t seconds_expired(const std::string& access_token, TimePoint now) const;
    std::uint64_t refresh_count() const { return refresh_count_; }

private:
    std::string client_id_;
    std::string client_secret_;
    std::string refresh_token_;
    std::chrono::seconds lifetime_;
    std::unordered_map<std::string, TimePoint> expiry_by_token_;
    std::uint64_t refresh_count_ = 0;
};

}  // namespace sellerscore::fakes
