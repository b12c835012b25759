#include "expected_churn_tally.hpp"

#include <algorithm>

namespace sellerscore::kpi {

void tally_expected_churn(const TallyContext& context, std::span<const std::optional<double>> churn_risk,
                          std::vector<KpiTally>& tallies) {
    const DatasetIndex& index = context.index;
    const auto& deals = index.data.deals;
    std::vector<std::uint32_t> active_slots;
    for (std::uint32_t customer = 0; customer < index.customer_ids.size(); ++customer) {
        if (!churn_risk[customer]) continue;
        active_slots.clear();
        for (const std::uint32_t d : index.won_deals_by_customer[customer]) {
            const std::uint32_t owner = index.deal_owner[d];
            if (owner == no_index || !context.window.keeps_active_at(*deals[d].closed_at, context.window.as_of)) continue;
            const auto slots = context.slots.slots_of(owner);
            active_slots.insert(active_slots.end(), slots.begin(), slots.end());
        }
        std::sort(active_slots.begin(), active_slots.end());
        active_slots.erase(std::unique(active_slots.begin(), active_slots.end()), active_slots.end());
        for (const std::uint32_t slot : active_slots) tallies[slot].expected_churn.add(*churn_risk[customer]);
    }
}

}  // namespace sellerscore::kpi
