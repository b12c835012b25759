// The customer-experience KPIs of KPIS.md §3.1.1: csat, nps, survey_responses_count and
// on_time_delivery_rate. Responses and deliveries never make a seller eligible for the score.
#pragma once

#include <vector>

#include "experience_attribution.hpp"
#include "kpi_tally.hpp"
#include "window_tally.hpp"

namespace sellerscore::kpi {

// Adds the window's survey responses and deliveries to the slots of the seller each counts for.
void tally_experience(const TallyContext& context, const ExperienceAttribution& attribution,
                      std::vector<KpiTally>& tallies);

}  // namespace sellerscore::kpi
