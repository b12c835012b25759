// The org's daily API allocation: API requests over a rolling 24 hours, reported in every
// answer's Sforce-Limit-Info (api-usage=used/max) and by /limits; refused past the allocation.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>

namespace sellerscore::fakes {

class SfAllocation {
public:
    explicit SfAllocation(std::int64_t allocation) : allocation_(allocation) {}

    // Counts a call at `now`; false when the allocation is used up (the call is refused, not counted).
    bool take(std::chrono::steady_clock::time_point now);
    std::int64_t used(std::chrono::steady_clock::time_point now);
    std::int64_t allocation() const { return allocation_; }

private:
    void expire(std::chrono::steady_clock::time_point now);

    std::int64_t allocation_;
    std::deque<std::chrono::steady_clock::time_point> calls_;
};

}  // namespace sellerscore::fakes
