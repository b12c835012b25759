#include "fake_pipedrive_rate_limits.hpp"

#include <algorithm>

namespace sellerscore::fakes::pipedrive {

RateLimits::RateLimits(int max_requests, std::chrono::milliseconds interval, std::int64_t daily_tokens,
                       int abuse_threshold, std::chrono::milliseconds abuse_cooldown)
    : max_requests_(max_requests),
      interval_(interval),
      daily_tokens_(daily_tokens),
      abuse_threshold_(abuse_threshold),
      abuse_cooldown_(abuse_cooldown),
      daily_remaining_(daily_tokens) {}

void RateLimits::forget_before(TimePoint now) {
    // A request admitted exactly `interval` ago has left the window.
    while (!admitted_.empty() && admitted_.front() <= now - interval_) admitted_.pop_front();
}

bool RateLimits::is_blocked(TimePoint now) {
    if (!blocked_) return false;
    if (now < blocked_until_) return true;
    blocked_ = false;
    refused_in_a_row_ = 0;
    return false;
}

RateLimits::Decision RateLimits::admit(TimePoint now, std::int64_t day) {
    if (budget_day_ != day) {
        // The first request of a new day finds the budget refilled; the first day starts full.
        if (budget_day_ >= 0) daily_remaining_ = daily_tokens_;
        budget_day_ = day;
    }
    forget_before(now);
    Decision decision = Decision::admitted;
    if (daily_remaining_ <= 0)
        decision = Decision::daily_exhausted;
    else if (static_cast<int>(admitted_.size()) >= max_requests_)
        decision = Decision::burst_exceeded;

    if (decision == Decision::admitted) {
        refused_in_a_row_ = 0;
        admitted_.push_back(now);
        peak_ = std::max(peak_, static_cast<int>(admitted_.size()));
        return decision;
    }
    if (++refused_in_a_row_ > abuse_threshold_) {
        blocked_ = true;
        blocked_until_ = now + abuse_cooldown_;
        return Decision::blocked;
    }
    return decision;
}

void RateLimits::charge(std::int64_t tokens) { daily_remaining_ = std::max<std::int64_t>(0, daily_remaining_ - tokens); }

std::vector<std::pair<std::string, std::string>> RateLimits::headers(TimePoint now) {
    forget_before(now);
    const int remaining = std::max(0, max_requests_ - static_cast<int>(admitted_.size()));
    // Whole seconds until the oldest request leaves the window and frees a slot, rounded up.
    std::int64_t reset_seconds = 0;
    if (!admitted_.empty()) {
        const auto until_free = admitted_.front() + interval_ - now;
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(until_free).count();
        reset_seconds = (ms + 999) / 1000;
    }
    return {
        {"x-ratelimit-limit", std::to_string(max_requests_)},
        {"x-ratelimit-remaining", std::to_string(remaining)},
        {"x-ratelimit-reset", std::to_string(reset_seconds)},
        {"x-daily-ratelimit-token-limit", std::to_string(daily_tokens_)},
        {"x-daily-ratelimit-token-remaining", std::to_string(daily_remaining_)},
    };
}

}  // namespace sellerscore::fakes::pipedrive
