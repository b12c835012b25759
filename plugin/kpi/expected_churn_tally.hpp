// The seller-level `expected_churn` (KPIS.md §6): how much of a seller's live book the churn model
// expects to lose.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "kpi_tally.hpp"
#include "window_tally.hpp"

namespace sellerscore::kpi {

// Adds to each slot's expected_churn the churn_risk (per customer index, from customer_results at
// the same window) of every customer active for the slot at window.as_of: a won deal owned by one
// of the slot's sellers closed in (as_of − H, as_of]. A customer counts once per slot, however many
// of the slot's sellers sold to it.
void tally_expected_churn(const TallyContext& context, std::span<const std::optional<double>> churn_risk,
                          std::vector<KpiTally>& tallies);

}  // namespace sellerscore::kpi
