// HttpClient over the real transport against the loopback server: wire faults become retries that
// the stats count, and send_all keeps the requests' order.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "connectors/http/http_client.hpp"
#include "connectors/http/static_token_source.hpp"
#include "tests/fakes/loopback_server.hpp"
#include "tests/fakes/test_certificates.hpp"

namespace http = sellerscore::connectors::http;
namespace fakes = sellerscore::fakes;
using sellerscore::StatusCode;
using std::chrono::milliseconds;

namespace {

http::ClientOptions fast_retries(const fakes::LoopbackServer& server) {
    http::ClientOptions options;
    options.transport.base_url = server.base_url();
    options.retry.max_attempts = 3;
    options.retry.base_delay = milliseconds(5);
    options.retry.max_delay = milliseconds(20);
    options.jitter_seed = 3;
    return options;
}

std::unique_ptr<http::HttpClient> client_for(http::ClientOptions options) {
    auto client = http::HttpClient::create(std::move(options), nullptr);
    REQUIRE(client.is_ok());
    return std::move(client.value());
}

http::HttpRequest get(std::string target) {
    http::HttpRequest request;
    request.target = std::move(target);
    return request;
}

// The first request gets `fault`, every later one a 200.
fakes::FakeHandler first_request_faulty(std::atomic<int>& served, fakes::WireFault fault) {
    return [&served, fault](const fakes::FakeRequest&) {
        fakes::FakeResponse response;
        response.body = std::string(4000, 'r');
        if (++served == 1) response.fault = fault;
        return response;
    };
}

}  // namespace

TEST_CASE("A truncated body is retried by the client and counted") {
    std::atomic<int> served{0};
    fakes::LoopbackServer server(first_request_faulty(served, fakes::WireFault::truncate_body));
    auto client = client_for(fast_retries(server));
    auto response = client->send(get("/crm/v3/owners"));
    REQUIRE(response.is_ok());
    CHECK(response->body.size() == 4000);
    CHECK(served == 2);
    CHECK(client->stats().attempts == 2);
    CHECK(client->stats().retries == 1);
    CHECK(client->stats().transport_failures == 1);
}

TEST_CASE("A connection closed before the response is retried by the client") {
    std::atomic<int> served{0};
    fakes::LoopbackServer server(first_request_faulty(served, fakes::WireFault::close_before_response));
    auto client = client_for(fast_retries(server));
    auto response = client->send(get("/crm/v3/owners"));
    REQUIRE(response.is_ok());
    CHECK(served == 2);
    CHECK(client->stats().retries == 1);
    CHECK(client->stats().transport_failures == 1);
}

TEST_CASE("A server that keeps cutting the body off is reported after the last attempt") {
    fakes::LoopbackServer server([](const fakes::FakeRequest&) {
        fakes::FakeResponse response;
        response.body = std::string(5000, 'r');
        response.fault = fakes::WireFault::truncate_body;
        return response;
    });
    auto client = client_for(fast_retries(server));
    auto response = client->send(get("/crm/v3/objects/deals?after=5"));
    REQUIRE_FALSE(response.is_ok());
    CHECK(response.status().code() == StatusCode::network);
    CHECK(response.status().message() ==
          "GET /crm/v3/objects/deals: connection closed after 2500 of 5000 body bytes after 3 attempts");
}

TEST_CASE("A slow server is retried after a read timeout and reported as a timeout") {
    std::atomic<int> served{0};
    fakes::LoopbackServer server([&](const fakes::FakeRequest&) {
        ++served;
        fakes::FakeResponse response;
        response.fault = fakes::WireFault::delay_response;
        response.delay = std::chrono::seconds(30);
        return response;
    });
    http::ClientOptions options = fast_retries(server);
    options.retry.max_attempts = 2;
    options.transport.read_timeout = milliseconds(200);
    auto client = client_for(options);
    auto response = client->send(get("/slow"));
    REQUIRE_FALSE(response.is_ok());
    CHECK(response.status().code() == StatusCode::timeout);
    CHECK(served == 2);
}

