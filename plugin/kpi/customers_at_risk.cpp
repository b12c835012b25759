#include "customers_at_risk.hpp"

#include <algorithm>

namespace sellerscore::kpi {

std::vector<CustomerAtRisk> customers_at_risk(const DatasetIndex& index, std::span<const CustomerResult> customers,
                                              model::Timestamp as_of, std::size_t limit) {
    std::vector<const CustomerResult*> at_risk;
    for (const CustomerResult& c : customers) {
        if (c.churn_risk && *c.churn_risk >= min_listed_churn_risk) at_risk.push_back(&c);
    }
    const auto riskier = [](const CustomerResult* a, const CustomerResult* b) {
        if (*a->churn_risk != *b->churn_risk) return *a->churn_risk > *b->churn_risk;
        const double va = a->lifetime_value.value_or(0);
        const double vb = b->lifetime_value.value_or(0);
        if (va != vb) return va > vb;
        return a->customer_id < b->customer_id;
    };
    const std::size_t listed = std::min(limit, at_risk.size());
    std::partial_sort(at_risk.begin(), at_risk.begin() + static_cast<std::ptrdiff_t>(listed), at_risk.end(), riskier);
    at_risk.resize(listed);

    std::vector<const std::string*> seller_names(index.seller_ids.size(), nullptr);
    for (const model::Seller& seller : index.data.sellers) seller_names[index.seller_ids.find(seller.id)] = &seller.name;
    const auto& deals = index.data.deals;
    std::vector<CustomerAtRisk> out;
    out.reserve(listed);
    for (const CustomerResult* c : at_risk) {
        // Its latest won deal by as_of; of two closed at the same instant, the later record.
        std::uint32_t latest = no_index;
        for (const std::uint32_t d : index.won_deals_by_customer[index.customer_ids.find(c->customer_id)]) {
            if (*deals[d].closed_at > as_of) continue;
            if (latest == no_index || *deals[d].closed_at >= *deals[latest].closed_at) latest = d;
        }
        CustomerAtRisk row{c->customer_id, {}, std::nullopt, *c->churn_risk, c->lifetime_value,
                           c->expected_purchases_90d, 0};
        if (latest != no_index) {
            row.seller_id = deals[latest].owner_id;
            row.last_purchase_at = *deals[latest].closed_at;
            if (const std::uint32_t s = index.deal_owner[latest]; s != no_index && seller_names[s]) {
                row.seller_name = *seller_names[s];
            }
        }
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace sellerscore::kpi
