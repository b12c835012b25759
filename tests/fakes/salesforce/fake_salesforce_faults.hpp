// Salesforce's queue of injected faults: the shared FaultQueue over Salesforce's fault kinds, except
// that unable_to_lock_row is consumed per composite record instead of per request.
#pragma once

#include <optional>
#include <string_view>

#include "fake_salesforce.hpp"
#include "tests/fakes/fault_queue.hpp"

namespace sellerscore::fakes {

using SfFaultHit = FaultHit<FakeSalesforceFault>;

class SfFaults : public FaultQueue<FakeSalesforceFault> {
public:
    // The request-level fault this request gets, consuming it; nullopt for a normal answer.
    std::optional<SfFaultHit> take(std::string_view target) {
        return FaultQueue::take(target, FakeSalesforceFault::unable_to_lock_row);
    }
    // Whether the next composite record fails with UNABLE_TO_LOCK_ROW (consuming one).
    bool take_lock_failure() { return take_kind(FakeSalesforceFault::unable_to_lock_row).has_value(); }
};

}  // namespace sellerscore::fakes
