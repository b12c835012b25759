#include "search_pacer.hpp"

#include <algorithm>

namespace sellerscore::connectors::hubspot {

SearchPacer::SearchPacer(http::Clock& clock, int per_second)
    : clock_(clock),
      spacing_(per_second > 0 ? std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                    std::chrono::duration<double>(1.0 / per_second))
                              : std::chrono::steady_clock::duration::zero()) {}

void SearchPacer::wait() {
    std::chrono::steady_clock::time_point slot;
    {
        std::lock_guard lock(mutex_);
        slot = std::max(next_, clock_.now());
        next_ = slot + spacing_;
    }
    if (slot > clock_.now()) clock_.sleep_until(slot);
}

}  // namespace sellerscore::connectors::hubspot
