// HTTP Basic credentials (RFC 7617), as Pipedrive sends them with each webhook delivery when the
// subscription was created with http_auth_user / http_auth_password.
#pragma once

#include <string_view>

namespace sellerscore::host::serve {

// True when `authorization` is "Basic base64(user:password)" for exactly these credentials; compared
// in constant time.
bool basic_credentials_match(std::string_view authorization, std::string_view user, std::string_view password);

}  // namespace sellerscore::host::serve
