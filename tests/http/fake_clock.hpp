// A clock that only moves when someone sleeps on it (or the test advances it): retry waits,
// backoff and pacing are checked as fake time, never as wall-clock durations.
#pragma once

#include <chrono>
#include <mutex>
#include <vector>

#include "connectors/http/clock.hpp"

namespace sellerscore::connectors::http::testing {

class FakeClock final : public Clock {
public:
    // Wall time starts at 2026-03-01 12:00:00 UTC (a Sunday).
    static std::chrono::system_clock::time_point wall_start() {
        using namespace std::chrono;
        return sys_days{year{2026} / March / 1} + hours{12};
    }

    std::chrono::steady_clock::time_point now() const override {
        std::lock_guard lock(mutex_);
        return now_;
    }
    std::chrono::system_clock::time_point wall_now() const override {
        std::lock_guard lock(mutex_);
        return wall_start() + std::chrono::duration_cast<std::chrono::system_clock::duration>(now_ - start_);
    }
    void sleep_until(std::chrono::steady_clock::time_point until) override {
        std::lock_guard lock(mutex_);
        if (until > now_) now_ = until;
    }
    void advance(std::chrono::steady_clock::duration by) {
        std::lock_guard lock(mutex_);
        now_ += by;
    }
    // Fake time since the clock was made.
    std::chrono::milliseconds elapsed() const {
        std::lock_guard lock(mutex_);
        return std::chrono::duration_cast<std::chrono::milliseconds>(now_ - start_);
    }

private:
    mutable std::mutex mutex_;
    const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::time_point{} + std::chrono::hours(1000);
    std::chrono::steady_clock::time_point now_ = start_;
};

}  // namespace sellerscore::connectors::http::testing
