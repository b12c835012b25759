// The deal-based KPIs of KPIS.md §3 (deals closed in the window, deals open at as_of, the stage
// maps) and deal-based eligibility.
#pragma once

#include <vector>

#include "window_tally.hpp"

namespace sellerscore::kpi {

void tally_deals(const TallyContext& context, std::vector<KpiTally>& tallies);

}  // namespace sellerscore::kpi
