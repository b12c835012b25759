// Spaces search requests: HubSpot limits search per token (4 or 5 per second) and does not report
// that limit in the rate-limit headers the HttpClient paces on, so the connector keeps its own
// evenly spaced slots. Thread-safe.
#pragma once

#include <chrono>
#include <mutex>

#include "connectors/http/clock.hpp"

namespace sellerscore::connectors::hubspot {

class SearchPacer {
public:
    SearchPacer(http::Clock& clock, int per_second);

    // Returns when the next search may start.
    void wait();

private:
    http::Clock& clock_;
    std::chrono::steady_clock::duration spacing_;
    std::mutex mutex_;
    std::chrono::steady_clock::time_point next_{};
};

}  // namespace sellerscore::connectors::hubspot
