#include "customer_results.hpp"

namespace sellerscore::kpi {

std::vector<CustomerResult> inactivity_customer_results(const DatasetIndex& index, const Window& window) {
    const auto& deals = index.data.deals;
    std::vector<CustomerResult> results;
    results.reserve(index.customer_ids.size());
    for (std::uint32_t customer = 0; customer < index.customer_ids.size(); ++customer) {
        bool has_purchase = false;
        bool active = false;
        double lifetime_value = 0;
        for (const std::uint32_t d : index.won_deals_by_customer[customer]) {
            const model::Timestamp closed_at = *deals[d].closed_at;
            if (closed_at > window.as_of) continue;
            has_purchase = true;
            active = active || window.keeps_active_at(closed_at, window.as_of);
            lifetime_value += deals[d].amount.value_or(0);
        }
        if (!has_purchase) continue;
        results.push_back({std::string(index.customer_ids.id(customer)), active ? 0.0 : 1.0, lifetime_value, std::nullopt});
    }
    return results;
}

}  // namespace sellerscore::kpi
