// The server of crmhost serve on loopback: TLS from certificate files, plain HTTP only on loopback,
// keep-alive, the body limit; and the crypto it relies on, checked against OpenSSL's command line.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <vector>

#include "connectors/http/base64.hpp"
#include "connectors/http/hmac_sha256.hpp"
#include "connectors/http/http_transport.hpp"
#include "connectors/http/https_server.hpp"
#include "tests/fakes/test_certificates.hpp"

namespace http = sellerscore::connectors::http;
namespace fakes = sellerscore::fakes;
using sellerscore::StatusCode;

namespace {

struct CertificateFiles {
    fakes::ServerCertificate certificate = fakes::make_server_certificate();
    std::string ca = fakes::write_temp_pem(certificate.ca_pem, "ca");
    std::string chain = fakes::write_temp_pem(certificate.certificate_pem, "chain");
    std::string key = fakes::write_temp_pem(certificate.private_key_pem, "key");
    ~CertificateFiles() {
        for (const std::string& f : {ca, chain, key}) std::filesystem::remove(f);
    }
};

http::ServerHandler echo(std::atomic<int>& calls) {
    return [&calls](const http::ServerRequest& r) {
        ++calls;
        return http::ServerResponse{200, "application/json",
                                    "{\"method\":\"" + r.method + "\",\"target\":\"" + r.target + "\",\"bytes\":" +
                                        std::to_string(r.body.size()) + "}"};
    };
}

std::unique_ptr<http::HttpTransport> client(const std::string& base_url, const std::string& ca_file) {
    http::TransportOptions options;
    options.base_url = base_url;
    options.ca_file = ca_file;
    options.max_connections = 1;
    auto transport = http::make_tls_transport(options);
    REQUIRE(transport.is_ok());
    return std::move(transport.value());
}

http::HttpRequest request(http::Method method, std::string target, std::string body = {}) {
    http::HttpRequest r;
    r.method = method;
    r.target = std::move(target);
    r.body = std::move(body);
    return r;
}

// What `openssl dgst -sha256 -hmac` prints, base64: an independent HMAC-SHA256.
std::string openssl_hmac_base64(const std::string& key, const std::string& message) {
    const std::string message_file = fakes::write_temp_pem(message, "hmac-message");
    const std::string command =
        "openssl dgst -sha256 -hmac '" + key + "' -binary < '" + message_file + "' | base64 -w0";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    char buffer[256];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
    pclose(pipe);
    std::filesystem::remove(message_file);
    return out;
}

}  // namespace

TEST_CASE("the server answers over TLS from certificate and key files, several requests on one connection",
          "[http][server]") {
    CertificateFiles files;
    std::atomic<int> calls{0};
    http::HttpsServerOptions options;
    options.certificate_chain_file = files.chain;
    options.private_key_file = files.key;
    auto server = http::HttpsServer::start(options, echo(calls));
    REQUIRE(server.is_ok());
    CHECK((*server)->tls());
    auto transport = client("https://localhost:" + std::to_string((*server)->port()), files.ca);
    for (int i = 0; i < 3; ++i) {
        http::ExchangeTrace trace;
        auto response = transport->exchange(request(http::Method::get, "/health?n=" + std::to_string(i)), trace);
        REQUIRE(response.is_ok());
        CHECK(response->status == 200);
        CHECK(response->body == "{\"method\":\"GET\",\"target\":\"/health?n=" + std::to_string(i) + "\",\"bytes\":0}");
    }
    CHECK(calls == 3);
}

TEST_CASE("a body over the limit is answered 413 and never reaches the handler", "[http][server]") {
    CertificateFiles files;
    std::atomic<int> calls{0};
    http::HttpsServerOptions options;
    options.certificate_chain_file = files.chain;
    options.private_key_file = files.key;
    options.max_body_bytes = 1024;
    auto server = http::HttpsServer::start(options, echo(calls));
    REQUIRE(server.is_ok());
    auto transport = client("https://localhost:" + std::to_string((*server)->port()), files.ca);
    http::ExchangeTrace trace;
    auto at_limit = transport->exchange(request(http::Method::post, "/webhooks/hubspot", std::string(1024, 'x')), trace);
    REQUIRE(at_limit.is_ok());
    CHECK(at_limit->status == 200);
    auto over = transport->exchange(request(http::Method::post, "/webhooks/hubspot", std::string(1025, 'x')), trace);
    REQUIRE(over.is_ok());
    CHECK(over->status == 413);
    CHECK(calls == 1);
}

