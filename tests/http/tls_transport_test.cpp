// The Beast/OpenSSL transport against a real TLS server on loopback: protocol versions, chain
// and host name checks, keep-alive, gzip, size caps, wire faults and the connection cap.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

#include "connectors/http/http_transport.hpp"
#include "tests/fakes/loopback_server.hpp"
#include "tests/fakes/test_certificates.hpp"

namespace http = sellerscore::connectors::http;
namespace fakes = sellerscore::fakes;
using sellerscore::StatusCode;

namespace {

fakes::FakeResponse ok_json(std::string body = R"({"ok":true})") {
    fakes::FakeResponse response;
    response.body = std::move(body);
    return response;
}

struct TlsFixture {
    fakes::ServerCertificate certificate = fakes::make_server_certificate();
    std::string ca_file = fakes::write_temp_pem(certificate.ca_pem, "ca");
    ~TlsFixture() { std::filesystem::remove(ca_file); }

    http::TransportOptions options_for(const fakes::LoopbackServer& server) const {
        http::TransportOptions options;
        options.base_url = server.base_url();
        options.ca_file = ca_file;
        return options;
    }
};

std::unique_ptr<http::HttpTransport> transport_for(const http::TransportOptions& options) {
    auto transport = http::make_tls_transport(options);
    REQUIRE(transport.is_ok());
    return std::move(transport.value());
}

http::HttpRequest get(std::string target) {
    http::HttpRequest request;
    request.target = std::move(target);
    return request;
}

}  // namespace

TEST_CASE("TLS 1.3 is negotiated when the server offers it") {
    TlsFixture tls;
    fakes::LoopbackServer server([](const fakes::FakeRequest&) { return ok_json(); }, tls.certificate);
    auto transport = transport_for(tls.options_for(server));
    http::ExchangeTrace trace;
    auto response = transport->exchange(get("/ping"), trace);
    REQUIRE(response.is_ok());
    CHECK(response->status == 200);
    CHECK(response->body == R"({"ok":true})");
    CHECK(server.last_tls_version() == "TLSv1.3");
}

TEST_CASE("A server limited to TLS 1.2 is still reached") {
    TlsFixture tls;
    fakes::LoopbackServer server([](const fakes::FakeRequest&) { return ok_json(); }, tls.certificate,
                                 fakes::TlsVersions::tls12_only);
    auto transport = transport_for(tls.options_for(server));
    http::ExchangeTrace trace;
    auto response = transport->exchange(get("/ping"), trace);
    REQUIRE(response.is_ok());
    CHECK(response->status == 200);
    CHECK(server.last_tls_version() == "TLSv1.2");
}

TEST_CASE("A server certificate not signed by the trusted CA is refused") {
    TlsFixture trusted;
    const fakes::ServerCertificate stranger = fakes::make_server_certificate();
    fakes::LoopbackServer server([](const fakes::FakeRequest&) { return ok_json(); }, stranger);
    auto transport = transport_for(trusted.options_for(server));
    http::ExchangeTrace trace;
    auto response = transport->exchange(get("/ping"), trace);
    REQUIRE_FALSE(response.is_ok());
    CHECK(response.status().code() == StatusCode::invalid_argument);
    CHECK_THAT(response.status().message(), Catch::StartsWith("GET /ping: TLS handshake with localhost:"));
    CHECK_THAT(response.status().message(), Catch::Contains("certificate verification failed"));
    CHECK_FALSE(trace.request_written);
}

TEST_CASE("A certificate for another host name is refused") {
    TlsFixture tls;
    const fakes::ServerCertificate other = fakes::make_server_certificate({"other.test"}, {});
    const std::string other_ca = fakes::write_temp_pem(other.ca_pem, "other-ca");
    fakes::LoopbackServer server([](const fakes::FakeRequest&) { return ok_json(); }, other);
    http::TransportOptions options = tls.options_for(server);
    options.ca_file = other_ca;  // the chain is trusted: only the name is wrong
    auto transport = transport_for(options);
    http::ExchangeTrace trace;
    auto response = transport->exchange(get("/ping"), trace);
    REQUIRE_FALSE(response.is_ok());
    CHECK(response.status().code() == StatusCode::invalid_argument);
    CHECK_THAT(response.status().message(),
               Catch::Contains("certificate verification failed: the certificate is not valid for localhost"));
    std::filesystem::remove(other_ca);
}

