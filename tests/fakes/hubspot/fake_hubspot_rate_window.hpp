// A sliding window rate limit: at most `max_requests` admitted within any `length`. Remembers the
// most requests ever inside one window, so a bench can prove the limit held.
#pragma once

#include <chrono>
#include <deque>

namespace sellerscore::fakes {

class FakeHubSpotRateWindow {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    FakeHubSpotRateWindow(int max_requests, std::chrono::milliseconds length);

    // Admits (and counts) a request at `now` when fewer than max_requests were admitted in the
    // window ending at `now`; a refused request is not counted.
    bool try_admit(TimePoint now);
    // Requests still allowed in the window ending at `now`.
    int remaining(TimePoint now);
    int peak() const { return peak_; }
    int max_requests() const { return max_requests_; }
    std::chrono::milliseconds length() const { return length_; }

private:
    void forget_before(TimePoint now);

    int max_requests_;
    std::chrono::milliseconds length_;
    std::deque<TimePoint> admitted_;
    int peak_ = 0;
};

}  // namespace sellerscore::fakes
