#include "tests/fakes/loopback_server.hpp"

#include <openssl/ssl.h>
#include <sys/socket.h>
#include <zlib.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <exception>
#include <list>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

namespace sellerscore::fakes {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// %XX decoded; in a query, '+' is a space as well (form encoding).
std::string percent_decode(std::string_view text, bool plus_is_space) {
    std::string decoded;
    decoded.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            decoded += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else if (text[i] == '+' && plus_is_space) {
            decoded += ' ';
        } else {
            decoded += text[i];
        }
    }
    return decoded;
}

std::map<std::string, std::string> parse_query(std::string_view query) {
    std::map<std::string, std::string> parameters;
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (pair.empty()) continue;
        const std::size_t eq = pair.find('=');
        const std::string key = percent_decode(pair.substr(0, eq), true);
        parameters[key] = eq == std::string_view::npos ? std::string{} : percent_decode(pair.substr(eq + 1), true);
    }
    return parameters;
}

std::string lower(std::string_view text) {
    std::string result(text);
    for (char& c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return result;
}

FakeRequest to_fake_request(const http::request<http::string_body>& request) {
    FakeRequest fake;
    fake.method = std::string(request.method_string());
    fake.target = std::string(request.target());
    const std::string_view target = request.target();
    const std::size_t question = target.find('?');
    fake.path = percent_decode(target.substr(0, question), false);
    if (question != std::string_view::npos) fake.query = parse_query(target.substr(question + 1));
    for (const auto& field : request) fake.headers[lower(field.name_string())] = std::string(field.value());
    fake.body = request.body();
    return fake;
}

std::string gzip(const std::string& plain) {
    z_stream stream{};
    // 15 + 16: the gzip wrapper (RFC 1952), as Content-Encoding: gzip means.
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("loopback server: deflateInit2 failed");
    std::string compressed(deflateBound(&stream, static_cast<uLong>(plain.size())) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
    stream.avail_in = static_cast<uInt>(plain.size());
    stream.next_out = reinterpret_cast<Bytef*>(compressed.data());
    stream.avail_out = static_cast<uInt>(compressed.size());
    const int result = deflate(&stream, Z_FINISH);
    compressed.resize(stream.total_out);
    deflateEnd(&stream);
    if (result != Z_STREAM_END) throw std::runtime_error("loopback server: deflate failed");
    return compressed;
}

http::response<http::string_body> to_beast_response(const FakeResponse& fake, const http::request<http::string_body>& request) {
    http::response<http::string_body> response{static_cast<http::status>(fake.status), request.version()};
    bool close_asked = false;
    for (const auto& [name, value] : fake.headers) {
        response.insert(name, value);
        if (beast::iequals(name, "connection") && beast::iequals(value, "close")) close_asked = true;
    }
    response.set(http::field::content_type, fake.content_type);
    if (fake.gzip) {
        response.set(http::field::content_encoding, "gzip");
        response.body() = gzip(fake.body);
    } else {
        response.body() = fake.body;
    }
    response.keep_alive(request.keep_alive() && !close_asked);
    response.prepare_payload();
    return response;
}

FakeResponse handler_failure(const std::string& what) {
    FakeResponse response;
    response.status = 500;
    response.body = "{\"status\":\"error\",\"message\":\"fake handler threw: " + what + "\"}";
    return response;
}

}  // namespace

struct LoopbackServer::Impl {
    struct Connection {
        std::thread thread;
        int fd = -1;
        bool finished = false;  // the socket is closed; the thread only has to be joined
    };

    FakeHandler handler;
    std::optional<ssl::context> tls;
    asio::io_context io;
    tcp::acceptor acceptor{io};
    std::uint16_t port = 0;
    std::thread accept_thread;

    mutable std::mutex mutex;
    std::condition_variable stop_signal;
    bool stopping = false;
    std::list<Connection> connections;
    std::string last_tls_version;

    std::atomic<std::uint64_t> accepted{0};
    std::atomic<std::uint64_t> open{0};
    std::atomic<std::uint64_t> max_open{0};

    explicit Impl(FakeHandler h) : handler(std::move(h)) {
        const tcp::endpoint loopback(asio::ip::make_address("127.0.0.1"), 0);
        acceptor.open(loopback.protocol());
        acceptor.set_option(tcp::acceptor::reuse_address(true));
        acceptor.bind(loopback);
        acceptor.listen();
        port = acceptor.local_endpoint().port();
    }

    void start() {
        accept_thread = std::thread([this] { accept_loop(); });
    }

    void stop() {
        {
            std::lock_guard lock(mutex);
            stopping = true;
        }
        stop_signal.notify_all();
        // A blocking accept() does not notice a closed acceptor; a connection of our own wakes it.
        {
            asio::io_context waker_io;
            tcp::socket waker(waker_io);
            boost::system::error_code ignored;
            waker.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ignored);
        }
        accept_thread.join();
        std::list<Connection> remaining;
        {
            std::lock_guard lock(mutex);
            // shutdown() wakes a thread blocked reading; the fd is still ours because a
            // connection closes its socket only while holding the mutex and then sets finished.
            for (auto& connection : connections)
                if (!connection.finished) ::shutdown(connection.fd, SHUT_RDWR);
            remaining.swap(connections);
        }
        for (auto& connection : remaining) connection.thread.join();
    }

    void accept_loop() {
        for (;;) {
            tcp::socket socket(io);
            boost::system::error_code ec;
            acceptor.accept(socket, ec);
            std::list<Connection> finished;
            {
                std::lock_guard lock(mutex);
                if (stopping) return;
                for (auto it = connections.begin(); it != connections.end();) {
                    auto next = std::next(it);
                    if (it->finished) finished.splice(finished.end(), connections, it);
                    it = next;
                }
            }
            for (auto& connection : finished) connection.thread.join();
            if (ec) continue;
            // Like a real API front end: answers are not held back by Nagle's algorithm.
            socket.set_option(tcp::no_delay(true), ec);

            ++accepted;
            const std::uint64_t now_open = ++open;
            std::uint64_t previous_max = max_open.load();
            while (now_open > previous_max && !max_open.compare_exchange_weak(previous_max, now_open)) {
            }

            std::lock_guard lock(mutex);
            connections.emplace_back();
            Connection& record = connections.back();
            record.fd = socket.native_handle();
            record.thread = std::thread([this, &record, s = std::move(socket)]() mutable { serve(record, std::move(s)); });
        }
    }

    void serve(Connection& record, tcp::socket socket) {
        if (tls) {
            ssl::stream<tcp::socket> stream(std::move(socket), *tls);
            boost::system::error_code ec;
            stream.handshake(ssl::stream_base::server, ec);
            if (!ec) {
                std::lock_guard lock(mutex);
                last_tls_version = SSL_get_version(stream.native_handle());
            }
            if (!ec) serve_requests(stream);
            finish(record, stream.next_layer());
        } else {
            serve_requests(socket);
            finish(record, socket);
        }
    }

    void finish(Connection& record, tcp::socket& socket) {
        std::lock_guard lock(mutex);
        boost::system::error_code ignored;
        socket.close(ignored);
        record.finished = true;
        --open;
    }

    // Waits `delay` unless the server is stopping; false when it is.
    bool wait_unless_stopping(std::chrono::milliseconds delay) {
        std::unique_lock lock(mutex);
        return !stop_signal.wait_for(lock, delay, [this] { return stopping; });
    }

    template <class Stream>
    void serve_requests(Stream& stream) {
        beast::flat_buffer buffer;
        for (;;) {
            http::request_parser<http::string_body> parser;
            parser.header_limit(64 * 1024);
            parser.body_limit(64u << 20);
            boost::system::error_code ec;
            http::read(stream, buffer, parser, ec);
            if (ec) return;
            const http::request<http::string_body>& request = parser.get();

            FakeResponse fake;
            try {
                fake = handler(to_fake_request(request));
            } catch (const std::exception& e) {
                fake = handler_failure(e.what());
            }

            if (fake.fault == WireFault::close_before_response) return;
            if (fake.fault == WireFault::delay_response && !wait_unless_stopping(fake.delay)) return;

            http::response<http::string_body> response = to_beast_response(fake, request);
            if (fake.fault == WireFault::truncate_body) {
                // The header announces the close: cutting an empty body leaves a complete answer, and without
                // the announcement whether the client's next request rides the dying connection would be a race
                // (that case has its own tests in tests/http/tls_transport_test.cpp).
                response.keep_alive(false);
                http::response_serializer<http::string_body> serializer(response);
                http::write_header(stream, serializer, ec);
                if (ec) return;
                const std::string& body = response.body();
                asio::write(stream, asio::buffer(body.data(), body.size() / 2), ec);
                return;  // closed without TLS close_notify: the client sees the cut
            }
            http::write(stream, response, ec);
            if (ec || !response.keep_alive()) return;
        }
    }
};