TEST_CASE("Plain http to a host other than loopback is refused when the transport is made") {
    http::TransportOptions options;
    options.base_url = "http://example.com";
    auto transport = http::make_tls_transport(options);
    REQUIRE_FALSE(transport.is_ok());
    CHECK(transport.status().code() == StatusCode::invalid_argument);
    CHECK(transport.status().message() == "base_url http://example.com: plain http is allowed only for loopback");
}

TEST_CASE("Plain http to loopback works") {
    fakes::LoopbackServer server([](const fakes::FakeRequest& request) { return ok_json(R"({"path":")" + request.path + "\"}"); });
    http::TransportOptions options;
    options.base_url = server.base_url() + "/api/";
    auto transport = transport_for(options);
    http::ExchangeTrace trace;
    auto response = transport->exchange(get("/v2/deals?limit=5"), trace);
    REQUIRE(response.is_ok());
    CHECK(response->body == R"({"path":"/api/v2/deals"})");
    CHECK(trace.request_written);
}

TEST_CASE("An unreadable ca_file is refused when the transport is made") {
    http::TransportOptions options;
    options.base_url = "https://localhost:1";
    options.ca_file = "/nonexistent/ca.pem";
    auto transport = http::make_tls_transport(options);
    REQUIRE_FALSE(transport.is_ok());
    CHECK(transport.status().code() == StatusCode::invalid_argument);
    CHECK_THAT(transport.status().message(), Catch::StartsWith("ca_file /nonexistent/ca.pem: cannot load"));
}

TEST_CASE("The request carries the standard headers and the body") {
    TlsFixture tls;
    std::mutex mutex;
    fakes::FakeRequest seen;
    fakes::LoopbackServer server(
        [&](const fakes::FakeRequest& request) {
            std::lock_guard lock(mutex);
            seen = request;
            return ok_json();
        },
        tls.certificate);
    auto transport = transport_for(tls.options_for(server));
    http::HttpRequest request;
    request.method = http::Method::post;
    request.target = "/crm/v3/objects/deals/search";
    request.body = R"({"limit":200})";
    request.headers.push_back({"X-Request-Tag", "sync 1"});
    http::ExchangeTrace trace;
    REQUIRE(transport->exchange(request, trace).is_ok());
    std::lock_guard lock(mutex);
    CHECK(seen.method == "POST");
    CHECK(seen.path == "/crm/v3/objects/deals/search");
    CHECK(seen.body == R"({"limit":200})");
    CHECK(seen.headers["host"] == "localhost:" + std::to_string(server.port()));
    CHECK(seen.headers["user-agent"] == "sellerscore");
    CHECK(seen.headers["accept"] == "application/json");
    CHECK(seen.headers["accept-encoding"] == "gzip");
    CHECK(seen.headers["content-type"] == "application/json");
    CHECK(seen.headers["content-length"] == "13");
    CHECK(seen.headers["x-request-tag"] == "sync 1");
}

TEST_CASE("A header value with a line break is refused before sending") {
    http::TransportOptions options;
    options.base_url = "http://127.0.0.1:1";
    auto transport = transport_for(options);
    http::HttpRequest request = get("/x");
    request.headers.push_back({"X-Evil", "a\r\nX-Injected: 1"});
    http::ExchangeTrace trace;
    auto response = transport->exchange(request, trace);
    REQUIRE_FALSE(response.is_ok());
    CHECK(response.status().code() == StatusCode::invalid_argument);
    CHECK_FALSE(trace.request_written);
}

TEST_CASE("Twenty sequential requests share one kept-alive connection") {
    TlsFixture tls;
    fakes::LoopbackServer server([](const fakes::FakeRequest&) { return ok_json(); }, tls.certificate);
    auto transport = transport_for(tls.options_for(server));
    for (int i = 0; i < 20; ++i) {
        http::ExchangeTrace trace;
        REQUIRE(transport->exchange(get("/page/" + std::to_string(i)), trace).is_ok());
    }
    CHECK(server.connections_accepted() == 1);
}

TEST_CASE("Connection close from the server closes that connection after the response") {
    fakes::LoopbackServer server([](const fakes::FakeRequest&) {
        auto response = ok_json();
        response.headers.push_back({"Connection", "close"});
        return response;
    });
    http::TransportOptions options;
    options.base_url = server.base_url();
    auto transport = transport_for(options);
    for (int i = 0; i < 3; ++i) {
        http::ExchangeTrace trace;
        REQUIRE(transport->exchange(get("/x"), trace).is_ok());
    }
    CHECK(server.connections_accepted() == 3);
}

