// An HTTPS (or plain HTTP) server on 127.0.0.1 with an ephemeral port, for tests: it answers every
// request with the handler's response and plays the response's wire fault. Keep-alive, several
// connections at once (one thread each), stopped and joined by the destructor. The handler is
// called from several connection threads at once, so it must be thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "tests/fakes/fake_exchange.hpp"
#include "tests/fakes/test_certificates.hpp"

namespace sellerscore::fakes {

// The TLS versions the server offers: both by default; 1.2 only to show a client still talks to
// servers that have not moved to 1.3.
enum class TlsVersions { tls12_and_tls13, tls12_only };

class LoopbackServer {
public:
    // TLS with the given server certificate (TLS 1.2 and 1.3 accepted).
    LoopbackServer(FakeHandler handler, const ServerCertificate& certificate);
    LoopbackServer(FakeHandler handler, const ServerCertificate& certificate, TlsVersions versions);
    // Plain HTTP.
    explicit LoopbackServer(FakeHandler handler);
    ~LoopbackServer();
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;

    std::uint16_t port() const;
    // "https://localhost:<port>" or "http://127.0.0.1:<port>".
    std::string base_url() const;
    // Connections accepted so far (keep-alive reuse shows as fewer connections than requests).
    std::uint64_t connections_accepted() const;
    // The most connections that were open at the same time so far.
    std::uint64_t max_concurrent_connections() const;
    // The protocol of the last TLS handshake ("TLSv1.3"); empty before one and for plain HTTP.
    std::string last_tls_version() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace sellerscore::fakes
