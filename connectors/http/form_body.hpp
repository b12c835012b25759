// application/x-www-form-urlencoded bodies, as OAuth token endpoints take them (RFC 6749 §4.1.3,
// HTML's form encoding: unreserved characters kept, space as '+', everything else %XX).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sellerscore::connectors::http {

// One name or value, form-encoded.
std::string form_encode(std::string_view text);

// "a=1&b=x+y" from the pairs, in order.
std::string form_body(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace sellerscore::connectors::http