LoopbackServer::LoopbackServer(FakeHandler handler, const ServerCertificate& certificate)
    : LoopbackServer(std::move(handler), certificate, TlsVersions::tls12_and_tls13) {}

LoopbackServer::LoopbackServer(FakeHandler handler, const ServerCertificate& certificate, TlsVersions versions)
    : impl_(std::make_unique<Impl>(std::move(handler))) {
    ssl::context& context = impl_->tls.emplace(ssl::context::tls_server);
    SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION);
    if (versions == TlsVersions::tls12_only) SSL_CTX_set_max_proto_version(context.native_handle(), TLS1_2_VERSION);
    context.use_certificate_chain(asio::buffer(certificate.certificate_pem));
    context.use_private_key(asio::buffer(certificate.private_key_pem), ssl::context::pem);
    impl_->start();
}

LoopbackServer::LoopbackServer(FakeHandler handler) : impl_(std::make_unique<Impl>(std::move(handler))) {
    impl_->start();
}

LoopbackServer::~LoopbackServer() { impl_->stop(); }

std::uint16_t LoopbackServer::port() const { return impl_->port; }

std::string LoopbackServer::base_url() const {
    return (impl_->tls ? "https://localhost:" : "http://127.0.0.1:") + std::to_string(impl_->port);
}

std::uint64_t LoopbackServer::connections_accepted() const { return impl_->accepted.load(); }

std::uint64_t LoopbackServer::max_concurrent_connections() const { return impl_->max_open.load(); }

std::string LoopbackServer::last_tls_version() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->last_tls_version;
}

}  // namespace sellerscore::fakes
