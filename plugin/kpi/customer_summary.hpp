// A customer's purchase history as the BG/NBD model reads it (KPIS.md §6): repeat purchases and
// their timing, in weeks, on UTC calendar days.
#pragma once

#include <optional>
#include <span>

#include "../model/records.hpp"

namespace sellerscore::kpi {

struct CustomerSummary {
    double x = 0;    // distinct purchase days − 1 (repeat purchases)
    double t_x = 0;  // (last purchase day − first purchase day) ÷ 7
    double T = 0;    // (day of as_of − first purchase day) ÷ 7

    auto operator<=>(const CustomerSummary&) const = default;
};

// The summary of the purchases dated at or before as_of, or nullopt when there is none. Purchases on
// one UTC calendar day are one purchase, so a customer who buys twice on its first day has x = 0.
std::optional<CustomerSummary> summarise_purchases(std::span<const model::Timestamp> purchases,
                                                   model::Timestamp as_of);

}  // namespace sellerscore::kpi
