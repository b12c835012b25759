#include "fake_pipedrive_faults.hpp"

namespace sellerscore::fakes::pipedrive {

void FaultQueue::inject(FakePipedriveFault kind, int times, std::string path_contains,
                        std::chrono::milliseconds delay) {
    if (times <= 0) return;
    entries_.push_back({kind, times, std::move(path_contains), delay});
}

int FaultQueue::pending() const {
    int total = 0;
    for (const Entry& entry : entries_) total += entry.remaining;
    return total;
}

std::optional<FaultHit> FaultQueue::take(std::string_view target) {
    for (auto entry = entries_.begin(); entry != entries_.end(); ++entry) {
        if (target.find(entry->path_contains) == std::string_view::npos) continue;
        const auto kind_index = static_cast<std::size_t>(entry->kind);
        FaultHit hit{entry->kind, entry->delay, played_.at(kind_index)++};
        if (--entry->remaining == 0) entries_.erase(entry);
        return hit;
    }
    return std::nullopt;
}

}  // namespace sellerscore::fakes::pipedrive
