// When each request reached a fake vendor, so a bench measures request rates over the phases that
// send requests (reading, writing), not over the KPI computation between them.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <vector>

namespace sellerscore::bench {

class RequestTimeline {
public:
    void record() {
        std::lock_guard lock(mutex_);
        arrivals_.push_back(std::chrono::steady_clock::now());
    }
    struct Phase {
        std::size_t requests = 0;
        double seconds = 0;
    };
    // Runs of requests separated by less than `gap`.
    std::vector<Phase> phases(std::chrono::milliseconds gap) const {
        std::lock_guard lock(mutex_);
        std::vector<Phase> out;
        std::chrono::steady_clock::time_point first{}, last{};
        std::size_t n = 0;
        for (const std::chrono::steady_clock::time_point at : arrivals_) {
            if (n > 0 && at - last > gap) {
                out.push_back({n, std::chrono::duration<double>(last - first).count()});
                n = 0;
            }
            if (n == 0) first = at;
            last = at;
            ++n;
        }
        if (n > 0) out.push_back({n, std::chrono::duration<double>(last - first).count()});
        return out;
    }
    // Requests per second over the phases of at least `min_requests` (shorter bursts, such as the
    // handful of calls around a computation, say nothing about pacing).
    double sending_rate(std::chrono::milliseconds gap, std::size_t min_requests) const {
        std::size_t requests = 0;
        double seconds = 0;
        for (const Phase& p : phases(gap)) {
            if (p.requests < min_requests) continue;
            requests += p.requests - 1;  // n arrivals span n - 1 intervals
            seconds += p.seconds;
        }
        return seconds > 0 ? static_cast<double>(requests) / seconds : 0;
    }
    void clear() {
        std::lock_guard lock(mutex_);
        arrivals_.clear();
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::chrono::steady_clock::time_point> arrivals_;
};

}  // namespace sellerscore::bench
