#include "fake_salesforce_faults.hpp"

namespace sellerscore::fakes {

void SfFaults::inject(FakeSalesforceFault kind, int times, std::string path_contains, std::chrono::milliseconds delay) {
    if (times > 0) entries_.push_back({kind, times, std::move(path_contains), delay});
}

std::optional<SfFaultHit> SfFaults::take(std::string_view target) {
    for (auto entry = entries_.begin(); entry != entries_.end(); ++entry) {
        if (entry->kind == FakeSalesforceFault::unable_to_lock_row) continue;
        if (target.find(entry->path_contains) == std::string_view::npos) continue;
        SfFaultHit hit{entry->kind, entry->delay};
        if (--entry->remaining == 0) entries_.erase(entry);
        return hit;
    }
    return std::nullopt;
}

bool SfFaults::take_lock_failure() {
    for (auto entry = entries_.begin(); entry != entries_.end(); ++entry) {
        if (entry->kind != FakeSalesforceFault::unable_to_lock_row) continue;
        if (--entry->remaining == 0) entries_.erase(entry);
        return true;
    }
    return false;
}

}  // namespace sellerscore::fakes
