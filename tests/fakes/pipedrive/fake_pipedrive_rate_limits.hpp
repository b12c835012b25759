// Pipedrive's limits on one company: a rolling burst window of requests, a daily token budget that
// each served request is charged against (refilled at UTC midnight), and the Cloudflare block that
// follows a client hammering through its 429s. Produces the x-ratelimit-* and
// x-daily-ratelimit-token-* headers every response carries.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

namespace sellerscore::fakes::pipedrive {

class RateLimits {
public:
    using TimePoint = std::chrono::steady_clock::time_point;
    enum class Decision { admitted, burst_exceeded, daily_exhausted, blocked };

    RateLimits(int max_requests, std::chrono::milliseconds interval, std::int64_t daily_tokens, int abuse_threshold,
               std::chrono::milliseconds abuse_cooldown);

    // Whether the client is inside a Cloudflare cool-down at `now` (checked before anything else).
    bool is_blocked(TimePoint now);
    // Whether an authenticated request arriving at `now` (on UTC day `day`) is served. A refused
    // request counts toward the abuse threshold; the one that crosses it is `blocked` and starts
    // the cool-down.
    Decision admit(TimePoint now, std::int64_t day);
    void charge(std::int64_t tokens);
    void set_daily_remaining(std::int64_t tokens) { daily_remaining_ = tokens < 0 ? 0 : tokens; }

    std::vector<std::pair<std::string, std::string>> headers(TimePoint now);
    std::int64_t daily_remaining() const { return daily_remaining_; }
    int peak_window_count() const { return peak_; }

private:
    void forget_before(TimePoint now);

    int max_requests_;
    std::chrono::milliseconds interval_;
    std::int64_t daily_tokens_;
    int abuse_threshold_;
    std::chrono::milliseconds abuse_cooldown_;

    std::deque<TimePoint> admitted_;
    int peak_ = 0;
    std::int64_t daily_remaining_;
    std::int64_t budget_day_ = -1;
    int refused_in_a_row_ = 0;
    bool blocked_ = false;
    TimePoint blocked_until_{};
};

}  // namespace sellerscore::fakes::pipedrive
