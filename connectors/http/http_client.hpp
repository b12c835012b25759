// The HTTP client every vendor connector uses: credentials, pacing against the vendor's rate-limit
// headers, and retries with capped exponential backoff and full jitter. Holds no Beast types.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "connectors/http/access_token_source.hpp"
#include "connectors/http/clock.hpp"
#include "connectors/http/http_message.hpp"
#include "connectors/http/http_transport.hpp"
#include "plugin/model/status.hpp"

namespace sellerscore::connectors::http {

struct RetryPolicy {
    int max_attempts = 6;                                // the first try and 5 retries
    std::chrono::milliseconds base_delay{500};           // backoff n waits uniform(0, min(cap, base * 2^n))
    std::chrono::milliseconds max_delay{30'000};         // cap of one backoff wait
    std::chrono::milliseconds max_retry_after{300'000};  // a longer Retry-After gives up at once instead
    std::chrono::milliseconds total_budget{600'000};     // all attempts and waits of one request
};

// The response headers that carry a vendor's rate limit; an empty name = the vendor does not send it.
struct RateLimitHeaders {
    std::string max;             // requests allowed per interval ("X-HubSpot-RateLimit-Max")
    std::string remaining;       // left in the current interval ("X-HubSpot-RateLimit-Remaining")
    std::string interval_ms;     // interval length in ms ("X-HubSpot-RateLimit-Interval-Milliseconds")
    std::string reset_s;         // seconds until the interval resets (Pipedrive "x-ratelimit-reset")
    std::string daily_remaining; // left today ("X-HubSpot-RateLimit-Daily-Remaining")
};

// The pace before the first response says otherwise (and for vendors that send no headers).
struct RateLimit {
    int max_requests = 0;  // 0 = unpaced until headers arrive
    std::chrono::milliseconds interval{10'000};
    double target_share = 0.95;  // of the allowed rate: close to the limit without touching it
    int daily_reserve = 0;       // stop (rate_limited) when the daily remaining falls to this
};

enum class LogLevel { trace, debug, info, warn, error };
using LogSink = std::function<void(LogLevel, const std::string&)>;

struct ClientOptions {
    TransportOptions transport;
    RetryPolicy retry;
    RateLimitHeaders rate_headers;
    RateLimit rate_limit;
    LogSink log;                      // may be empty; never receives credentials
    std::function<bool()> cancelled;  // may be empty; checked before each attempt and while waiting
    std::uint64_t jitter_seed = 0;    // 0 = seeded from the clock
};

// Counters since the client was made; for logs, bench figures and tests.
struct ClientStats {
    std::uint64_t requests = 0;       // send() calls
    std::uint64_t attempts = 0;       // exchanges put on the wire
    std::uint64_t retries = 0;
    std::uint64_t status_429 = 0;
    std::uint64_t status_5xx = 0;
    std::uint64_t transport_failures = 0;
    std::uint64_t token_refreshes = 0;
    std::chrono::milliseconds paced_wait{0};    // time spent waiting for the rate limiter
    std::chrono::milliseconds backoff_wait{0};  // time spent waiting to retry
};

class HttpClient {
public:
    // Makes the TLS transport from options.transport.
    static Result<std::unique_ptr<HttpClient>> create(ClientOptions options, std::unique_ptr<AccessTokenSource> auth,
                                                      Clock& clock = system_clock());
    // Over a given transport (tests script one to count attempts exactly).
    HttpClient(ClientOptions options, std::unique_ptr<HttpTransport> transport,
               std::unique_ptr<AccessTokenSource> auth, Clock& clock = system_clock());
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // Sends with credential, pacing and retries. Returns the first response that is not retried:
    // any 2xx/3xx, any 4xx other than 408/429 (the connector reads the vendor's error body), a 429
    // when request.retry_rate_limited is false, or
    // a 401 after one refresh. Retries 408, 429, 5xx, timeouts and resets (resets and timeouts only
    // for idempotent requests), waiting Retry-After (seconds or HTTP date) when given, else
    // backoff with full jitter. When the attempts or the budget run out, or Retry-After exceeds
    // max_retry_after, the result is a Status (rate_limited for 429, network/timeout otherwise) whose
    // message names method, path, last status or failure, attempts, and the vendor's message.
    // Thread-safe.
    Result<HttpResponse> send(const HttpRequest& request);

    // Sends up to transport.max_connections requests at once; results in the requests' order.
    std::vector<Result<HttpResponse>> send_all(const std::vector<HttpRequest>& requests);

    ClientStats stats() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace sellerscore::connectors::http
