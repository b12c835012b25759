// The client-side rate limiter: spaces request starts to run just under the vendor's limit, and
// holds requests back when the vendor's own headers say the window is used up.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>

#include "connectors/http/clock.hpp"
#include "connectors/http/http_client.hpp"
#include "connectors/http/http_message.hpp"
#include "plugin/model/status.hpp"

namespace sellerscore::connectors::http {

class RequestPacer {
public:
    RequestPacer(RateLimit limit, RateLimitHeaders headers);

    // Waits for this request's turn: starts are spaced interval / (max * target_share) apart, and
    // when the last known `remaining` does not exceed the requests in flight, the start waits for
    // the window to reset (reset header, else interval after the window's first request). Returns
    // the time spent waiting; rate_limited "daily API limit reached (N left)" when the daily
    // remaining is at the reserve; cancelled. Thread-safe; every success must be completed.
    Result<std::chrono::milliseconds> acquire(Clock& clock, const std::function<bool()>& cancelled);

    // The request that started at `started` has ended, with a response (nullptr: none came back).
    // Updates the limits from the response's rate headers.
    void complete(std::chrono::steady_clock::time_point started, const HttpResponse* response, Clock& clock);

    // Holds every start until `until`: after a 429 the other threads wait with the one that got it
    // instead of collecting 429s of their own.
    void pause_until(std::chrono::steady_clock::time_point until);

    // When the current window is expected to reset, if anything is known about the window; for a
    // 429 that came without Retry-After.
    std::optional<std::chrono::steady_clock::time_point> expected_reset() const;

private:
    using time_point = std::chrono::steady_clock::time_point;

    void update_spacing();
    std::optional<time_point> expected_reset_locked() const;
    // Forgets our starts that have left a rolling window by `now`; each that left after the last
    // response counted it is one more slot than that response's remaining said.
    void forget_expired_starts_locked(time_point now);
    // When the server will have room again: its reset header if it sent one, else the moment the
    // oldest of our starts in the last interval leaves a rolling window (HubSpot's windows roll).
    std::optional<time_point> next_room_locked(time_point now);

    const RateLimitHeaders headers_;
    const double target_share_;
    const int daily_reserve_;

    mutable std::mutex mutex_;
    int max_requests_;                     // 0 = unknown: no spacing
    std::chrono::milliseconds interval_;
    std::chrono::steady_clock::duration spacing_{0};
    time_point next_start_{};             // the earliest start of the next request
    time_point paused_until_{};           // no start before this (after a 429)
    int in_flight_ = 0;                    // started, not completed
    std::optional<int> remaining_;         // left in the window as of the last response
    std::optional<time_point> window_start_;  // the first request of the current window
    std::deque<time_point> recent_starts_;    // our starts within the last interval, oldest first
    time_point last_response_at_{};           // when remaining_ was last set from a response
    std::optional<time_point> reset_at_;      // from a reset header
    std::optional<long long> daily_remaining_;
};

}  // namespace sellerscore::connectors::http
