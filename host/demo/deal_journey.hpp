// How one demo deal travels through the sales pipeline: the stages it enters and when, and how
// it ends.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "plugin/model/records.hpp"
#include "random_source.hpp"

namespace sellerscore::demo {

// The sales pipeline's stages, in funnel order; the values index demo_pipeline_stages(). Some deals
// move on to the enterprise pipeline (enterprise_move.hpp).
enum class PipelineStage : std::uint8_t { prospecting, qualification, presentation, demo, closing, won, lost };

inline constexpr std::string_view demo_pipeline_id = "sales";

// Prospecting (10%) -> Qualification (25%) -> Presentation (50%) -> Demo (70%) -> Closing (90%),
// then Won (1) and Lost (0).
std::span<const model::Stage> demo_pipeline_stages();

struct StageEntry {
    PipelineStage stage;
    model::Timestamp entered_at;
};

struct DealJourney {
    std::vector<StageEntry> entries;  // in time order, the first one at the deal's creation
    model::DealStatus status = model::DealStatus::open;
    std::optional<model::Timestamp> closed_at;
};

struct DealJourneyTraits {
    double skill = 0.5;          // of the seller working the deal
    double advance_bonus = 0;    // channel and repeat-customer bonus on every step forward
    bool repeat_purchase = false;  // a known customer: starts further down the funnel
};

// Walks a deal created at `created_at` forward stage by stage (sometimes skipping one, now and
// then slipping back one) until it is won or lost; a deal still moving at `end` stays open, and
// nothing is dated at or after `end`.
DealJourney walk_pipeline(model::Timestamp created_at, model::Timestamp end, const DealJourneyTraits& traits,
                          RandomSource& random);

}  // namespace sellerscore::demo
