#include "kpi_engine.hpp"

#include <span>

#include "customer_results.hpp"
#include "dataset_index.hpp"
#include "kpi_catalog.hpp"
#include "seller_score.hpp"
#include "tally_slots.hpp"
#include "trend.hpp"
#include "window_tally.hpp"

namespace sellerscore::kpi {

namespace {

constexpr model::Timestamp seconds_per_day = 86'400;

std::map<std::string, KpiValue> kpi_values(const KpiTally& current, const KpiTally& previous) {
    std::map<std::string, KpiValue> values;
    for (const KpiDefinition& kpi : kpi_catalog()) {
        values.emplace(kpi.id, trend_of(kpi.read(current).value, kpi.read(previous).value, kpi.unit));
    }
    return values;
}

}  // namespace

Scorecard compute_scorecard(const model::Dataset& data, const KpiConfig& config) {
    const model::Timestamp window_s = config.window_days * seconds_per_day;
    const model::Timestamp horizon_s = config.churn_horizon_days * seconds_per_day;
    const Window current{config.as_of - window_s, config.as_of, horizon_s};
    const Window previous{config.as_of - 2 * window_s, config.as_of - window_s, horizon_s};
    const DatasetIndex index(data, config.customer_entity, previous.start, current.as_of);
    const TallySlots slots(index.seller_ids.size());

    const std::vector<KpiTally> now = tally_window({index, slots, current});
    const std::vector<KpiTally> before = tally_window({index, slots, previous});
    const std::uint32_t organisation = slots.organisation_slot();

    std::vector<bool> eligible(index.seller_ids.size(), false);
    for (const model::Seller& seller : data.sellers) {
        const std::uint32_t s = index.seller_ids.find(seller.id);
        eligible[s] = seller.active && now[s].active_in_window;
    }
    const std::vector<SellerScore> scores =
        score_sellers(std::span(now).first(index.seller_ids.size()), eligible, now[organisation],
                      config.score_weights, config.prior_strength);

    Scorecard card;
    card.as_of = config.as_of;
    card.window_start = current.start;
    card.window_end = current.as_of;
    card.sellers.reserve(data.sellers.size());
    for (const model::Seller& seller : data.sellers) {
        const std::uint32_t s = index.seller_ids.find(seller.id);
        card.sellers.push_back({seller.id, seller.name, seller.team, eligible[s], scores[s].score, scores[s].band,
                                kpi_values(now[s], before[s]), {}});
    }
    card.team = kpi_values(now[organisation], before[organisation]);
    card.customers = inactivity_customer_results(index, current);
    card.churn_model.note =
        "churn model not fitted yet (BG/NBD is not implemented): churn_risk uses the inactivity rule, 1 when the "
        "customer has no won deal closed in the last " +
        std::to_string(config.churn_horizon_days) + " days, else 0";
    return card;
}

}  // namespace sellerscore::kpi
