// The only TU that includes Beast, Asio and OpenSSL's SSL API (each includer costs ~20 s to compile).
//
// The exchange is synchronous for the caller, but every socket operation is an async one run to
// completion on the connection's own io_context by the calling thread: Beast's tcp_stream applies
// expires_after only to asynchronous operations ("Timeouts are not available when performing
// blocking calls", basic_stream.hpp), and a blocking read would hang on a silent server.
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/socket.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cerrno>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <vector>

#include "connectors/http/base_url.hpp"
#include "connectors/http/gzip_decoder.hpp"
#include "connectors/http/http_transport.hpp"

namespace sellerscore::connectors::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using steady = std::chrono::steady_clock;
using boost::system::error_code;

std::string ms_text(std::chrono::milliseconds duration) { return std::to_string(duration.count()) + " ms"; }

bhttp::verb to_verb(Method method) {
    switch (method) {
        case Method::get: return bhttp::verb::get;
        case Method::post: return bhttp::verb::post;
        case Method::patch: return bhttp::verb::patch;
        case Method::put: return bhttp::verb::put;
        case Method::del: return bhttp::verb::delete_;
    }
    return bhttp::verb::get;
}

bool has_line_break(std::string_view text) { return text.find_first_of(std::string_view("\r\n\0", 3)) != text.npos; }

struct Connection {
    asio::io_context io;  // run only by the thread holding the connection
    std::optional<beast::tcp_stream> plain;
    std::optional<ssl::stream<beast::tcp_stream>> tls;
    beast::flat_buffer buffer;
    std::string verify_failure;  // why the certificate was refused, for the handshake's message

    beast::tcp_stream& lowest() { return tls ? tls->next_layer() : *plain; }

    template <class Operation>
    void with_stream(Operation&& operation) {
        if (tls)
            operation(*tls);
        else
            operation(*plain);
    }

    // Runs the io_context until the operation started on it has completed.
    void run() {
        io.restart();
        io.run();
    }

    // A kept-alive connection is worth reusing unless the server has closed it meanwhile.
    bool looks_alive() {
        char byte;
        const ssize_t n = ::recv(lowest().socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
        if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK;
        // 0: the server closed it while idle. Bytes on an idle connection are a close_notify alert
        // or garbage that would be read as the next response; TLS 1.3 session tickets come before
        // the first response and were consumed with it.
        return false;
    }
};

// Up to max connections open at once; idle ones are kept for reuse.
class ConnectionPool {
public:
    explicit ConnectionPool(std::size_t max_open) : max_open_(std::max<std::size_t>(max_open, 1)) {}

    // Waits for a free slot. Returns an idle connection, or nullptr: the caller opens one in the
    // slot it now holds.
    std::unique_ptr<Connection> acquire() {
        std::vector<std::unique_ptr<Connection>> dead;
        std::unique_lock lock(mutex_);
        available_.wait(lock, [this] { return !idle_.empty() || open_ < max_open_; });
        while (!idle_.empty()) {
            std::unique_ptr<Connection> connection = std::move(idle_.back());
            idle_.pop_back();
            if (connection->looks_alive()) return connection;
            dead.push_back(std::move(connection));  // closed after the lock is released
        }
        ++open_;
        open_ -= dead.size();
        return nullptr;
    }

    void give_back(std::unique_ptr<Connection> connection) {
        {
            std::lock_guard lock(mutex_);
            idle_.push_back(std::move(connection));
        }
        available_.notify_one();
    }

    // The slot's connection is gone (closed, failed or never opened).
    void release_slot() {
        {
            std::lock_guard lock(mutex_);
            --open_;
        }
        available_.notify_one();
    }

private:
    const std::size_t max_open_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<Connection>> idle_;
    std::size_t open_ = 0;  // idle and in use
};

// One request/response on one connection.
struct AttemptOutcome {
    Result<HttpResponse> result = Status::internal("no attempt made");
    bool response_started = false;  // some response byte arrived
    bool keep_alive = false;
};

bool is_connection_loss(const error_code& ec) {
    return ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message || ec == asio::error::eof ||
           ec == ssl::error::stream_truncated || ec == asio::error::connection_reset ||
           ec == asio::error::broken_pipe || ec == asio::error::connection_aborted ||
           ec == asio::error::not_connected || ec == asio::error::shut_down;
}

class TlsTransport final : public HttpTransport {
public:
    TlsTransport(TransportOptions options, BaseUrl base, std::optional<ssl::context> context)
        : options_(std::move(options)),
          base_(std::move(base)),
          context_(std::move(context)),
          pool_(options_.max_connections) {}

