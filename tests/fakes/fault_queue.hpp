// The queue of injected faults every fake vendor shares: each request whose target contains an
// entry's text consumes one of that entry's remaining count. `Kind` is the vendor's fault enum (its
// bodies and status codes differ; the queueing does not).
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sellerscore::fakes {

template <typename Kind>
struct FaultHit {
    Kind kind;
    std::chrono::milliseconds delay;
    int sequence;  // how many faults of this kind were played before this one (5xx alternate on it)
};

template <typename Kind>
class FaultQueue {
public:
    void inject(Kind kind, int times, std::string path_contains, std::chrono::milliseconds delay) {
        if (times > 0) entries_.push_back({kind, times, std::move(path_contains), delay});
    }
    void clear() { entries_.clear(); }
    int pending() const {
        int total = 0;
        for (const Entry& entry : entries_) total += entry.remaining;
        return total;
    }
    // The fault this request gets, consuming it; nullopt for a normal answer. Entries of `skipped`
    // are not consumed per request (a vendor consumes them elsewhere, see take_kind()).
    std::optional<FaultHit<Kind>> take(std::string_view target, std::optional<Kind> skipped = std::nullopt) {
        for (auto entry = entries_.begin(); entry != entries_.end(); ++entry) {
            if (skipped && entry->kind == *skipped) continue;
            if (target.find(entry->path_contains) == std::string_view::npos) continue;
            return consume(entry);
        }
        return std::nullopt;
    }
    // The next pending fault of `kind` whatever the target, consuming it.
    std::optional<FaultHit<Kind>> take_kind(Kind kind) {
        for (auto entry = entries_.begin(); entry != entries_.end(); ++entry) {
            if (entry->kind == kind) return consume(entry);
        }
        return std::nullopt;
    }

private:
    struct Entry {
        Kind kind;
        int remaining;
        std::string path_contains;
        std::chrono::milliseconds delay;
    };
    using Iterator = typename std::vector<Entry>::iterator;

    FaultHit<Kind> consume(Iterator entry) {
        FaultHit<Kind> hit{entry->kind, entry->delay, played_[entry->kind]++};
        if (--entry->remaining == 0) entries_.erase(entry);
        return hit;
    }

    std::vector<Entry> entries_;
    std::map<Kind, int> played_;
};

}  // namespace sellerscore::fakes
