// Where a request's credential comes from: a static token, or an OAuth access token refreshed
// before it expires. Implementations are thread-safe; at most one refresh runs at a time and the
// other callers wait for its result.
#pragma once

#include <string>

#include "connectors/http/http_message.hpp"
#include "plugin/model/status.hpp"

namespace sellerscore::connectors::http {

class AccessTokenSource {
public:
    virtual ~AccessTokenSource() = default;

    // The header to send ("Authorization: Bearer ...", "x-api-token: ..."). Refreshes first when
    // the token is missing or close to expiry. auth failures (invalid_grant, revoked) are
    // StatusCode::auth with the endpoint's own words, never the secret.
    virtual Result<Header> credential() = 0;

    // The server refused `rejected` (401): the next credential() refreshes unless another caller
    // already did. Returns false when the source cannot refresh (a static token): the 401 stands.
    virtual bool reject(const Header& rejected) = 0;
};

}  // namespace sellerscore::connectors::http