    Result<HttpResponse> exchange(const HttpRequest& request, ExchangeTrace& trace) override {
        const std::string label = method_and_path(request);
        if (request.body.size() > options_.max_request_bytes)
            return Status::invalid_argument(label + ": request body of " + std::to_string(request.body.size()) +
                                            " bytes over the " + std::to_string(options_.max_request_bytes) +
                                            "-byte cap");
        Result<bhttp::request<bhttp::string_body>> wire_request = to_wire(request, label);
        if (!wire_request) return wire_request.status();

        std::unique_ptr<Connection> connection = pool_.acquire();
        const steady::time_point deadline = steady::now() + options_.total_timeout;
        const bool reused = connection != nullptr;
        if (!reused) {
            Result<std::unique_ptr<Connection>> opened = open(label, deadline);
            if (!opened) {
                pool_.release_slot();
                return opened.status();
            }
            connection = std::move(opened.value());
        }

        AttemptOutcome outcome = attempt(*connection, *wire_request, label, deadline, trace);
        const bool stale = reused && !outcome.result && !outcome.response_started &&
                           outcome.result.status().code() == StatusCode::network &&
                           (request.idempotent || !trace.request_written);
        if (stale) {
            // The server closed the idle connection as we reused it: the request never reached
            // it, so sending it once more on a fresh connection is not a retry.
            connection.reset();
            Result<std::unique_ptr<Connection>> opened = open(label, deadline);
            if (!opened) {
                pool_.release_slot();
                return opened.status();
            }
            connection = std::move(opened.value());
            ExchangeTrace fresh_trace;
            outcome = attempt(*connection, *wire_request, label, deadline, fresh_trace);
            trace.request_written = trace.request_written || fresh_trace.request_written;
        }

        if (outcome.result && outcome.keep_alive) {
            pool_.give_back(std::move(connection));
        } else {
            connection.reset();
            pool_.release_slot();
        }
        return std::move(outcome.result);
    }

private:
    std::string endpoint_text() const { return base_.host_header; }

    Result<bhttp::request<bhttp::string_body>> to_wire(const HttpRequest& request, const std::string& label) const {
        std::string target = base_.path_prefix + request.target;
        if (target.empty()) target = "/";
        bhttp::request<bhttp::string_body> wire{to_verb(request.method), target, 11};
        wire.set(bhttp::field::host, base_.host_header);
        wire.set(bhttp::field::user_agent, options_.user_agent);
        wire.set(bhttp::field::accept, "application/json");
        wire.set(bhttp::field::accept_encoding, "gzip");
        for (const Header& header : request.headers) {
            if (header.name.empty() || has_line_break(header.name) || has_line_break(header.value))
                return Status::invalid_argument(label + ": header '" + header.name +
                                                "' is empty or contains a line break");
            wire.insert(header.name, header.value);
        }
        if (!request.body.empty()) {
            wire.set(bhttp::field::content_type,
                     request.content_type.empty() ? std::string("application/json") : request.content_type);
            wire.body() = request.body;
        }
        wire.prepare_payload();
        return wire;
    }

