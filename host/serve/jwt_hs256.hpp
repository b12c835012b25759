// A JSON Web Token (RFC 7519) signed with HS256 (RFC 7518 §3.2), as Pipedrive signs the requests of
// an app's JSON panel with the JWT secret set in Developer Hub. Only HS256 is accepted (never "none"
// or another algorithm named by the token itself), and an `exp` claim is required and enforced.
#pragma once

#include <cstdint>
#include <string_view>

#include <boost/json/object.hpp>

namespace sellerscore::host::serve {

enum class JwtCheck { valid, malformed, wrong_algorithm, bad_signature, expired };

struct JwtVerdict {
    JwtCheck check = JwtCheck::malformed;
    boost::json::object claims;  // only when valid
};

// `now_s`: Unix seconds. exp ≤ now is expired (RFC 7519 §4.1.4: "on or after").
JwtVerdict verify_jwt_hs256(std::string_view token, std::string_view secret, std::int64_t now_s);

}  // namespace sellerscore::host::serve