TEST_CASE("send_all returns the results in the requests' order") {
    fakes::LoopbackServer server([](const fakes::FakeRequest& request) {
        std::this_thread::sleep_for(milliseconds(request.path == "/0" ? 60 : 5));  // the first one finishes last
        fakes::FakeResponse response;
        response.body = request.path;
        return response;
    });
    http::ClientOptions options = fast_retries(server);
    options.transport.max_connections = 2;
    auto client = client_for(options);
    std::vector<http::HttpRequest> requests;
    for (int i = 0; i < 4; ++i) requests.push_back(get("/" + std::to_string(i)));
    const auto results = client->send_all(requests);
    REQUIRE(results.size() == 4);
    for (int i = 0; i < 4; ++i) {
        REQUIRE(results[i].is_ok());
        CHECK(results[i]->body == "/" + std::to_string(i));
    }
    CHECK(server.max_concurrent_connections() <= 2);
}

TEST_CASE("The credential header reaches the server") {
    std::mutex mutex;
    std::string authorization;
    fakes::LoopbackServer server([&](const fakes::FakeRequest& request) {
        std::lock_guard lock(mutex);
        authorization = request.headers.count("authorization") ? request.headers.at("authorization") : "";
        return fakes::FakeResponse{};
    });
    auto client = http::HttpClient::create(fast_retries(server),
                                           std::make_unique<http::StaticTokenSource>("Authorization", "Bearer ", "pat-123"));
    REQUIRE(client.is_ok());
    REQUIRE((*client)->send(get("/x")).is_ok());
    std::lock_guard lock(mutex);
    CHECK(authorization == "Bearer pat-123");
}

TEST_CASE("Every attempt is logged at debug with method path status and attempt") {
    std::atomic<int> served{0};
    fakes::LoopbackServer server([&](const fakes::FakeRequest&) {
        fakes::FakeResponse response;
        response.status = ++served == 1 ? 503 : 200;
        return response;
    });
    std::mutex mutex;
    std::vector<std::string> debug_lines;
    http::ClientOptions options = fast_retries(server);
    options.log = [&](http::LogLevel level, const std::string& line) {
        std::lock_guard lock(mutex);
        if (level == http::LogLevel::debug) debug_lines.push_back(line);
    };
    auto client = client_for(options);
    REQUIRE(client->send(get("/crm/v3/objects/deals?after=secret-cursor")).is_ok());
    std::lock_guard lock(mutex);
    REQUIRE(debug_lines.size() == 2);
    CHECK_THAT(debug_lines[0], Catch::Matches(R"(GET /crm/v3/objects/deals -> 503 in \d+ ms \(attempt 1\))"));
    CHECK_THAT(debug_lines[1], Catch::Matches(R"(GET /crm/v3/objects/deals -> 200 in \d+ ms \(attempt 2\))"));
}

TEST_CASE("An untrusted server certificate fails at once without retries") {
    const fakes::ServerCertificate trusted = fakes::make_server_certificate();
    const fakes::ServerCertificate stranger = fakes::make_server_certificate();
    const std::string ca_file = fakes::write_temp_pem(trusted.ca_pem, "trusted-ca");
    std::atomic<int> served{0};
    fakes::LoopbackServer server(first_request_faulty(served, fakes::WireFault::none), stranger);
    http::ClientOptions options = fast_retries(server);
    options.transport.ca_file = ca_file;
    auto client = client_for(std::move(options));
    auto response = client->send(get("/crm/v3/owners"));
    REQUIRE_FALSE(response.is_ok());
    CHECK(response.status().code() == StatusCode::invalid_argument);
    CHECK_THAT(response.status().message(), Catch::Contains("certificate verification failed"));
    CHECK(client->stats().attempts == 1);
    CHECK(served == 0);
    std::filesystem::remove(ca_file);
}
