#include "deal_journey.hpp"

#include <algorithm>
#include <array>

namespace sellerscore::demo {

namespace {

constexpr double day = model::ms_per_day;

const std::array<model::Stage, 7> stages = {{
    {"prospecting", std::string(demo_pipeline_id), "Prospecting", 1, model::StageKind::open, 0.10},
    {"qualification", std::string(demo_pipeline_id), "Qualification", 2, model::StageKind::open, 0.25},
    {"presentation", std::string(demo_pipeline_id), "Presentation", 3, model::StageKind::open, 0.50},
    {"demo", std::string(demo_pipeline_id), "Demo", 4, model::StageKind::open, 0.70},
    {"closing", std::string(demo_pipeline_id), "Closing", 5, model::StageKind::open, 0.90},
    {"won", std::string(demo_pipeline_id), "Won", 6, model::StageKind::won, 1.0},
    {"lost", std::string(demo_pipeline_id), "Lost", 7, model::StageKind::lost, 0.0},
}};

constexpr int last_open = static_cast<int>(PipelineStage::closing);
// Mean days a deal sits in each open stage before something happens, for an average seller.
constexpr std::array<double, 5> mean_dwell_days = {6, 8, 10, 7, 9};
// Per-stage adjustment of the chance to move forward: qualification weeds out the most.
constexpr std::array<double, 5> advance_adjustment = {0.0, -0.04, 0.02, 0.05, 0.0};
constexpr double slip_back_chance = 0.04;
constexpr double skip_chance = 0.08;
constexpr double stall_chance = 0.10;  // a deal nobody pushes: stays much longer in each stage

}  // namespace

std::span<const model::Stage> demo_pipeline_stages() { return stages; }

DealJourney walk_pipeline(model::Timestamp created_at, model::Timestamp end, const DealJourneyTraits& traits,
                          RandomSource& random) {
    DealJourney journey;
    int stage = 0;
    const double start_draw = random.uniform();
    if (traits.repeat_purchase) {
        stage = start_draw < 0.5 ? 1 : 2;
    } else {
        stage = start_draw < 0.78 ? 0 : (start_draw < 0.95 ? 1 : 2);
    }
    journey.entries.push_back({static_cast<PipelineStage>(stage), created_at});

    const double pace = (1.4 - 0.6 * traits.skill) * (random.chance(stall_chance) ? 4.0 : 1.0);
    model::Timestamp now = created_at;
    int slips_left = 2;
    while (true) {
        const double dwell = 0.3 * day + random.exponential(mean_dwell_days[static_cast<std::size_t>(stage)] * pace * day);
        const double next = static_cast<double>(now) + dwell;
        if (next >= static_cast<double>(end)) break;  // still in this stage when the data stops
        now = static_cast<model::Timestamp>(next);

        const double advance = std::clamp(
            0.55 + 0.32 * traits.skill + advance_adjustment[static_cast<std::size_t>(stage)] + traits.advance_bonus, 0.05,
            0.97);
        const double draw = random.uniform();
        int next_stage = static_cast<int>(PipelineStage::lost);
        if (draw < advance) {
            next_stage = stage + (random.chance(skip_chance) ? 2 : 1);
            if (next_stage > last_open) next_stage = static_cast<int>(PipelineStage::won);
        } else if (stage > 0 && slips_left > 0 && draw < advance + slip_back_chance) {
            --slips_left;
            next_stage = stage - 1;
        }
        journey.entries.push_back({static_cast<PipelineStage>(next_stage), now});
        if (next_stage == static_cast<int>(PipelineStage::won) || next_stage == static_cast<int>(PipelineStage::lost)) {
            journey.status = next_stage == static_cast<int>(PipelineStage::won) ? model::DealStatus::won
                                                                                 : model::DealStatus::lost;
            journey.closed_at = now;
            break;
        }
        stage = next_stage;
    }
    return journey;
}

}  // namespace sellerscore::demo
