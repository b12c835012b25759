// Exponential backoff with full jitter: retry n waits uniform(0, min(max_delay, base * 2^n)), so
// clients that failed together do not come back together.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>

namespace sellerscore::connectors::http {

class BackoffSchedule {
public:
    // seed 0 = a random seed; any other seed gives a repeatable sequence (tests).
    BackoffSchedule(std::chrono::milliseconds base, std::chrono::milliseconds max_delay, std::uint64_t seed);

    // The upper bound of retry n's wait (n = 0 for the first retry).
    std::chrono::milliseconds ceiling(int retry) const;
    // A wait for retry n, uniform in [0, ceiling(n)]. Thread-safe.
    std::chrono::milliseconds delay(int retry);
    // Uniform in [0, bound]; for the small jitter added to a server-given wait. Thread-safe.
    std::chrono::milliseconds jitter(std::chrono::milliseconds bound);

private:
    std::chrono::milliseconds base_;
    std::chrono::milliseconds max_delay_;
    std::mutex mutex_;
    std::mt19937_64 random_;
};

}  // namespace sellerscore::connectors::http