    Result<std::unique_ptr<Connection>> open(const std::string& label, steady::time_point attempt_deadline) {
        const steady::time_point deadline = std::min(attempt_deadline, steady::now() + options_.connect_timeout);
        auto connection = std::make_unique<Connection>();
        if (context_)
            connection->tls.emplace(connection->io, *context_);
        else
            connection->plain.emplace(connection->io);

        // Resolve. getaddrinfo cannot be interrupted: after the deadline the lookup is abandoned
        // and waited for (the io_context needs it back), which only a hanging DNS server delays.
        tcp::resolver resolver(connection->io);
        std::optional<error_code> resolved;
        tcp::resolver::results_type endpoints;
        const auto flags = base_.host_is_ip ? tcp::resolver::numeric_host : tcp::resolver::flags{};
        resolver.async_resolve(base_.host, std::to_string(base_.port), flags,
                               [&](const error_code& ec, tcp::resolver::results_type results) {
                                   resolved = ec;
                                   endpoints = std::move(results);
                               });
        connection->io.restart();
        connection->io.run_until(deadline);
        if (!resolved) {
            resolver.cancel();
            connection->run();
            return Status{StatusCode::timeout, label + ": resolving " + base_.host + " timed out after " +
                                                   ms_text(options_.connect_timeout)};
        }
        if (*resolved)
            return Status{StatusCode::network, label + ": cannot resolve " + base_.host + ": " + resolved->message()};

        beast::tcp_stream& stream = connection->lowest();
        error_code connect_error;
        stream.expires_at(deadline);
        stream.async_connect(endpoints, [&](const error_code& ec, const tcp::endpoint&) { connect_error = ec; });
        connection->run();
        if (connect_error == beast::error::timeout)
            return Status{StatusCode::timeout,
                          label + ": connecting to " + endpoint_text() + " timed out after " + ms_text(options_.connect_timeout)};
        if (connect_error)
            return Status{StatusCode::network, label + ": cannot connect to " + endpoint_text() + ": " + connect_error.message()};
        // Requests and TLS records go out in several small writes; with Nagle's algorithm each can
        // wait for the peer's delayed ACK (~40 ms), which would cap a connection near 25 requests/s.
        error_code ignored;
        stream.socket().set_option(tcp::no_delay(true), ignored);

        if (connection->tls) {
            Status handshaken = handshake(*connection, label, deadline);
            if (!handshaken) return handshaken;
        }
        return connection;
    }

    Status handshake(Connection& connection, const std::string& label, steady::time_point deadline) {
        ssl::stream<beast::tcp_stream>& stream = *connection.tls;
        if (!base_.host_is_ip && !SSL_set_tlsext_host_name(stream.native_handle(), base_.host.c_str()))
            return Status{StatusCode::network, label + ": cannot set the TLS server name " + base_.host};
        stream.set_verify_mode(ssl::verify_peer);
        std::string& failure = connection.verify_failure;
        stream.set_verify_callback(
            [&failure, check = ssl::host_name_verification(base_.host), host = base_.host](
                bool preverified, ssl::verify_context& context) mutable {
                const bool accepted = check(preverified, context);
                if (!accepted && failure.empty()) {
                    const int error = X509_STORE_CTX_get_error(context.native_handle());
                    failure = preverified || error == X509_V_OK
                                  ? "the certificate is not valid for " + host
                                  : std::string(X509_verify_cert_error_string(error));
                }
                return accepted;
            });

        error_code ec;
        stream.next_layer().expires_at(deadline);
        stream.async_handshake(ssl::stream_base::client, [&](const error_code& e) { ec = e; });
        connection.run();
        if (!ec) return Status::ok();
        const std::string where = label + ": TLS handshake with " + endpoint_text();
        if (ec == beast::error::timeout)
            return Status{StatusCode::timeout, where + " timed out after " + ms_text(options_.connect_timeout)};
        // Not transient: retrying cannot make an untrusted certificate trusted, and the fix is in the
        // settings (base_url, ca_file), so it is reported like any other bad setting.
        if (!failure.empty())
            return Status{StatusCode::invalid_argument, where + " failed: certificate verification failed: " + failure};
        return Status{StatusCode::network, where + " failed: " + ec.message()};
    }

    steady::time_point operation_deadline(steady::time_point attempt_deadline) const {
        return std::min(attempt_deadline, steady::now() + options_.read_timeout);
    }

    Status timed_out(const std::string& label, steady::time_point attempt_deadline, const char* doing) const {
        if (steady::now() >= attempt_deadline)
            return Status{StatusCode::timeout, label + ": exceeded the total timeout of " + ms_text(options_.total_timeout)};
        return Status{StatusCode::timeout,
                      label + ": no progress " + doing + " for " + ms_text(options_.read_timeout) + " (read timeout)"};
    }

