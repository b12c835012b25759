// Time as the HTTP layer sees it: injected, so retry, backoff and pacing tests run on a fake clock
// without sleeping.
#pragma once

#include <chrono>

namespace sellerscore::connectors::http {

class Clock {
public:
    virtual ~Clock() = default;
    virtual std::chrono::steady_clock::time_point now() const = 0;
    // Wall time, for Retry-After given as an HTTP date and for token expiry.
    virtual std::chrono::system_clock::time_point wall_now() const = 0;
    virtual void sleep_until(std::chrono::steady_clock::time_point until) = 0;
};

// The process's real clocks. Thread-safe; lives for the whole program.
Clock& system_clock();

}  // namespace sellerscore::connectors::http
