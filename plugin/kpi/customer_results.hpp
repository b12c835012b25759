// What is written on each customer (KPIS.md §6, §7): lifetime value, churn risk from the BG/NBD
// model and expected purchases in the next 90 days, or the inactivity rule when there is too little
// repeat buying to fit the model.
#pragma once

#include <optional>
#include <vector>

#include "dataset_index.hpp"
#include "scorecard.hpp"
#include "window_tally.hpp"

namespace sellerscore::kpi {

// KPIS.md §6: with fewer customers with a repeat purchase the model is not fitted.
inline constexpr int min_repeat_customers_to_fit = 50;

struct CustomerResults {
    // One per customer with a won deal closed by as_of, in customer index order (first appearance
    // among the deals): lifetime_value = Σ amount of its won deals (any owner) closed by as_of.
    std::vector<CustomerResult> customers;
    // Per customer index of the DatasetIndex: its churn_risk, nullopt when not a customer by as_of.
    std::vector<std::optional<double>> churn_risk;
    ChurnModelSummary churn_model;
};

// The customers as of window.as_of. With at least min_repeat_customers_to_fit customers with x > 0
// the BG/NBD model is fitted on every customer (bgnbd_fit.hpp) and churn_risk = 1 − P(alive),
// expected_purchases_90d = E[purchases in the next 90/7 weeks]. The fitted model is used even when
// the optimiser reports it did not converge (its best point is still the most likely one found);
// the note and `converged` say so. Otherwise churn_risk = 1 when none of its won deals closed in
// (as_of − H, as_of], else 0, expected_purchases_90d is null, and the note says why.
CustomerResults customer_results(const DatasetIndex& index, const Window& window);

}  // namespace sellerscore::kpi
