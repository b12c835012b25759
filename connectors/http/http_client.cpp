#include "connectors/http/http_client.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <mutex>
#include <optional>
#include <thread>

#include "connectors/http/backoff_schedule.hpp"
#include "connectors/http/cancellable_wait.hpp"
#include "connectors/http/request_pacer.hpp"
#include "connectors/http/retry_after.hpp"
#include "connectors/http/secret_redaction.hpp"

namespace sellerscore::connectors::http {
namespace {

using steady = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds retry_after_jitter{100};
constexpr std::size_t vendor_message_bytes = 200;

milliseconds to_ms(steady::duration duration) {
    return std::chrono::duration_cast<milliseconds>(std::max(duration, steady::duration(0)));
}

std::string ms_text(milliseconds duration) { return std::to_string(duration.count()) + " ms"; }

std::string attempts_text(int attempts) {
    return std::to_string(attempts) + (attempts == 1 ? " attempt" : " attempts");
}

bool retryable_status(int status) { return status == 408 || status == 429 || (status >= 500 && status <= 599); }

// The vendor's own words: a JSON body's "message" (HubSpot, most REST APIs), else the start of the
// body without control characters (an HTML error page from a proxy stays one readable line).
std::string vendor_message(const std::string& body) {
    boost::system::error_code ec;
    const boost::json::value parsed = boost::json::parse(body, ec);
    if (!ec && parsed.is_object()) {
        if (const auto* message = parsed.as_object().if_contains("message"); message && message->is_string())
            return std::string(message->as_string());
    }
    std::string text;
    for (const char c : body.substr(0, vendor_message_bytes))
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) text += c;
    return text;
}

// The credential's value and its last word (the token without "Bearer ").
std::vector<std::string_view> secrets_of(const std::optional<Header>& credential) {
    if (!credential) return {};
    const std::string_view value = credential->value;
    const std::size_t space = value.rfind(' ');
    return {value, space == std::string_view::npos ? value : value.substr(space + 1)};
}

}  // namespace

struct HttpClient::State {
    State(ClientOptions o, std::unique_ptr<HttpTransport> t, std::unique_ptr<AccessTokenSource> a, Clock& c)
        : options(std::move(o)),
          transport(std::move(t)),
          auth(std::move(a)),
          clock(c),
          pacer(options.rate_limit, options.rate_headers),
          backoff(options.retry.base_delay, options.retry.max_delay, options.jitter_seed) {}

    ClientOptions options;
    std::unique_ptr<HttpTransport> transport;
    std::unique_ptr<AccessTokenSource> auth;
    Clock& clock;
    RequestPacer pacer;
    BackoffSchedule backoff;

    mutable std::mutex stats_mutex;
    ClientStats stats;

    template <class Update>
    void count(Update update) {
        std::lock_guard lock(stats_mutex);
        update(stats);
    }

    void log(LogLevel level, const std::string& line) const {
        if (options.log) options.log(level, line);
    }

    bool cancelled() const { return options.cancelled && options.cancelled(); }

    Result<HttpResponse> send(const HttpRequest& request);
};

