// Base64 (RFC 4648 §4, with padding), for HTTP Basic client authentication.
#pragma once

#include <string>
#include <string_view>

namespace sellerscore::connectors::http {

std::string base64_encode(std::string_view bytes);

}  // namespace sellerscore::connectors::http
