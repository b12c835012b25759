#include "host/serve/jwt_hs256.hpp"

#include <optional>

#include <boost/json/parse.hpp>

#include "connectors/http/base64.hpp"
#include "connectors/http/hmac_sha256.hpp"

namespace sellerscore::host::serve {

namespace http = connectors::http;
namespace json = boost::json;

namespace {

std::optional<json::object> decode_object(std::string_view part) {
    const auto bytes = http::base64url_decode(part);
    if (!bytes) return std::nullopt;
    json::error_code ec;
    json::value v = json::parse(*bytes, ec);
    if (ec || !v.is_object()) return std::nullopt;
    return std::move(v.as_object());
}

}  // namespace

JwtVerdict verify_jwt_hs256(std::string_view token, std::string_view secret, std::int64_t now_s) {
    const std::size_t first = token.find('.');
    const std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) return {};
    const std::string_view header_part = token.substr(0, first);
    const std::string_view claims_part = token.substr(first + 1, second - first - 1);
    const std::string_view signature_part = token.substr(second + 1);

    const auto header = decode_object(header_part);
    if (!header) return {};
    const json::value* alg = header->if_contains("alg");
    if (alg == nullptr || !alg->is_string() || alg->get_string() != "HS256") return {JwtCheck::wrong_algorithm, {}};

    const auto signature = http::base64url_decode(signature_part);
    if (!signature) return {};
    const std::string expected = http::hmac_sha256(secret, token.substr(0, second));
    if (!http::constant_time_equal(expected, *signature)) return {JwtCheck::bad_signature, {}};

    auto claims = decode_object(claims_part);
    if (!claims) return {};
    const json::value* exp = claims->if_contains("exp");
    if (exp == nullptr || !exp->is_number()) return {JwtCheck::expired, {}};
    json::error_code ec;
    const double expiry = exp->to_number<double>(ec);
    if (ec || expiry <= static_cast<double>(now_s)) return {JwtCheck::expired, {}};
    return {JwtCheck::valid, std::move(*claims)};
}

}  // namespace sellerscore::host::serve