    AttemptOutcome attempt(Connection& connection, bhttp::request<bhttp::string_body>& wire, const std::string& label,
                           steady::time_point deadline, ExchangeTrace& trace) {
        AttemptOutcome outcome;
        beast::tcp_stream& stream = connection.lowest();

        bhttp::request_serializer<bhttp::string_body> serializer(wire);
        while (!serializer.is_done()) {
            error_code ec;
            std::size_t written = 0;
            stream.expires_at(operation_deadline(deadline));
            connection.with_stream([&](auto& s) {
                bhttp::async_write_some(s, serializer, [&](const error_code& e, std::size_t n) {
                    ec = e;
                    written = n;
                });
            });
            connection.run();
            if (written > 0) trace.request_written = true;
            if (ec == beast::error::timeout) {
                outcome.result = timed_out(label, deadline, "sending the request");
                return outcome;
            }
            if (ec) {
                outcome.result = Status{StatusCode::network, label + ": connection lost while sending the request (" +
                                                                 ec.message() + ")"};
                return outcome;
            }
        }

        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(options_.max_response_bytes);
        while (!parser.is_done()) {
            error_code ec;
            std::size_t parsed = 0;
            stream.expires_at(operation_deadline(deadline));
            connection.with_stream([&](auto& s) {
                bhttp::async_read_some(s, connection.buffer, parser, [&](const error_code& e, std::size_t n) {
                    ec = e;
                    parsed = n;
                });
            });
            connection.run();
            if (parsed > 0 || connection.buffer.size() > 0) outcome.response_started = true;
            if (ec) {
                outcome.result = read_failure(ec, parser, label, deadline, outcome.response_started);
                return outcome;
            }
        }
        stream.expires_never();

        bhttp::response<bhttp::string_body> message = parser.release();
        HttpResponse response;
        response.status = static_cast<int>(message.result_int());
        for (const auto& field : message)
            response.headers.push_back(Header{std::string(field.name_string()), std::string(field.value())});
        response.body = std::move(message.body());
        const std::string_view encoding = message[bhttp::field::content_encoding];
        if (beast::iequals(encoding, "gzip") || beast::iequals(encoding, "x-gzip")) {
            Result<std::string> inflated = decode_gzip(response.body, options_.max_response_bytes);
            if (!inflated) {
                outcome.result = inflated.status().prefixed(label + ": ");
                return outcome;
            }
            response.body = std::move(inflated.value());
        } else if (!encoding.empty() && !beast::iequals(encoding, "identity")) {
            outcome.result = Status::unsupported(label + ": unsupported Content-Encoding " + std::string(encoding));
            return outcome;
        }
        outcome.keep_alive = message.keep_alive();
        outcome.result = std::move(response);
        return outcome;
    }

    Status read_failure(const error_code& ec, const bhttp::response_parser<bhttp::string_body>& parser,
                        const std::string& label, steady::time_point deadline, bool started) const {
        if (ec == beast::error::timeout) return timed_out(label, deadline, "reading the response");
        if (ec == bhttp::error::body_limit)
            return Status::invalid_argument(label + ": response body over " + std::to_string(options_.max_response_bytes) +
                                            " bytes");
        if (ec == bhttp::error::header_limit)
            return Status::invalid_argument(label + ": response header over the header size limit");
        if (is_connection_loss(ec)) {
            if (parser.is_header_done()) {
                const std::string received = std::to_string(parser.get().body().size());
                const auto expected = parser.content_length();
                return Status{StatusCode::network,
                              label + ": connection closed after " + received +
                                  (expected ? " of " + std::to_string(*expected) : std::string()) + " body bytes"};
            }
            if (started)
                return Status{StatusCode::network, label + ": connection closed while reading the response header"};
            return Status{StatusCode::network,
                          label + ": connection closed before any response byte (" + ec.message() + ")"};
        }
        return Status{StatusCode::network, label + ": unreadable response: " + ec.message()};
    }

    const TransportOptions options_;
    const BaseUrl base_;
    std::optional<ssl::context> context_;  // empty for plain http to loopback
    ConnectionPool pool_;                  // after context_: connections go before the context
};

}  // namespace

Result<std::unique_ptr<HttpTransport>> make_tls_transport(const TransportOptions& options) {
    Result<BaseUrl> base = parse_base_url(options.base_url);
    if (!base) return base.status();

    std::optional<ssl::context> context;
    if (base->tls) {
        // tls_client, not tlsv12_client: the latter pins the maximum to 1.2 as well.
        context.emplace(ssl::context::tls_client);
        SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION);
        error_code ec;
        context->set_options(ssl::context::default_workarounds | ssl::context::no_compression, ec);
        if (!ec) context->set_default_verify_paths(ec);
        if (ec) return Status::internal("TLS setup: " + ec.message());
        if (!options.ca_file.empty()) {
            context->load_verify_file(options.ca_file, ec);
            if (ec) return Status::invalid_argument("ca_file " + options.ca_file + ": cannot load: " + ec.message());
        }
        context->set_verify_mode(ssl::verify_peer);
    }
    return std::unique_ptr<HttpTransport>(std::make_unique<TlsTransport>(options, std::move(*base), std::move(context)));
}

}  // namespace sellerscore::connectors::http
