#include "connectors/http/request_pacer.hpp"

#include <algorithm>
#include <charconv>

#include "connectors/http/cancellable_wait.hpp"

namespace sellerscore::connectors::http {
namespace {

template <class Integer>
std::optional<Integer> header_number(const HttpResponse& response, const std::string& name) {
    if (name.empty()) return std::nullopt;
    const auto value = response.header(name);
    if (!value) return std::nullopt;
    const std::string_view text = *value;
    Integer number{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return number;
}

// No vendor's rate window or reset is longer than its daily budget's day.
constexpr std::chrono::seconds longest_window = std::chrono::hours(24);

std::chrono::milliseconds waited(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::max(to - from, std::chrono::steady_clock::duration(0)));
}

}  // namespace

RequestPacer::RequestPacer(RateLimit limit, RateLimitHeaders headers)
    : headers_(std::move(headers)),
      target_share_(limit.target_share > 0 && limit.target_share <= 1 ? limit.target_share : 1.0),
      daily_reserve_(limit.daily_reserve),
      max_requests_(std::max(limit.max_requests, 0)),
      interval_(limit.interval) {
    update_spacing();
}

void RequestPacer::update_spacing() {
    if (max_requests_ <= 0 || interval_ <= std::chrono::milliseconds(0)) {
        spacing_ = std::chrono::steady_clock::duration(0);
        return;
    }
    const double interval_ticks = static_cast<double>(std::chrono::steady_clock::duration(interval_).count());
    spacing_ = std::chrono::steady_clock::duration(
        static_cast<std::chrono::steady_clock::rep>(interval_ticks / (max_requests_ * target_share_)));
}

std::optional<RequestPacer::time_point> RequestPacer::expected_reset_locked() const {
    if (reset_at_) return reset_at_;
    if (window_start_) return *window_start_ + interval_;
    return std::nullopt;
}

void RequestPacer::forget_expired_starts_locked(time_point now) {
    while (!recent_starts_.empty() && recent_starts_.front() + interval_ <= now) {
        if (remaining_ && recent_starts_.front() + interval_ > last_response_at_) ++*remaining_;
        recent_starts_.pop_front();
    }
}

std::optional<RequestPacer::time_point> RequestPacer::next_room_locked(time_point now) {
    if (reset_at_) return reset_at_;
    forget_expired_starts_locked(now);
    if (recent_starts_.empty()) return std::nullopt;
    return recent_starts_.front() + interval_;
}

void RequestPacer::pause_until(std::chrono::steady_clock::time_point until) {
    std::lock_guard lock(mutex_);
    paused_until_ = std::max(paused_until_, until);
}

std::optional<std::chrono::steady_clock::time_point> RequestPacer::expected_reset() const {
    std::lock_guard lock(mutex_);
    return expected_reset_locked();
}

Result<std::chrono::milliseconds> RequestPacer::acquire(Clock& clock, const std::function<bool()>& cancelled) {
    std::chrono::milliseconds total_wait{0};
    for (;;) {
        std::unique_lock lock(mutex_);
        if (daily_remaining_ && *daily_remaining_ <= daily_reserve_)
            return Status{StatusCode::rate_limited,
                          "daily API limit reached (" + std::to_string(*daily_remaining_) + " left)"};
        const time_point now = clock.now();

        if (now < paused_until_) {
            const time_point until = paused_until_;
            lock.unlock();
            const Status slept = cancellable_wait_until(clock, until, cancelled);
            total_wait += waited(now, clock.now());
            if (!slept) return slept;
            continue;
        }
        // Full as far as we know: wait for room (next_room_locked may find some as our old starts
        // leave a rolling window).
        const std::optional<time_point> room =
            remaining_ && *remaining_ <= in_flight_ ? next_room_locked(now) : std::nullopt;
        if (remaining_ && *remaining_ <= in_flight_) {
            if (room && now < *room) {
                lock.unlock();
                const Status slept = cancellable_wait_until(clock, *room, cancelled);
                total_wait += waited(now, clock.now());
                if (!slept) return slept;
                continue;
            }
            // The window has turned over: the old count no longer applies.
            remaining_.reset();
            reset_at_.reset();
            window_start_.reset();
        }

        const time_point start = std::max(now, next_start_);
        next_start_ = start + spacing_;
        ++in_flight_;
        if (!window_start_) window_start_ = start;
        forget_expired_starts_locked(start);
        recent_starts_.push_back(start);
        lock.unlock();

        if (start > now) {
            const Status slept = cancellable_wait_until(clock, start, cancelled);
            total_wait += waited(now, clock.now());
            if (!slept) {
                std::lock_guard relock(mutex_);
                --in_flight_;
                return slept;
            }
        }
        return total_wait;
    }
}

void RequestPacer::complete(std::chrono::steady_clock::time_point started, const HttpResponse* response, Clock& clock) {
    std::lock_guard lock(mutex_);
    --in_flight_;
    if (!response) return;

    bool limits_changed = false;
    if (const auto max = header_number<int>(*response, headers_.max); max && *max > 0 && *max != max_requests_) {
        max_requests_ = *max;
        limits_changed = true;
    }
    if (const auto interval = header_number<long long>(*response, headers_.interval_ms); interval && *interval > 0) {
        // Read at most a day: a wild figure (found by tests/fuzz/hubspot_api) overflowed the clock's nanoseconds.
        const auto window = std::min<std::chrono::milliseconds>(std::chrono::milliseconds(*interval), longest_window);
        if (window != interval_) {
            interval_ = window;
            limits_changed = true;
        }
    }
    if (limits_changed) update_spacing();

    last_response_at_ = clock.now();
    if (const auto remaining = header_number<int>(*response, headers_.remaining)) {
        // More left than before: a new window began, and this request was among its first.
        if (!remaining_ || *remaining > *remaining_) window_start_ = started;
        remaining_ = *remaining;
    } else if (remaining_ && *remaining_ > 0) {
        --*remaining_;  // this request used one, and in_flight_ no longer counts it
    }
    if (const auto reset_s = header_number<long long>(*response, headers_.reset_s); reset_s && *reset_s >= 0)
        reset_at_ = clock.now() + std::min<std::chrono::seconds>(std::chrono::seconds(*reset_s), longest_window);
    if (const auto daily = header_number<long long>(*response, headers_.daily_remaining)) daily_remaining_ = *daily;
}

}  // namespace sellerscore::connectors::http
