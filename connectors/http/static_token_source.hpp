// A credential that never changes: a private-app token ("Authorization: Bearer ...") or an API
// token in a vendor header ("x-api-token: ..."). A 401 with it stands: there is nothing to refresh.
#pragma once

#include <string>

#include "connectors/http/access_token_source.hpp"

namespace sellerscore::connectors::http {

class StaticTokenSource final : public AccessTokenSource {
public:
    // ("Authorization", "Bearer ", token) or ("x-api-token", "", token).
    StaticTokenSource(std::string header_name, std::string value_prefix, std::string token);

    // The header; StatusCode::auth when the token is empty (not configured).
    Result<Header> credential() override;
    bool reject(const Header& rejected) override;

private:
    Header header_;
    bool configured_;
};

}  // namespace sellerscore::connectors::http
