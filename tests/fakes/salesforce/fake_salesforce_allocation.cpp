#include "fake_salesforce_allocation.hpp"

namespace sellerscore::fakes {

void SfAllocation::expire(std::chrono::steady_clock::time_point now) {
    while (!calls_.empty() && calls_.front() <= now - std::chrono::hours(24)) calls_.pop_front();
}

bool SfAllocation::take(std::chrono::steady_clock::time_point now) {
    expire(now);
    if (static_cast<std::int64_t>(calls_.size()) >= allocation_) return false;
    calls_.push_back(now);
    return true;
}

std::int64_t SfAllocation::used(std::chrono::steady_clock::time_point now) {
    expire(now);
    return static_cast<std::int64_t>(calls_.size());
}

}  // namespace sellerscore::fakes
