// The query of a request target ("/path?a=1&b=x%20y") as name -> value, percent-decoded ('+' is a
// space, as in form encoding), and the path before it.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace sellerscore::host::serve {

std::string_view target_path(std::string_view target);
std::map<std::string, std::string> query_parameters(std::string_view target);

}  // namespace sellerscore::host::serve
