// What is written on each customer (KPIS.md §7): lifetime value and churn risk. Until the BG/NBD
// model of §6 is fitted, churn risk is the inactivity rule.
#pragma once

#include <vector>

#include "dataset_index.hpp"
#include "scorecard.hpp"
#include "window_tally.hpp"

namespace sellerscore::kpi {

// One result per customer with a won deal closed by as_of, in order of first appearance among the
// deals: lifetime_value = Σ amount of its won deals (any owner) closed by as_of; churn_risk = 1 when
// none of them closed in (as_of − H, as_of], else 0.
std::vector<CustomerResult> inactivity_customer_results(const DatasetIndex& index, const Window& window);

}  // namespace sellerscore::kpi
