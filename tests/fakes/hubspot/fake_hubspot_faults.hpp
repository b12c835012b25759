// The queue of injected faults: each request whose target contains an entry's text consumes one
// of that entry's remaining count.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fake_hubspot.hpp"

namespace sellerscore::fakes {

struct FakeHubSpotFaultHit {
    FakeHubSpotFault kind;
    std::chrono::milliseconds delay;
    int sequence;  // how many faults of this kind were played before this one (5xx alternate on it)
};

class FakeHubSpotFaults {
public:
    void inject(FakeHubSpotFault kind, int times, std::string path_contains, std::chrono::milliseconds delay);
    void clear() { entries_.clear(); }
    int pending() const;
    // The fault this request gets, consuming it; nullopt for a normal answer.
    std::optional<FakeHubSpotFaultHit> take(std::string_view target);

private:
    struct Entry {
        FakeHubSpotFault kind;
        int remaining;
        std::string path_contains;
        std::chrono::milliseconds delay;
    };
    std::vector<Entry> entries_;
    int played_[5] = {0, 0, 0, 0, 0};
};

}  // namespace sellerscore::fakes
