// Base64 (RFC 4648 §4, with padding), for HTTP Basic authentication and signatures; base64url
// (§5, padding optional) for JSON Web Tokens.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sellerscore::connectors::http {

std::string base64_encode(std::string_view bytes);
std::string base64url_encode(std::string_view bytes);  // no padding, as JWTs carry it

// The bytes, or nullopt for a character outside the alphabet or a bad length.
std::optional<std::string> base64_decode(std::string_view text);
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace sellerscore::connectors::http