Result<HttpResponse> HttpClient::State::send(const HttpRequest& request) {
    const std::string label = method_and_path(request);
    count([](ClientStats& s) { ++s.requests; });
    const int max_attempts = std::max(options.retry.max_attempts, 1);
    const steady::time_point budget_end = clock.now() + options.retry.total_budget;
    int attempts = 0;
    bool retried_after_401 = false;

    for (;;) {
        if (cancelled()) return Status::cancelled(label + ": cancelled after " + attempts_text(attempts));

        std::optional<Header> credential;
        if (auth) {
            Result<Header> header = auth->credential();
            if (!header) return header.status().prefixed(label + ": ");
            credential = std::move(header.value());
        }
        const std::vector<std::string_view> secrets = secrets_of(credential);

        Result<milliseconds> paced = pacer.acquire(clock, options.cancelled);
        if (!paced) {
            if (paced.status().code() == StatusCode::cancelled)
                return Status::cancelled(label + ": cancelled after " + attempts_text(attempts));
            return paced.status().prefixed(label + ": ");
        }
        count([&](ClientStats& s) { s.paced_wait += *paced; });
        if (*paced >= milliseconds(1000)) log(LogLevel::info, label + ": waited " + ms_text(*paced) + " for the rate limit");

        HttpRequest wire = request;
        if (credential) wire.headers.push_back(*credential);
        ++attempts;
        count([](ClientStats& s) { ++s.attempts; });
        const steady::time_point started = clock.now();
        ExchangeTrace trace;
        Result<HttpResponse> result = transport->exchange(wire, trace);
        const milliseconds took = to_ms(clock.now() - started);
        pacer.complete(started, result ? &result.value() : nullptr, clock);

        const std::string attempt_text = " (attempt " + std::to_string(attempts) + ")";
        std::string outcome;        // "503" or the transport's failure, for the final message
        std::string vendor;         // the vendor's message, for the final message
        StatusCode give_up_code = StatusCode::network;
        std::optional<milliseconds> server_wait;
        bool rate_limited = false;

        if (!result) {
            const Status& failure = result.status();
            outcome = failure.message();
            if (outcome.rfind(label + ": ", 0) == 0) outcome.erase(0, label.size() + 2);
            log(LogLevel::debug, label + " -> " + outcome + " in " + ms_text(took) + attempt_text);
            count([](ClientStats& s) { ++s.transport_failures; });
            const bool transient = failure.code() == StatusCode::network || failure.code() == StatusCode::timeout;
            give_up_code = failure.code();
            // A request that may have reached the server is sent again only when repeating it is harmless.
            if (!transient || (!request.idempotent && trace.request_written))
                return Status{failure.code(), label + ": " + outcome + " after " + attempts_text(attempts)};
        } else {
            const HttpResponse& response = result.value();
            log(LogLevel::debug, label + " -> " + std::to_string(response.status) + " in " + ms_text(took) + attempt_text);
            if (response.status == 429) count([](ClientStats& s) { ++s.status_429; });
            if (response.status >= 500 && response.status <= 599) count([](ClientStats& s) { ++s.status_5xx; });

            if (response.status == 401 && credential && !retried_after_401 && attempts < max_attempts &&
                auth->reject(*credential)) {
                retried_after_401 = true;
                count([](ClientStats& s) { ++s.token_refreshes; });
                log(LogLevel::info, label + ": 401, refreshing the credential and trying once more");
                continue;
            }
            if (!retryable_status(response.status)) return result;
            if (response.status == 429 && !request.retry_rate_limited) return result;

            outcome = std::to_string(response.status);
            vendor = redact_secrets(vendor_message(response.body), secrets);
            rate_limited = response.status == 429;
            if (rate_limited) give_up_code = StatusCode::rate_limited;
            if (const auto header = response.header("Retry-After"))
                server_wait = parse_retry_after(*header, clock.wall_now());
        }

        const auto give_up = [&](const std::string& why, StatusCode code, int retry_after_ms) {
            std::string message = label + ": " + outcome + " after " + attempts_text(attempts) + why;
            if (!vendor.empty()) message += ": " + vendor;
            log(LogLevel::warn, message);
            return Status{code, message, retry_after_ms};
        };
        const int server_wait_ms = server_wait ? static_cast<int>(std::min<long long>(server_wait->count(), INT32_MAX)) : 0;

        if (server_wait && *server_wait > options.retry.max_retry_after)
            return give_up(" (the server asks to wait " + ms_text(*server_wait) + ", over max_retry_after of " +
                               ms_text(options.retry.max_retry_after) + ")",
                           StatusCode::rate_limited, server_wait_ms);
        if (attempts >= max_attempts) return give_up("", give_up_code, server_wait_ms);

        milliseconds wait;
        if (server_wait) {
            wait = *server_wait + backoff.jitter(retry_after_jitter);
        } else if (const auto reset = rate_limited ? pacer.expected_reset() : std::nullopt; reset && *reset > clock.now()) {
            wait = to_ms(*reset - clock.now());  // the window the 429 came from is over then
        } else {
            wait = backoff.delay(attempts - 1);
        }

        const steady::time_point retry_at = clock.now() + wait;
        if (retry_at > budget_end)
            return give_up(" (retry budget of " + ms_text(options.retry.total_budget) + " spent)", give_up_code,
                           server_wait_ms);

        if (rate_limited) pacer.pause_until(retry_at);
        log(LogLevel::info, label + ": " + outcome + attempt_text + ", retrying in " + ms_text(wait));
        const steady::time_point wait_started = clock.now();
        const Status slept = cancellable_wait_until(clock, retry_at, options.cancelled);
        const milliseconds slept_for = to_ms(clock.now() - wait_started);
        count([&](ClientStats& s) {
            s.backoff_wait += slept_for;
            if (slept) ++s.retries;
        });
        if (!slept) return Status::cancelled(label + ": cancelled after " + attempts_text(attempts));
    }
}

Result<std::unique_ptr<HttpClient>> HttpClient::create(ClientOptions options, std::unique_ptr<AccessTokenSource> auth,
                                                      Clock& clock) {
    Result<std::unique_ptr<HttpTransport>> transport = make_tls_transport(options.transport);
    if (!transport) return transport.status();
    return std::make_unique<HttpClient>(std::move(options), std::move(transport.value()), std::move(auth), clock);
}

HttpClient::HttpClient(ClientOptions options, std::unique_ptr<HttpTransport> transport,
                       std::unique_ptr<AccessTokenSource> auth, Clock& clock)
    : state_(std::make_unique<State>(std::move(options), std::move(transport), std::move(auth), clock)) {}

HttpClient::~HttpClient() = default;

Result<HttpResponse> HttpClient::send(const HttpRequest& request) { return state_->send(request); }

std::vector<Result<HttpResponse>> HttpClient::send_all(const std::vector<HttpRequest>& requests) {
    std::vector<std::optional<Result<HttpResponse>>> slots(requests.size());
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
        for (std::size_t i = next++; i < requests.size(); i = next++) slots[i].emplace(send(requests[i]));
    };
    const std::size_t workers =
        std::min(requests.size(), std::max<std::size_t>(state_->options.transport.max_connections, 1));
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < workers; ++i) threads.emplace_back(work);
    work();
    for (auto& thread : threads) thread.join();

    std::vector<Result<HttpResponse>> results;
    results.reserve(slots.size());
    for (auto& slot : slots) results.push_back(std::move(*slot));
    return results;
}

ClientStats HttpClient::stats() const {
    std::lock_guard lock(state_->stats_mutex);
    return state_->stats;
}

}  // namespace sellerscore::connectors::http
