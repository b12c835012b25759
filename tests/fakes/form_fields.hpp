// application/x-www-form-urlencoded bodies, as the fake vendors' OAuth token endpoints receive them.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace sellerscore::fakes {

// "a=1&b=x%20y+z&flag" -> {a: "1", b: "x y z", flag: ""}. A malformed %-escape is kept as text, as
// lenient servers do; a later duplicate name wins.
std::unordered_map<std::string, std::string> parse_form_fields(std::string_view body);

}  // namespace sellerscore::fakes
