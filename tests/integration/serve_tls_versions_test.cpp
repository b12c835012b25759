// crmhost serve with --cert/--key speaks TLS 1.2 and 1.3 only (issue 14: "TLS 1.2+"): an OpenSSL client
// on loopback, its highest version capped with SSL_CTX_set_max_proto_version, is refused below 1.2 with
// the protocol_version alert and completes the handshake at 1.2 and 1.3. The same client completes a
// TLS 1.1 handshake with a server that allows 1.1, so a refusal is serve's doing, not the client's.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include "host_scratch_directory.hpp"
#include "host_test_process.hpp"
#include "serve_child.hpp"
#include "tests/fakes/test_certificates.hpp"

using sellerscore::host::testing::eventually;
using sellerscore::host::testing::read_whole_file;
using sellerscore::host::testing::run_crmhost;
using sellerscore::host::testing::ScratchDirectory;
using sellerscore::host::testing::ServeChild;
using sellerscore::host::testing::serve_listening_port;
namespace fakes = sellerscore::fakes;

namespace {

struct Handshake {
    bool completed = false;
    int version = 0;                 // SSL_version() when completed: TLS1_2_VERSION, ...
    int reason = 0;                  // ERR_GET_REASON of the first error when not
    std::string status_line;         // the answer to GET /health when completed
};

int connect_loopback(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// A client that offers every version from TLS 1.0 up to `max_version`. OpenSSL 3 itself refuses TLS 1.0
// and 1.1 above security level 0 (their handshake signatures use SHA-1), so the client runs at level 0:
// otherwise it would never send a TLS 1.1 ClientHello and the refusal would prove nothing.
Handshake handshake_up_to(int port, int max_version) {
    Handshake result;
    std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> context(SSL_CTX_new(TLS_client_method()), SSL_CTX_free);
    SSL_CTX_set_security_level(context.get(), 0);
    SSL_CTX_set_cipher_list(context.get(), "DEFAULT:@SECLEVEL=0");
    SSL_CTX_set_min_proto_version(context.get(), TLS1_VERSION);
    SSL_CTX_set_max_proto_version(context.get(), max_version);
    SSL_CTX_set_verify(context.get(), SSL_VERIFY_NONE, nullptr);  // versions are under test, not the chain
    const int fd = connect_loopback(port);
    REQUIRE(fd >= 0);
    std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(context.get()), SSL_free);
    SSL_set_fd(ssl.get(), fd);
    SSL_set_tlsext_host_name(ssl.get(), "localhost");
    ERR_clear_error();
    if (SSL_connect(ssl.get()) == 1) {
        result.completed = true;
        result.version = SSL_version(ssl.get());
        const std::string request = "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        SSL_write(ssl.get(), request.data(), static_cast<int>(request.size()));
        std::string answer;
        char buffer[512];
        int n = 0;
        while ((n = SSL_read(ssl.get(), buffer, sizeof buffer)) > 0) answer.append(buffer, static_cast<std::size_t>(n));
        result.status_line = answer.substr(0, answer.find("\r\n"));
        SSL_shutdown(ssl.get());
    } else {
        result.reason = ERR_GET_REASON(ERR_peek_error());
    }
    ::close(fd);
    return result;
}

// crmhost serve over TLS from the throwaway certificate, on an ephemeral loopback port, with a local CRM
// and no scorecard yet: /health answers 503, which is enough to show the request got through.
struct TlsServe {
    ScratchDirectory dir;
    fakes::ServerCertificate certificate = fakes::make_server_certificate();
    std::unique_ptr<ServeChild> child;
    int port = 0;