TEST_CASE("A gzip body is inflated") {
    TlsFixture tls;
    std::string large;
    for (int i = 0; i < 2000; ++i) large += R"({"id":")" + std::to_string(i) + R"(","properties":{"amount":"100"}},)";
    fakes::LoopbackServer server(
        [&](const fakes::FakeRequest&) {
            auto response = ok_json(large);
            response.gzip = true;
            return response;
        },
        tls.certificate);
    auto transport = transport_for(tls.options_for(server));
    http::ExchangeTrace trace;
    auto response = transport->exchange(get("/deals"), trace);
    REQUIRE(response.is_ok());
    CHECK(response->header("content-encoding") == std::optional<std::string_view>("gzip"));
    CHECK(response->body == large);
}

TEST_CASE("A body over the response cap is refused") {
    fakes::LoopbackServer server([](const fakes::FakeRequest&) { return ok_json(std::string(5000, 'a')); });
    http::TransportOptions options;
    options.base_url = server.base_url();
    options.max_response_bytes = 1000;
    auto transport = transport_for(options);
    http::ExchangeTrace trace;
    auto response = transport->exchange(get("/big"), trace);
    REQUIRE_FALSE(response.is_ok());
    CHECK(response.status().code() == StatusCode::invalid_argument);
    CHECK(response.status().message() == "GET /big: response body over 1000 bytes");
}

TEST_CASE("A gzip body that inflates past the cap is refused") {
    fakes::LoopbackServer server([](const fakes::FakeRequest&) {
        auto response = ok_json(std::string(1'000'000, '0'));  // about 1 KB compressed
        response.gzip = true;
        return response;
    });
    http::TransportOptions options;
    options.base_url = server.base_url();
    options.max_response_bytes = 100'000;
    auto transport = transport_for(options);
    http::ExchangeTrace trace;
    auto response = transport->exchange(get("/bomb"), trace);
    REQUIRE_FALSE(response.is_ok());
    CHECK(response.status().code() == StatusCode::invalid_argument);
    CHECK(response.status().message() == "GET /bomb: inflated body over 100000 bytes");
}

TEST_CASE("A request body over the request cap is refused before sending") {
    http::TransportOptions options;
    options.base_url = "http://127.0.0.1:1";
    options.max_request_bytes = 10;
    auto transport = transport_for(options);
    http::HttpRequest request = get("/x");
    request.method = http::Method::post;
    request.body = std::string(11, 'b');
    http::ExchangeTrace trace;
    auto response = transport->exchange(request, trace);
    REQUIRE_FALSE(response.is_ok());
    CHECK(response.status().code() == StatusCode::invalid_argument);
    CHECK(response.status().message() == "POST /x: request body of 11 bytes over the 10-byte cap");
}

TEST_CASE("A truncated body is a network failure that says how much arrived") {
    TlsFixture tls;
    fakes::LoopbackServer server(
        [](const fakes::FakeRequest&) {
            auto response = ok_json(std::string(5000, 'z'));
            response.fault = fakes::WireFault::truncate_body;
            return response;
        },
        tls.certificate);
    auto transport = transport_for(tls.options_for(server));
    http::ExchangeTrace trace;
    auto response = transport->exchange(get("/x"), trace);
    REQUIRE_FALSE(response.is_ok());
    CHECK(response.status().code() == StatusCode::network);
    CHECK(response.status().message() == "GET /x: connection closed after 2500 of 5000 body bytes");
    CHECK(trace.request_written);
}

TEST_CASE("A connection closed before the response is a network failure") {
    fakes::LoopbackServer server([](const fakes::FakeRequest&) {
        fakes::FakeResponse response;
        response.fault = fakes::WireFault::close_before_response;
        return response;
    });
    http::TransportOptions options;
    options.base_url = server.base_url();
    auto transport = transport_for(options);
    http::ExchangeTrace trace;
    auto response = transport->exchange(get("/x"), trace);
    REQUIRE_FALSE(response.is_ok());
    CHECK(response.status().code() == StatusCode::network);
    CHECK_THAT(response.status().message(), Catch::StartsWith("GET /x: connection closed before any response byte"));
    CHECK(trace.request_written);
}

