// Keeps CRM searches under HubSpot's search limit: 4 per token per ROLLING second, reported in no
// header and counted apart from the ten-second burst limit the HttpClient paces on.
//
// Spacing requests 1/4 s apart is not enough: a request delayed on its way (or held by the burst
// pacer) lands closer to the next one, and five arrive inside one second. So a search may start only
// when, of the last `per_window` searches, the oldest was ANSWERED at least a window (plus a margin)
// ago: it reached HubSpot before its answer came back, so it has left HubSpot's window whatever the
// network did. Searches are also spaced window/per_window apart, to spread them out.
// After a 429 no search starts for a whole window (plus margin): the searches that filled HubSpot's
// window all arrived before the 429 was sent, so the retry never lands in a window that is still full.
// A new pacer takes the window as full: the previous crmhost run with the same token may have
// searched in the second before this one started, so the first search waits until a window has
// passed since the pacer was made (about a second per sync; without it, back-to-back syncs met a 429).
// Thread-safe.
#pragma once

#include <chrono>
#include <deque>
#include <mutex>

#include "connectors/http/clock.hpp"

namespace sellerscore::connectors::hubspot {

class SearchPacer {
public:
    static constexpr std::chrono::milliseconds hubspot_window{1'000};
    // Covers clock granularity and the gap between HubSpot's and our clock reading.
    static constexpr std::chrono::milliseconds default_margin{50};

    SearchPacer(http::Clock& clock, int per_window, std::chrono::milliseconds window = hubspot_window,
                std::chrono::milliseconds margin = default_margin);

    // Returns when the next search may be sent; every start() must be followed by one finish().
    void start();
    // The search's answer is in (or it failed); rate_limited when the answer was a 429.
    void finish(bool rate_limited);

private:
    using TimePoint = std::chrono::steady_clock::time_point;
    // When a search may start; nullopt when `per_window` searches are still in flight.
    TimePoint earliest_start(TimePoint now);

    http::Clock& clock_;
    int per_window_;
    std::chrono::steady_clock::duration window_;  // window + margin
    std::chrono::steady_clock::duration spacing_;
    std::mutex mutex_;
    int in_flight_ = 0;
    std::deque<TimePoint> answered_;  // answer times still inside the window, oldest first
    TimePoint last_start_{};
    TimePoint blocked_until_{};
};

}  // namespace sellerscore::connectors::hubspot
