#include "pipeline_outline.hpp"

namespace sellerscore::kpi {

std::vector<PipelineOutline> pipeline_outline(const model::Dataset& data, const PipelineIndex& pipelines) {
    std::vector<std::string> stage_names(pipelines.stage_ids.size());
    for (const model::Stage& stage : data.stages) stage_names[pipelines.stage_ids.find(stage.id)] = stage.name;
    std::vector<PipelineOutline> outline;
    for (std::uint32_t p = 0; p < pipelines.pipeline_ids.size(); ++p) {
        const std::span<const std::uint32_t> open = pipelines.open_stages_of(p);
        if (open.empty()) continue;
        PipelineOutline pipeline{std::string(pipelines.pipeline_ids.id(p)), std::string(pipelines.pipeline_ids.id(p)), {}};
        pipeline.stages.reserve(open.size());
        for (const std::uint32_t s : open) pipeline.stages.push_back({std::string(pipelines.stage_ids.id(s)), stage_names[s]});
        outline.push_back(std::move(pipeline));
    }
    return outline;
}

}  // namespace sellerscore::kpi
