#include "connectors/http/https_server.hpp"

#include <openssl/ssl.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <exception>
#include <list>
#include <mutex>
#include <thread>

namespace sellerscore::connectors::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

namespace {

std::string lower(std::string_view text) {
    std::string result(text);
    for (char& c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return result;
}

ServerRequest to_server_request(const bhttp::request<bhttp::string_body>& request) {
    ServerRequest out;
    out.method = std::string(request.method_string());
    out.target = std::string(request.target());
    for (const auto& field : request) out.headers[lower(field.name_string())] = std::string(field.value());
    out.body = request.body();
    return out;
}

bhttp::response<bhttp::string_body> to_beast_response(const ServerResponse& r, unsigned version, bool keep_alive) {
    bhttp::response<bhttp::string_body> response{static_cast<bhttp::status>(r.status), version};
    response.set(bhttp::field::content_type, r.content_type);
    response.set(bhttp::field::cache_control, "no-store");
    response.body() = r.body;
    response.keep_alive(keep_alive);
    response.prepare_payload();
    return response;
}

ServerResponse plain_error(int status, std::string_view what) {
    return {status, "application/json", "{\"error\":\"" + std::string(what) + "\"}"};
}

}  // namespace

bool is_loopback_address(const std::string& address) {
    if (address == "localhost") return true;
    boost::system::error_code ec;
    const asio::ip::address a = asio::ip::make_address(address, ec);
    return !ec && a.is_loopback();
}

struct HttpsServer::Impl {
    struct Connection {
        std::thread thread;
        int fd = -1;
        bool finished = false;
    };

    HttpsServerOptions options;
    ServerHandler handler;
    std::optional<ssl::context> tls;
    asio::io_context io;
    tcp::acceptor acceptor{io};
    std::uint16_t port = 0;
    std::thread accept_thread;
    std::mutex mutex;
    bool stopping = false;
    std::list<Connection> connections;
    std::size_t open = 0;

    void stop() {
        {
            std::lock_guard lock(mutex);
            stopping = true;
        }
        // A blocking accept() does not notice a closed acceptor; a connection of our own wakes it.
        {
            asio::io_context waker_io;
            tcp::socket waker(waker_io);
            boost::system::error_code ignored;
            const auto address = acceptor.local_endpoint(ignored).address();
            waker.connect(tcp::endpoint(address.is_unspecified() ? asio::ip::make_address("127.0.0.1") : address, port),
                          ignored);
        }
        if (accept_thread.joinable()) accept_thread.join();
        std::list<Connection> remaining;
        {
            std::lock_guard lock(mutex);
            for (auto& c : connections)
                if (!c.finished) ::shutdown(c.fd, SHUT_RDWR);
            remaining.swap(connections);
        }
        for (auto& c : remaining) c.thread.join();
    }

    void accept_loop() {
        for (;;) {
            tcp::socket socket(io);
            boost::system::error_code ec;
            acceptor.accept(socket, ec);
            std::list<Connection> finished;
            std::lock_guard lock(mutex);
            if (stopping) return;
            for (auto it = connections.begin(); it != connections.end();) {
                auto next = std::next(it);
                if (it->finished) finished.splice(finished.end(), connections, it);
                it = next;
            }
            for (auto& c : finished) c.thread.join();  // already done: joins at once
            if (ec) continue;
            if (open >= options.max_connections) continue;  // the socket closes as it goes out of scope
            socket.set_option(tcp::no_delay(true), ec);
            // A keep-alive connection that stays silent is closed: a blocked read gives up after this.
            timeval idle{options.idle_timeout_seconds, 0};
            ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &idle, sizeof idle);
            ++open;
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

    template <class Stream>
    void serve_requests(Stream& stream) {
        beast::flat_buffer buffer;
        for (;;) {
            bhttp::request_parser<bhttp::string_body> parser;
            parser.header_limit(16 * 1024);
            parser.body_limit(options.max_body_bytes);
            boost::system::error_code ec;
            bhttp::read(stream, buffer, parser, ec);
            if (ec == bhttp::error::body_limit) {
                // Answered without reading the rest, then closed: the body is not wanted.
                auto response = to_beast_response(plain_error(413, "payload too large"), 11, false);
                bhttp::write(stream, response, ec);
                return;
            }
            if (ec) return;
            const bhttp::request<bhttp::string_body>& request = parser.get();
            ServerResponse answer;
            try {
                answer = handler(to_server_request(request));
            } catch (const std::exception&) {
                answer = plain_error(500, "internal error");
            }
            auto response = to_beast_response(answer, request.version(), request.keep_alive());
            bhttp::write(stream, response, ec);
            if (ec || !response.keep_alive()) return;
        }
    }
};

Result<std::unique_ptr<HttpsServer>> HttpsServer::start(const HttpsServerOptions& options, ServerHandler handler) {
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    impl->handler = std::move(handler);
    if (options.certificate_chain_file.has_value() != options.private_key_file.has_value()) {
        return Status::invalid_argument("serve: give both a certificate file and a key file, or neither");
    }
    if (!options.certificate_chain_file && !is_loopback_address(options.bind_address)) {
        return Status::invalid_argument("serve: plain HTTP only on a loopback address (" + options.bind_address +
                                        " is not); give a certificate and key for TLS");
    }
    if (options.certificate_chain_file) {
        ssl::context& context = impl->tls.emplace(ssl::context::tls_server);
        SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION);
        context.set_options(ssl::context::default_workarounds | ssl::context::no_compression);
        boost::system::error_code ec;
        context.use_certificate_chain_file(options.certificate_chain_file->string(), ec);
        if (ec) return Status::invalid_argument("serve: certificate " + options.certificate_chain_file->string() + ": " + ec.message());
        context.use_private_key_file(options.private_key_file->string(), ssl::context::pem, ec);
        if (ec) return Status::invalid_argument("serve: key " + options.private_key_file->string() + ": " + ec.message());
    }
    boost::system::error_code ec;
    const std::string host = options.bind_address == "localhost" ? "127.0.0.1" : options.bind_address;
    const asio::ip::address address = asio::ip::make_address(host, ec);
    if (ec) return Status::invalid_argument("serve: bind address '" + options.bind_address + "' is not an IP address");
    const tcp::endpoint endpoint(address, options.port);
    impl->acceptor.open(endpoint.protocol(), ec);
    if (!ec) impl->acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) impl->acceptor.bind(endpoint, ec);
    if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        return Status::invalid_argument("serve: cannot listen on " + options.bind_address + ":" +
                                        std::to_string(options.port) + ": " + ec.message());
    }
    impl->port = impl->acceptor.local_endpoint().port();
    Impl* raw = impl.get();
    impl->accept_thread = std::thread([raw] { raw->accept_loop(); });
    return std::unique_ptr<HttpsServer>(new HttpsServer(std::move(impl)));
}

HttpsServer::HttpsServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpsServer::~HttpsServer() { impl_->stop(); }

std::uint16_t HttpsServer::port() const { return impl_->port; }

bool HttpsServer::tls() const { return impl_->tls.has_value(); }

}  // namespace sellerscore::connectors::http
