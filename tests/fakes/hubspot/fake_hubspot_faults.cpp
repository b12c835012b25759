#include "fake_hubspot_faults.hpp"

#include <algorithm>

namespace sellerscore::fakes {

void FakeHubSpotFaults::inject(FakeHubSpotFault kind, int times, std::string path_contains,
                               std::chrono::milliseconds delay) {
    if (times <= 0) return;
    entries_.push_back({kind, times, std::move(path_contains), delay});
}

int FakeHubSpotFaults::pending() const {
    int total = 0;
    for (const Entry& entry : entries_) total += entry.remaining;
    return total;
}

std::optional<FakeHubSpotFaultHit> FakeHubSpotFaults::take(std::string_view target) {
    for (auto entry = entries_.begin(); entry != entries_.end(); ++entry) {
        if (target.find(entry->path_contains) == std::string_view::npos) continue;
        const auto kind_index = static_cast<std::size_t>(entry->kind);
        FakeHubSpotFaultHit hit{entry->kind, entry->delay, played_[kind_index]++};
        if (--entry->remaining == 0) entries_.erase(entry);
        return hit;
    }
    return std::nullopt;
}

}  // namespace sellerscore::fakes
