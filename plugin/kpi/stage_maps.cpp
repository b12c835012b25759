#include "stage_maps.hpp"

namespace sellerscore::kpi {

std::map<std::string, StageMap> stage_maps(const KpiTally& slot_tally, const PipelineIndex& pipelines) {
    StageMap conversion;
    StageMap days_in_stage;
    for (std::uint32_t open_index = 0; open_index < pipelines.open_stages.size(); ++open_index) {
        const std::string id(pipelines.stage_ids.id(pipelines.open_stages[open_index]));
        conversion[id] = slot_tally.stage_conversion[open_index].value();
        days_in_stage[id] = slot_tally.days_in_stage[open_index].value();
    }
    return {{"stage_conversion", std::move(conversion)}, {"avg_days_in_stage", std::move(days_in_stage)}};
}

}  // namespace sellerscore::kpi
