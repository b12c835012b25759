// The map KPIs of KPIS.md §3 as the scorecard carries them, for one slot (a seller, a team or the
// organisation): "stage_conversion" and "avg_days_in_stage", each keyed by every open stage id of
// every pipeline, null where the slot has no observation. Current window only (§3.2).
#pragma once

#include <map>
#include <string>

#include "kpi_tally.hpp"
#include "pipeline_index.hpp"
#include "scorecard.hpp"

namespace sellerscore::kpi {

// slot_tally comes from tally_window, whose deal pass sizes its per-stage tallies.
std::map<std::string, StageMap> stage_maps(const KpiTally& slot_tally, const PipelineIndex& pipelines);

}  // namespace sellerscore::kpi
