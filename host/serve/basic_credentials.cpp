#include "host/serve/basic_credentials.hpp"

#include <string>

#include "connectors/http/base64.hpp"
#include "connectors/http/hmac_sha256.hpp"

namespace sellerscore::host::serve {

bool basic_credentials_match(std::string_view authorization, std::string_view user, std::string_view password) {
    constexpr std::string_view scheme = "Basic ";
    if (authorization.size() <= scheme.size()) return false;
    for (std::size_t i = 0; i < scheme.size() - 1; ++i) {
        if ((authorization[i] | 0x20) != (scheme[i] | 0x20)) return false;
    }
    if (authorization[scheme.size() - 1] != ' ') return false;
    const auto decoded = connectors::http::base64_decode(authorization.substr(scheme.size()));
    if (!decoded) return false;
    std::string expected(user);
    expected += ':';
    expected += password;
    return connectors::http::constant_time_equal(*decoded, expected);
}

}  // namespace sellerscore::host::serve
