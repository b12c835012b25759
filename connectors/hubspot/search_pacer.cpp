#include "search_pacer.hpp"

#include <algorithm>

namespace sellerscore::connectors::hubspot {

namespace {
// While every slot is taken by a search in flight (several threads searching), check again after this.
constexpr std::chrono::milliseconds busy_poll{5};
}  // namespace

SearchPacer::SearchPacer(http::Clock& clock, int per_window, std::chrono::milliseconds window,
                         std::chrono::milliseconds margin)
    : clock_(clock),
      per_window_(per_window),
      window_(window + margin),
      spacing_(per_window > 0 ? std::chrono::steady_clock::duration(window) / per_window
                              : std::chrono::steady_clock::duration::zero()) {
    // Another process with the same token (the previous sync, started a moment ago) may have filled
    // HubSpot's window just now: a new pacer counts it as full.
    if (per_window_ > 0) answered_.assign(static_cast<std::size_t>(per_window_), clock_.now());
}

SearchPacer::TimePoint SearchPacer::earliest_start(TimePoint now) {
    while (!answered_.empty() && answered_.front() + window_ <= now) answered_.pop_front();
    TimePoint at = std::max({now, blocked_until_, last_start_ + spacing_});
    const int taken = in_flight_ + static_cast<int>(answered_.size());
    if (taken < per_window_) return at;
    if (in_flight_ >= per_window_) return std::max(at, now + busy_poll);
    // Enough slots free up once the oldest answers have left the window.
    const auto oldest_needed = answered_.begin() + (taken - per_window_);
    return std::max(at, *oldest_needed + window_);
}

void SearchPacer::start() {
    if (per_window_ <= 0) return;
    for (;;) {
        TimePoint at;
        {
            std::lock_guard lock(mutex_);
            const TimePoint now = clock_.now();
            at = earliest_start(now);
            if (at <= now) {
                ++in_flight_;
                last_start_ = now;
                return;
            }
        }
        clock_.sleep_until(at);
    }
}

void SearchPacer::finish(bool rate_limited) {
    if (per_window_ <= 0) return;
    std::lock_guard lock(mutex_);
    const TimePoint now = clock_.now();
    in_flight_ = std::max(0, in_flight_ - 1);
    answered_.push_back(now);
    if (rate_limited) {
        blocked_until_ = std::max(blocked_until_, now + window_);
        // Everything we sent arrived before that 429: none of it is in HubSpot's window by then.
        answered_.clear();
    }
}

}  // namespace sellerscore::connectors::hubspot
