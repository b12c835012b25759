// Verification of the JWT bearer flow's assertion: an RS256 signature checked with OpenSSL
// against the connected app's certificate key, then the claims Salesforce checks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace sellerscore::fakes {

struct JwtClaims {
    std::string iss, sub, aud;
    std::int64_t exp = 0;  // seconds since the epoch
};

// The claims of a well-formed RS256 JWT whose signature verifies with `public_key_pem` (a PEM
// public key or X.509 certificate, as uploaded to the connected app); nullopt
// for anything else (bad encoding, another algorithm, a wrong signature).
std::optional<JwtClaims> verify_rs256_jwt(const std::string& assertion, const std::string& public_key_pem);

std::optional<std::string> base64url_decode(const std::string& text);

}  // namespace sellerscore::fakes
