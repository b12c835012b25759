#include "deal_tally.hpp"

#include "deal_snapshot.hpp"
#include "deal_stage_walk.hpp"

namespace sellerscore::kpi {

namespace {

// open_deals_count, pipeline_value and weighted_pipeline_value read the deal as it stood at as_of.
void tally_open_deal(const TallyContext& context, std::uint32_t d, std::span<const std::uint32_t> slots,
                     std::vector<KpiTally>& tallies) {
    const model::Deal& deal = context.index.data.deals[d];
    if (!open_at(deal, context.window.as_of)) return;
    const PipelineIndex& pipelines = context.index.pipelines;
    const std::uint32_t stage = pipelines.stage_at(d, context.window.as_of);
    const double probability = stage == no_index ? 0 : pipelines.stages[stage].probability;
    const double amount = deal.amount.value_or(0);
    for (const std::uint32_t slot : slots) {
        KpiTally& tally = tallies[slot];
        tally.open_deals += 1;
        tally.pipeline_value += amount;
        tally.weighted_pipeline_value += amount * probability;
    }
}

}  // namespace

void tally_deals(const TallyContext& context, std::vector<KpiTally>& tallies) {
    const auto& deals = context.index.data.deals;
    const Window& window = context.window;
    DealStageWalk stage_walk(context, tallies);
    for (std::uint32_t d = 0; d < deals.size(); ++d) {
        const std::uint32_t owner = context.index.deal_owner[d];
        if (owner == no_index) continue;
        tally_open_deal(context, d, context.slots.slots_of(owner), tallies);
        stage_walk.walk(d, context.slots.slots_of(owner));
        const model::Deal& deal = deals[d];
        // A won or lost deal without closed_at cannot be placed in any window, so it counts nowhere.
        const bool closed_in_window =
            deal.status != model::DealStatus::open && deal.closed_at && window.contains(*deal.closed_at);
        if (!closed_in_window && !window.contains(deal.created_at)) continue;
        for (const std::uint32_t slot : context.slots.slots_of(owner)) {
            KpiTally& tally = tallies[slot];
            tally.active_in_window = true;
            if (!closed_in_window) continue;
            if (deal.status == model::DealStatus::lost) {
                tally.deals_lost += 1;
                continue;
            }
            tally.deals_won += 1;
            tally.revenue_won += deal.amount.value_or(0);
            if (deal.amount) tally.sale_value.add(*deal.amount);
            tally.sales_cycle_days.add(static_cast<double>(*deal.closed_at - deal.created_at) / model::ms_per_day);
        }
    }
}

}  // namespace sellerscore::kpi
