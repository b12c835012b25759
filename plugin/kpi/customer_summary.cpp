#include "customer_summary.hpp"

#include <algorithm>
#include <vector>

namespace sellerscore::kpi {

namespace {

constexpr double days_per_week = 7;

// Floor, not truncation: an instant before 1970 belongs to the day that starts before it.
model::Timestamp utc_day(model::Timestamp t) {
    const model::Timestamp day = t / model::ms_per_day;
    return t % model::ms_per_day < 0 ? day - 1 : day;
}

}  // namespace

std::optional<CustomerSummary> summarise_purchases(std::span<const model::Timestamp> purchases,
                                                   model::Timestamp as_of) {
    std::vector<model::Timestamp> days;
    days.reserve(purchases.size());
    for (const model::Timestamp t : purchases) {
        if (t <= as_of) days.push_back(utc_day(t));
    }
    if (days.empty()) return std::nullopt;
    std::sort(days.begin(), days.end());
    const auto distinct = std::unique(days.begin(), days.end()) - days.begin();
    const model::Timestamp first = days.front();
    const model::Timestamp last = days[static_cast<std::size_t>(distinct - 1)];
    return CustomerSummary{static_cast<double>(distinct - 1), static_cast<double>(last - first) / days_per_week,
                           static_cast<double>(utc_day(as_of) - first) / days_per_week};
}

}  // namespace sellerscore::kpi
