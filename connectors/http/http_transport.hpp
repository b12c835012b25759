// One attempt of one request over a pooled connection: the only interface to Beast/Asio/OpenSSL.
// Retries, pacing and credentials are the HttpClient's job, above this.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "connectors/http/http_message.hpp"
#include "plugin/model/status.hpp"

namespace sellerscore::connectors::http {

struct TransportOptions {
    // "https://api.hubapi.com", "https://localhost:8443/prefix"; http:// only for a loopback host.
    std::string base_url;
    // A PEM file of extra trust anchors, added to the system store (a TLS-inspecting proxy, a test CA).
    std::string ca_file;
    std::chrono::milliseconds connect_timeout{10'000};  // resolve + TCP connect + TLS handshake
    std::chrono::milliseconds read_timeout{60'000};     // one read or write making no progress
    std::chrono::milliseconds total_timeout{180'000};   // the whole attempt, send to last byte
    std::size_t max_connections = 4;                    // open at once; callers beyond wait for one
    std::size_t max_request_bytes = 16u << 20;
    std::size_t max_response_bytes = 64u << 20;         // after inflating gzip
    std::string user_agent = "sellerscore";
};

// What happened on the wire during one exchange, for the retry decision above.
struct ExchangeTrace {
    // Some byte of the request was written: a failure after this may have reached the server,
    // so only an idempotent request may be sent again.
    bool request_written = false;
};

class HttpTransport {
public:
    virtual ~HttpTransport() = default;

    // Sends the request once and reads the whole response. Any HTTP status is a response; a
    // failure to get one is a Status: network (refused, reset, truncated body, TLS failure; the
    // message says which), timeout, or invalid_argument (request or response over its size cap).
    // A kept-alive connection the server closed while idle is replaced transparently (that is not
    // an attempt). Thread-safe: up to max_connections exchanges run at once, others wait.
    virtual Result<HttpResponse> exchange(const HttpRequest& request, ExchangeTrace& trace) = 0;
};

// The Beast + OpenSSL transport: TLS 1.2 or 1.3, peer and hostname verification against the system
// CA store plus `ca_file`, SNI, keep-alive reuse. Fails (invalid_argument) on a malformed URL, a
// non-loopback http:// URL, or an unreadable ca_file.
Result<std::unique_ptr<HttpTransport>> make_tls_transport(const TransportOptions& options);

}  // namespace sellerscore::connectors::http
