#include "connectors/http/static_token_source.hpp"

namespace sellerscore::connectors::http {

StaticTokenSource::StaticTokenSource(std::string header_name, std::string value_prefix, std::string token)
    : header_{std::move(header_name), std::move(value_prefix) + token}, configured_(!token.empty()) {}

Result<Header> StaticTokenSource::credential() {
    if (!configured_) return Status{StatusCode::auth, "no API token configured"};
    return header_;
}

bool StaticTokenSource::reject(const Header&) { return false; }

}  // namespace sellerscore::connectors::http
