// The client's base URL taken apart once, so the transport never re-parses it per request.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "plugin/model/status.hpp"

namespace sellerscore::connectors::http {

struct BaseUrl {
    bool tls = true;
    std::string host;         // for resolving, SNI and certificate checks: "api.hubapi.com", "::1"
    bool host_is_ip = false;  // an IP literal gets no SNI (RFC 6066 allows host names only)
    std::uint16_t port = 443;
    std::string host_header;  // "localhost:8443", "[::1]:8080"; the port only when not the default
    std::string path_prefix;  // "" or "/prefix" (no trailing slash), put in front of every target

    // "https://localhost:8443": scheme, host and port, without the prefix.
    std::string origin() const;
};

// https://host[:port][/prefix], or http:// for 127.0.0.1, ::1 or localhost only. No user info,
// query or fragment: those would be sent nowhere or leak into logs.
Result<BaseUrl> parse_base_url(std::string_view text);

}  // namespace sellerscore::connectors::http