TEST_CASE("plain HTTP is served on loopback", "[http][server]") {
    std::atomic<int> calls{0};
    auto server = http::HttpsServer::start({}, echo(calls));
    REQUIRE(server.is_ok());
    CHECK_FALSE((*server)->tls());
    auto transport = client("http://127.0.0.1:" + std::to_string((*server)->port()), "");
    http::ExchangeTrace trace;
    auto response = transport->exchange(request(http::Method::get, "/health"), trace);
    REQUIRE(response.is_ok());
    CHECK(response->status == 200);
}

TEST_CASE("plain HTTP on an address other than loopback is refused at start", "[http][server]") {
    std::atomic<int> calls{0};
    http::HttpsServerOptions options;
    options.bind_address = "0.0.0.0";
    auto server = http::HttpsServer::start(options, echo(calls));
    REQUIRE_FALSE(server.is_ok());
    CHECK(server.status().code() == StatusCode::invalid_argument);
    CHECK_THAT(server.status().message(), Catch::Contains("loopback"));
}

TEST_CASE("a certificate without its key, or an unreadable one, is refused at start", "[http][server]") {
    CertificateFiles files;
    std::atomic<int> calls{0};
    http::HttpsServerOptions options;
    options.certificate_chain_file = files.chain;
    CHECK_FALSE(http::HttpsServer::start(options, echo(calls)).is_ok());
    options.private_key_file = "/nonexistent/key.pem";
    auto missing = http::HttpsServer::start(options, echo(calls));
    REQUIRE_FALSE(missing.is_ok());
    CHECK_THAT(missing.status().message(), Catch::Contains("/nonexistent/key.pem"));
}

TEST_CASE("loopback addresses are 127.0.0.0/8, ::1 and localhost", "[http][server]") {
    CHECK(http::is_loopback_address("127.0.0.1"));
    CHECK(http::is_loopback_address("127.3.2.1"));
    CHECK(http::is_loopback_address("::1"));
    CHECK(http::is_loopback_address("localhost"));
    CHECK_FALSE(http::is_loopback_address("0.0.0.0"));
    CHECK_FALSE(http::is_loopback_address("10.0.0.1"));
}

TEST_CASE("HMAC-SHA256 agrees with openssl dgst -hmac", "[http][crypto]") {
    const std::string key = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    const std::string message = "POSThttps://www.example.com/webhook_uri[{\"objectId\":1}]1700000000000";
    CHECK(http::base64_encode(http::hmac_sha256(key, message)) == openssl_hmac_base64(key, message));
}

TEST_CASE("HMAC-SHA256 of RFC 4231 test case 2", "[http][crypto]") {
    // Key "Jefe", data "what do ya want for nothing?" (RFC 4231 §4.3).
    const std::string mac = http::hmac_sha256("Jefe", "what do ya want for nothing?");
    std::string hex;
    for (unsigned char c : mac) {
        static constexpr char digits[] = "0123456789abcdef";
        hex += digits[c >> 4];
        hex += digits[c & 15];
    }
    CHECK(hex == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("constant-time equality needs equal lengths and equal bytes", "[http][crypto]") {
    CHECK(http::constant_time_equal("abc", "abc"));
    CHECK_FALSE(http::constant_time_equal("abc", "abd"));
    CHECK_FALSE(http::constant_time_equal("abc", "abcd"));
}

TEST_CASE("base64 and base64url decode RFC 4648 vectors and refuse other characters", "[http][crypto]") {
    CHECK(http::base64_decode("Zm9vYmFy") == std::optional<std::string>("foobar"));
    CHECK(http::base64_decode("Zm9vYg==") == std::optional<std::string>("foob"));
    CHECK(http::base64_decode("Zm8=") == std::optional<std::string>("fo"));
    CHECK(http::base64url_decode("-_8") == std::optional<std::string>("\xfb\xff"));
    CHECK(http::base64url_encode("\xfb\xff") == "-_8");
    CHECK_FALSE(http::base64_decode("Zm9v*mFy"));
    CHECK_FALSE(http::base64url_decode("+/8"));
    CHECK_FALSE(http::base64_decode("Z"));
}