TEST_CASE("A response slower than the read timeout is a timeout") {
    TlsFixture tls;
    fakes::LoopbackServer server(
        [](const fakes::FakeRequest&) {
            auto response = ok_json();
            response.fault = fakes::WireFault::delay_response;
            response.delay = std::chrono::seconds(30);  // the server's destructor cuts this short
            return response;
        },
        tls.certificate);
    http::TransportOptions options = tls.options_for(server);
    options.read_timeout = std::chrono::milliseconds(200);
    auto transport = transport_for(options);
    http::ExchangeTrace trace;
    auto response = transport->exchange(get("/slow"), trace);
    REQUIRE_FALSE(response.is_ok());
    CHECK(response.status().code() == StatusCode::timeout);
    CHECK(response.status().message() == "GET /slow: no progress reading the response for 200 ms (read timeout)");
}

TEST_CASE("A refused connection is a network failure with nothing written") {
    std::uint16_t closed_port = 0;
    {
        fakes::LoopbackServer gone([](const fakes::FakeRequest&) { return ok_json(); });
        closed_port = gone.port();
    }
    http::TransportOptions options;
    options.base_url = "http://127.0.0.1:" + std::to_string(closed_port);
    auto transport = transport_for(options);
    http::ExchangeTrace trace;
    auto response = transport->exchange(get("/x"), trace);
    REQUIRE_FALSE(response.is_ok());
    CHECK(response.status().code() == StatusCode::network);
    CHECK_THAT(response.status().message(), Catch::StartsWith("GET /x: cannot connect to 127.0.0.1:"));
    CHECK_FALSE(trace.request_written);
}

namespace {

// Answers the first request, drops the connection on the second without a word (as a server does
// with a keep-alive connection it has just timed out), then answers again.
fakes::FakeHandler drops_second_request(std::atomic<int>& served) {
    return [&served](const fakes::FakeRequest&) {
        fakes::FakeResponse response = ok_json();
        if (++served == 2) response.fault = fakes::WireFault::close_before_response;
        return response;
    };
}

}  // namespace

TEST_CASE("A reused connection that dies before any response byte is replaced for an idempotent request") {
    std::atomic<int> served{0};
    fakes::LoopbackServer server(drops_second_request(served));
    http::TransportOptions options;
    options.base_url = server.base_url();
    auto transport = transport_for(options);
    http::ExchangeTrace first, second;
    REQUIRE(transport->exchange(get("/a"), first).is_ok());
    auto response = transport->exchange(get("/b"), second);
    REQUIRE(response.is_ok());
    CHECK(response->status == 200);
    CHECK(served == 3);
    CHECK(server.connections_accepted() == 2);
}

TEST_CASE("A reused connection that dies after a non-idempotent request was written is not replayed") {
    std::atomic<int> served{0};
    fakes::LoopbackServer server(drops_second_request(served));
    http::TransportOptions options;
    options.base_url = server.base_url();
    auto transport = transport_for(options);
    http::ExchangeTrace first, second;
    REQUIRE(transport->exchange(get("/a"), first).is_ok());
    http::HttpRequest create = get("/create");
    create.method = http::Method::post;
    create.body = "{}";
    create.idempotent = false;
    auto response = transport->exchange(create, second);
    REQUIRE_FALSE(response.is_ok());
    CHECK(response.status().code() == StatusCode::network);
    CHECK(second.request_written);
    CHECK(served == 2);
}

TEST_CASE("Four concurrent requests with two connections allowed never open more than two") {
    TlsFixture tls;
    fakes::LoopbackServer server(
        [](const fakes::FakeRequest&) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));  // keep the requests overlapping
            return ok_json();
        },
        tls.certificate);
    http::TransportOptions options = tls.options_for(server);
    options.max_connections = 2;
    auto transport = transport_for(options);
    std::atomic<int> succeeded{0};
    std::vector<std::thread> callers;
    for (int i = 0; i < 4; ++i)
        callers.emplace_back([&] {
            for (int j = 0; j < 3; ++j) {
                http::ExchangeTrace trace;
                if (transport->exchange(get("/x"), trace).is_ok()) ++succeeded;
            }
        });
    for (auto& caller : callers) caller.join();
    CHECK(succeeded == 12);
    CHECK(server.max_concurrent_connections() <= 2);
    CHECK(server.connections_accepted() <= 2);
}
