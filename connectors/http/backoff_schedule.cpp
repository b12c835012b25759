#include "connectors/http/backoff_schedule.hpp"

#include <algorithm>

namespace sellerscore::connectors::http {
namespace {

std::uint64_t fresh_seed() {
    std::random_device device;
    return (static_cast<std::uint64_t>(device()) << 32) ^ device() ^
           static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
}

}  // namespace

BackoffSchedule::BackoffSchedule(std::chrono::milliseconds base, std::chrono::milliseconds max_delay, std::uint64_t seed)
    : base_(std::max(base, std::chrono::milliseconds(0))),
      max_delay_(std::max(max_delay, std::chrono::milliseconds(0))),
      random_(seed != 0 ? seed : fresh_seed()) {}

std::chrono::milliseconds BackoffSchedule::ceiling(int retry) const {
    std::chrono::milliseconds bound = base_;
    // Doubling stops at the cap, so a large retry number cannot overflow.
    for (int i = 0; i < retry && bound < max_delay_; ++i) bound *= 2;
    return std::min(bound, max_delay_);
}

std::chrono::milliseconds BackoffSchedule::delay(int retry) { return jitter(ceiling(retry)); }

std::chrono::milliseconds BackoffSchedule::jitter(std::chrono::milliseconds bound) {
    if (bound <= std::chrono::milliseconds(0)) return std::chrono::milliseconds(0);
    std::uniform_int_distribution<std::int64_t> uniform(0, bound.count());
    std::lock_guard lock(mutex_);
    return std::chrono::milliseconds(uniform(random_));
}

}  // namespace sellerscore::connectors::http
