#include "enterprise_move.hpp"

#include <array>
#include <string>

namespace sellerscore::demo {

namespace {

const std::array<model::Stage, 5> stages = {{
    {"enterprise_discovery", std::string(enterprise_pipeline_id), "Discovery", 1, model::StageKind::open, 0.20},
    {"enterprise_proposal", std::string(enterprise_pipeline_id), "Proposal", 2, model::StageKind::open, 0.50},
    {"enterprise_negotiation", std::string(enterprise_pipeline_id), "Negotiation", 3, model::StageKind::open, 0.80},
    {"enterprise_won", std::string(enterprise_pipeline_id), "Won", 4, model::StageKind::won, 1.0},
    {"enterprise_lost", std::string(enterprise_pipeline_id), "Lost", 5, model::StageKind::lost, 0.0},
}};

const model::Stage& enterprise_stage_for(PipelineStage stage) {
    switch (stage) {
        case PipelineStage::prospecting:
        case PipelineStage::qualification: return stages[0];
        case PipelineStage::presentation:
        case PipelineStage::demo: return stages[1];
        case PipelineStage::closing: return stages[2];
        case PipelineStage::won: return stages[3];
        case PipelineStage::lost: return stages[4];
    }
    return stages[4];
}

bool reached_presentation(const StageEntry& entry) {
    return entry.stage >= PipelineStage::presentation && entry.stage <= PipelineStage::closing;
}

}  // namespace

std::span<const model::Stage> enterprise_pipeline_stages() { return stages; }

bool can_move_to_enterprise(const DealJourney& journey) {
    for (const StageEntry& entry : journey.entries)
        if (reached_presentation(entry)) return true;
    return false;
}

std::vector<model::StageChange> enterprise_stage_changes(const std::string& deal_id, const DealJourney& journey) {
    const std::span<const model::Stage> sales = demo_pipeline_stages();
    std::vector<model::StageChange> changes;
    bool moved = false;
    for (const StageEntry& entry : journey.entries) {
        moved = moved || reached_presentation(entry);
        const std::string& stage_id =
            moved ? enterprise_stage_for(entry.stage).id : sales[static_cast<std::size_t>(entry.stage)].id;
        if (moved && !changes.empty() && changes.back().stage_id == stage_id) continue;
        changes.push_back({deal_id, stage_id, entry.entered_at});
    }
    return changes;
}

}  // namespace sellerscore::demo
