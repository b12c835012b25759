#include "host/serve/hubspot_request_signature.hpp"

#include <array>
#include <charconv>
#include <cctype>
#include <utility>

#include "connectors/http/base64.hpp"
#include "connectors/http/hmac_sha256.hpp"

namespace sellerscore::host::serve {

namespace http = connectors::http;

std::string hubspot_signed_uri(std::string_view uri) {
    static constexpr std::array<std::pair<std::string_view, char>, 12> decoded{{{"3A", ':'},
                                                                                {"2F", '/'},
                                                                                {"3F", '?'},
                                                                                {"40", '@'},
                                                                                {"21", '!'},
                                                                                {"24", '$'},
                                                                                {"27", '\''},
                                                                                {"28", '('},
                                                                                {"29", ')'},
                                                                                {"2A", '*'},
                                                                                {"2C", ','},
                                                                                {"3B", ';'}}};
    std::string out;
    out.reserve(uri.size());
    for (std::size_t i = 0; i < uri.size(); ++i) {
        if (uri[i] == '%' && i + 2 < uri.size()) {
            std::string hex{static_cast<char>(std::toupper(static_cast<unsigned char>(uri[i + 1]))),
                            static_cast<char>(std::toupper(static_cast<unsigned char>(uri[i + 2])))};
            bool replaced = false;
            for (const auto& [code, c] : decoded) {
                if (hex == code) {
                    out += c;
                    i += 2;
                    replaced = true;
                    break;
                }
            }
            if (replaced) continue;
        }
        out += uri[i];
    }
    return out;
}

std::string hubspot_v3_source(const HubSpotSignedRequest& request) {
    std::string source(request.method);
    source += hubspot_signed_uri(request.uri);
    source += request.body;
    source += request.timestamp;
    return source;
}

SignatureCheck check_hubspot_v3(const HubSpotSignedRequest& request, std::string_view client_secret,
                                std::int64_t now_ms) {
    if (request.signature.empty() || request.timestamp.empty()) return SignatureCheck::missing;
    std::int64_t timestamp = 0;
    const auto [end, ec] =
        std::from_chars(request.timestamp.data(), request.timestamp.data() + request.timestamp.size(), timestamp);
    if (ec != std::errc() || end != request.timestamp.data() + request.timestamp.size()) return SignatureCheck::missing;
    // Compared against the window's edges, not as now − timestamp: a timestamp near INT64_MIN overflowed that
    // difference (found by tests/fuzz/serve_request_auth).
    if (timestamp < now_ms - hubspot_signature_max_age_ms || timestamp > now_ms + hubspot_signature_max_age_ms)
        return SignatureCheck::stale;
    const std::string expected = http::base64_encode(http::hmac_sha256(client_secret, hubspot_v3_source(request)));
    return http::constant_time_equal(expected, request.signature) ? SignatureCheck::valid : SignatureCheck::mismatch;
}

}  // namespace sellerscore::host::serve
