// Deals that outgrow the sales pipeline: some deals are handed to the enterprise pipeline once they
// reach the presentation, and finish their journey there. The demo shows what KPIS.md §3 says about a
// deal moved into another pipeline (it enters the new pipeline at the stage it moves to; its entries
// in the pipeline it left still count there).
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "deal_journey.hpp"
#include "plugin/model/records.hpp"

namespace sellerscore::demo {

inline constexpr std::string_view enterprise_pipeline_id = "enterprise";

// Discovery (20%) -> Proposal (50%) -> Negotiation (80%), then Won (1) and Lost (0).
std::span<const model::Stage> enterprise_pipeline_stages();

// Whether a journey can be handed over: it reached the presentation or a later stage.
bool can_move_to_enterprise(const DealJourney& journey);

// The stage changes of a journey handed to the enterprise pipeline at its first entry at or beyond the
// presentation: the entries before stay in the sales pipeline; that entry and every later one land on
// the enterprise stage that does the same work (presentation and demo on Proposal, closing on
// Negotiation, an earlier stage slipped back to on Discovery). Consecutive entries that land on the same
// stage are one stay, entered at the first of them.
std::vector<model::StageChange> enterprise_stage_changes(const std::string& deal_id, const DealJourney& journey);

}  // namespace sellerscore::demo
