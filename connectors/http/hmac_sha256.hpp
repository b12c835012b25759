// HMAC-SHA256 (RFC 2104) and a comparison that takes the same time wherever the inputs differ:
// for checking the signatures vendors put on the requests they send us.
#pragma once

#include <string>
#include <string_view>

namespace sellerscore::connectors::http {

// The 32 raw bytes of HMAC-SHA256(key, message).
std::string hmac_sha256(std::string_view key, std::string_view message);

// Equal length and equal bytes; the time depends only on the length (CRYPTO_memcmp).
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace sellerscore::connectors::http
