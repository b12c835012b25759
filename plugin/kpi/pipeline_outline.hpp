// The pipelines and their open stages in funnel order, for the scorecard: the stage maps are keyed
// by stage id only, and a report lists a funnel in the CRM's order, not the alphabet's.
#pragma once

#include <vector>

#include "../model/records.hpp"
#include "pipeline_index.hpp"
#include "scorecard.hpp"

namespace sellerscore::kpi {

// Every pipeline with an open stage, in the order of their first stage record; its open stages by
// ascending `order` (the keys of the stage maps, nothing more). A stage id listed twice takes the
// name of its last record, as the index takes its other attributes.
std::vector<PipelineOutline> pipeline_outline(const model::Dataset& data, const PipelineIndex& pipelines);

}  // namespace sellerscore::kpi
