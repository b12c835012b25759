// The JWT bearer grant's assertion (RFC 7523, Salesforce "OAuth 2.0 JWT Bearer Flow"): header
// {"alg":"RS256"}, claims iss = connected app's client id, sub = the integration user's username,
// aud = the login URL, exp = now + 3 minutes at most; signed RS256 with the app certificate's private key.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "plugin/model/status.hpp"

namespace sellerscore::connectors::salesforce {

struct JwtClaims {
    std::string issuer;    // client id (consumer key)
    std::string subject;   // username
    std::string audience;  // "https://login.salesforce.com", "https://test.salesforce.com" or the My Domain URL
    std::int64_t expires_at_s = 0;  // Unix seconds
};

// The private key file must be readable by its owner only (no group/other bits, as with mode 0600):
// a key others can read is refused with one line, before it is opened.
Status check_private_key_file(const std::string& path);

// "<base64url header>.<base64url claims>.<base64url RS256 signature>".
Result<std::string> sign_jwt_assertion(const JwtClaims& claims, const std::string& private_key_path);

// Base64url without padding (RFC 7515 §2).
std::string base64url(std::string_view bytes);

}  // namespace sellerscore::connectors::salesforce
