// Retry-After (RFC 9110 §10.2.3): a delay in seconds or an HTTP-date.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace sellerscore::connectors::http {

// The wait the server asks for: "120" -> 120 s; "Sun, 06 Nov 1994 08:49:37 GMT" (IMF-fixdate, and
// the obsolete RFC 850 and asctime forms RFC 9110 still requires recipients to read) -> that
// instant minus wall_now, 0 when it has passed. nullopt when the value is neither.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point wall_now);

}  // namespace sellerscore::connectors::http
