// The customers most at risk of churning (KPIS.md §6), for the report's call list: the churn risk
// written on each customer is sortable in the CRM, but a manager opening the report wants the
// names at the top, with whom to ask.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "dataset_index.hpp"
#include "scorecard.hpp"

namespace sellerscore::kpi {

// How many the scorecard lists: a call list, not the customer base (each customer's churn_risk is
// on its CRM record for the rest).
inline constexpr std::size_t customers_at_risk_listed = 20;

// Below this a customer is not at risk: a fit on a likelihood ridge (docs/kpis.md, "Ridges") gives
// every customer a churn risk near 1e-10, and a list of those, shown as "0.0%", would name people
// nobody needs to call.
inline constexpr double min_listed_churn_risk = 0.001;

// The `limit` customers with the highest churn_risk of at least min_listed_churn_risk, riskiest
// first; equal risks (the inactivity rule gives every lapsed customer 1) put the larger lifetime
// value first, then the smaller customer id.
std::vector<CustomerAtRisk> customers_at_risk(const DatasetIndex& index, std::span<const CustomerResult> customers,
                                              model::Timestamp as_of, std::size_t limit);

}  // namespace sellerscore::kpi
