// The activity-based KPIs of KPIS.md §3: touched contacts, response, follow-up, lead response time,
// the per-type counts, durations and email rates, proposals and their acceptance, objections, and
// activity-based eligibility.
#pragma once

#include <vector>

#include "window_tally.hpp"

namespace sellerscore::kpi {

void tally_activities(const TallyContext& context, std::vector<KpiTally>& tallies);

}  // namespace sellerscore::kpi
