// A small HTTPS server for crmhost serve: TLS 1.2+ from certificate and key files, or plain HTTP
// only on a loopback address (behind a reverse proxy that terminates TLS). Keep-alive, one thread
// per connection up to a cap, a body limit answered with 413. Beast/Asio stay in the .cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "connectors/http/server_exchange.hpp"
#include "plugin/model/status.hpp"

namespace sellerscore::connectors::http {

struct HttpsServerOptions {
    std::string bind_address = "127.0.0.1";
    std::uint16_t port = 0;  // 0: an ephemeral port (tests), read back with port()
    // Both or neither. Neither: plain HTTP, refused unless bind_address is a loopback address.
    std::optional<std::filesystem::path> certificate_chain_file;
    std::optional<std::filesystem::path> private_key_file;
    std::size_t max_body_bytes = 1 << 20;
    std::size_t max_connections = 256;
    int idle_timeout_seconds = 60;  // a keep-alive connection idle this long is closed
};

class HttpsServer {
public:
    // Binds, listens and starts accepting. invalid_argument for plain HTTP on a non-loopback address,
    // a missing or unreadable certificate or key, or an address that cannot be bound.
    static Result<std::unique_ptr<HttpsServer>> start(const HttpsServerOptions& options, ServerHandler handler);

    ~HttpsServer();  // stops: closes every connection and joins every thread
    HttpsServer(const HttpsServer&) = delete;
    HttpsServer& operator=(const HttpsServer&) = delete;

    std::uint16_t port() const;
    bool tls() const;

    struct Impl;

private:
    explicit HttpsServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback_address(const std::string& address);

}  // namespace sellerscore::connectors::http