    TlsServe() {
        dir.write("sellerscore.json", R"({"connector":"local","local":{"database":"crm.sqlite"},"state_dir":"state"})");
        dir.write("ndjson/sellers.ndjson", "{\"id\":\"S1\",\"name\":\"Ana\",\"email\":\"ana@example.com\",\"active\":true}\n");
        const std::filesystem::path chain = dir.write("tls/chain.pem", certificate.certificate_pem);
        const std::filesystem::path key = dir.write("tls/key.pem", certificate.private_key_pem);
        const std::map<std::string, std::string> env{{"SELLERSCORE_PLUGIN", SELLERSCORE_PLUGIN_PATH},
                                                     {"SELLERSCORE_ALLOW_UNSIGNED_PLUGIN", "1"}};
        REQUIRE(run_crmhost({"--config", "sellerscore.json", "import", "ndjson"}, dir.path(), env).exit_code == 0);
        child = std::make_unique<ServeChild>(
            std::vector<std::string>{"--config", (dir.path() / "sellerscore.json").string(), "serve", "--port", "0",
                                     "--cert", chain.string(), "--key", key.string()},
            dir.path() / "serve.log", env);
        REQUIRE(child->started());
        REQUIRE(eventually([&] { return serve_listening_port(dir.path() / "serve.log") != 0; }));
        INFO(read_whole_file(dir.path() / "serve.log"));
        REQUIRE(read_whole_file(dir.path() / "serve.log").find("listening on https://") != std::string::npos);
        port = serve_listening_port(dir.path() / "serve.log");
    }
};

// A bare OpenSSL server that allows TLS 1.0 and up, for one handshake: the control for the client above.
class PermissiveServer {
public:
    explicit PermissiveServer(const fakes::ServerCertificate& certificate) {
        context_ = SSL_CTX_new(TLS_server_method());
        SSL_CTX_set_security_level(context_, 0);
        SSL_CTX_set_cipher_list(context_, "DEFAULT:@SECLEVEL=0");
        SSL_CTX_set_min_proto_version(context_, TLS1_VERSION);
        BIO* chain = BIO_new_mem_buf(certificate.certificate_pem.data(), static_cast<int>(certificate.certificate_pem.size()));
        X509* leaf = PEM_read_bio_X509(chain, nullptr, nullptr, nullptr);
        BIO* key_bio = BIO_new_mem_buf(certificate.private_key_pem.data(), static_cast<int>(certificate.private_key_pem.size()));
        EVP_PKEY* key = PEM_read_bio_PrivateKey(key_bio, nullptr, nullptr, nullptr);
        SSL_CTX_use_certificate(context_, leaf);
        SSL_CTX_use_PrivateKey(context_, key);
        X509_free(leaf);
        EVP_PKEY_free(key);
        BIO_free(chain);
        BIO_free(key_bio);
        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(listener_, reinterpret_cast<const sockaddr*>(&address), sizeof address);
        ::listen(listener_, 1);
        socklen_t length = sizeof address;
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
        thread_ = std::thread([this] {
            const int fd = ::accept(listener_, nullptr, nullptr);
            if (fd < 0) return;
            SSL* ssl = SSL_new(context_);
            SSL_set_fd(ssl, fd);
            if (SSL_accept(ssl) == 1) {
                char buffer[512];
                SSL_read(ssl, buffer, sizeof buffer);
                const std::string answer = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                SSL_write(ssl, answer.data(), static_cast<int>(answer.size()));
                SSL_shutdown(ssl);
            }
            SSL_free(ssl);
            ::close(fd);
        });
    }
    ~PermissiveServer() {
        thread_.join();
        ::close(listener_);
        SSL_CTX_free(context_);
    }
    PermissiveServer(const PermissiveServer&) = delete;
    PermissiveServer& operator=(const PermissiveServer&) = delete;
    int port() const { return port_; }

private:
    SSL_CTX* context_ = nullptr;
    int listener_ = -1;
    int port_ = 0;
    std::thread thread_;
};

}  // namespace

TEST_CASE("the TLS 1.1 client of these tests completes a TLS 1.1 handshake with a server that allows it",
          "[serve][tls]") {
    const PermissiveServer server(fakes::make_server_certificate());
    const Handshake h = handshake_up_to(server.port(), TLS1_1_VERSION);
    REQUIRE(h.completed);
    CHECK(h.version == TLS1_1_VERSION);
    CHECK(h.status_line == "HTTP/1.1 200 OK");
}

TEST_CASE("crmhost serve with --cert/--key refuses TLS 1.0 and TLS 1.1 handshakes with a protocol_version alert",
          "[serve][tls]") {
    TlsServe serve;
    for (const int max_version : {TLS1_VERSION, TLS1_1_VERSION}) {
        INFO("client's highest version 0x" << std::hex << max_version);
        const Handshake h = handshake_up_to(serve.port, max_version);
        CHECK_FALSE(h.completed);
        CHECK(h.reason == SSL_R_TLSV1_ALERT_PROTOCOL_VERSION);
    }
    CHECK(serve.child->stop() == 0);
}

TEST_CASE("crmhost serve with --cert/--key completes TLS 1.2 and TLS 1.3 handshakes and answers over them",
          "[serve][tls]") {
    TlsServe serve;
    for (const int max_version : {TLS1_2_VERSION, TLS1_3_VERSION}) {
        INFO("client's highest version 0x" << std::hex << max_version);
        const Handshake h = handshake_up_to(serve.port, max_version);
        REQUIRE(h.completed);
        CHECK(h.version == max_version);
        CHECK(h.status_line == "HTTP/1.1 503 Service Unavailable");
    }
    CHECK(serve.child->stop() == 0);
}
