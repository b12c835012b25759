// The queue of injected faults: each request whose target contains an entry's text consumes one
// of that entry's remaining count. unable_to_lock_row is consumed per composite record instead.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fake_salesforce.hpp"

namespace sellerscore::fakes {

struct SfFaultHit {
    FakeSalesforceFault kind;
    std::chrono::milliseconds delay;
};

class SfFaults {
public:
    void inject(FakeSalesforceFault kind, int times, std::string path_contains, std::chrono::milliseconds delay);
    void clear() { entries_.clear(); }
    // The request-level fault this request gets, consuming it; nullopt for a normal answer.
    std::optional<SfFaultHit> take(std::string_view target);
    // Whether the next composite record fails with UNABLE_TO_LOCK_ROW (consuming one).
    bool take_lock_failure();

private:
    struct Entry {
        FakeSalesforceFault kind;
        int remaining;
        std::string path_contains;
        std::chrono::milliseconds delay;
    };
    std::vector<Entry> entries_;
};

}  // namespace sellerscore::fakes
