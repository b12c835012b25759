#include "deal_tally.hpp"

namespace sellerscore::kpi {

void tally_deals(const TallyContext& context, std::vector<KpiTally>& tallies) {
    const auto& deals = context.index.data.deals;
    const Window& window = context.window;
    for (std::size_t d = 0; d < deals.size(); ++d) {
        const std::uint32_t owner = context.index.deal_owner[d];
        if (owner == no_index) continue;
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
            tally.sales_cycle_days.add(static_cast<double>(*deal.closed_at - deal.created_at) / 86400.0);
        }
    }
}

}  // namespace sellerscore::kpi
