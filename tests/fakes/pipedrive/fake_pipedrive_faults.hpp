// The queue of injected faults: each request whose target contains an entry's text consumes one
// of that entry's remaining count.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fake_pipedrive.hpp"

namespace sellerscore::fakes::pipedrive {

struct FaultHit {
    FakePipedriveFault kind;
    std::chrono::milliseconds delay;
    int sequence;  // how many faults of this kind were played before this one (5xx alternate on it)
};

class FaultQueue {
public:
    void inject(FakePipedriveFault kind, int times, std::string path_contains, std::chrono::milliseconds delay);
    void clear() { entries_.clear(); }
    int pending() const;
    // The fault this request gets, consuming it; nullopt for a normal answer.
    std::optional<FaultHit> take(std::string_view target);

private:
    struct Entry {
        FakePipedriveFault kind;
        int remaining;
        std::string path_contains;
        std::chrono::milliseconds delay;
    };
    std::vector<Entry> entries_;
    std::array<int, 5> played_{};
};

}  // namespace sellerscore::fakes::pipedrive
