#include "kpi_engine.hpp"

#include <span>

#include "channel_kpis.hpp"
#include "customer_results.hpp"
#include "customers_at_risk.hpp"
#include "dataset_index.hpp"
#include "expected_churn_tally.hpp"
#include "experience_attribution.hpp"
#include "experience_tally.hpp"
#include "kpi_catalog.hpp"
#include "pipeline_outline.hpp"
#include "seller_score.hpp"
#include "stage_maps.hpp"
#include "tally_slots.hpp"
#include "trend.hpp"
#include "window_tally.hpp"

namespace sellerscore::kpi {

namespace {


std::map<std::string, KpiValue> kpi_values(const KpiTally& current, const KpiTally& previous) {
    std::map<std::string, KpiValue> values;
    for (const KpiDefinition& kpi : kpi_catalog()) {
        values.emplace(kpi.id, trend_of(kpi.read(current).value, kpi.read(previous).value, kpi.unit));
    }
    return values;
}

}  // namespace

Scorecard compute_scorecard(const model::Dataset& data, const KpiConfig& config) {
    const model::Timestamp window_ms = config.window_days * model::ms_per_day;
    const model::Timestamp horizon_ms = config.churn_horizon_days * model::ms_per_day;
    const Window current{config.as_of - window_ms, config.as_of, horizon_ms};
    const Window previous{config.as_of - 2 * window_ms, config.as_of - window_ms, horizon_ms};
    const DatasetIndex index(data, config.customer_entity, previous.start, current.as_of);
    const TallySlots slots(data.sellers, index.seller_ids);

    std::vector<KpiTally> now = tally_window({index, slots, current});
    std::vector<KpiTally> before = tally_window({index, slots, previous});
    // expected_churn's previous value refits the model on the data by as_of − window_days, as a run
    // then would have (§3.2: the whole computation again); one more fit costs milliseconds.
    CustomerResults customers_now = customer_results(index, current);
    const CustomerResults customers_before = customer_results(index, previous);
    tally_expected_churn({index, slots, current}, customers_now.churn_risk, now);
    tally_expected_churn({index, slots, previous}, customers_before.churn_risk, before);
    const ExperienceAttribution experience = attribute_experience(index);
    tally_experience({index, slots, current}, experience, now);
    tally_experience({index, slots, previous}, experience, before);
    const std::uint32_t organisation = slots.organisation_slot();

    std::vector<bool> eligible(index.seller_ids.size(), false);
    for (const model::Seller& seller : data.sellers) {
        const std::uint32_t s = index.seller_ids.find(seller.id);
        eligible[s] = seller.active && now[s].active_in_window;
    }
    const std::vector<SellerScore> scores =
        score_sellers(std::span(now).first(index.seller_ids.size()), eligible, now[organisation],
                      config.score_weights, config.prior_strength);
    // The score a run at as_of − window_days would have given (§3.2's "the whole computation again"),
    // from the previous window's tallies, which the trends already need. Whether a seller was active
    // then is not recorded, so today's `active` flag stands for it.
    std::vector<bool> eligible_before(index.seller_ids.size(), false);
    for (const model::Seller& seller : data.sellers) {
        const std::uint32_t s = index.seller_ids.find(seller.id);
        eligible_before[s] = seller.active && before[s].active_in_window;
    }
    const std::vector<SellerScore> previous_scores =
        score_sellers(std::span(before).first(index.seller_ids.size()), eligible_before, before[organisation],
                      config.score_weights, config.prior_strength);

    Scorecard card;
    card.as_of = config.as_of;
    card.window_start = current.start;
    card.window_end = current.as_of;
    card.sellers.reserve(data.sellers.size());
    for (const model::Seller& seller : data.sellers) {
        const std::uint32_t s = index.seller_ids.find(seller.id);
        card.sellers.push_back({seller.id, seller.name, seller.team, eligible[s], scores[s].score, scores[s].band,
                                kpi_values(now[s], before[s]), stage_maps(now[s], index.pipelines), scores[s].drivers,
                                previous_scores[s].score, previous_scores[s].band});
    }
    card.team = kpi_values(now[organisation], before[organisation]);
    card.team_maps = stage_maps(now[organisation], index.pipelines);
    card.teams.reserve(slots.teams().size());
    for (std::size_t t = 0; t < slots.teams().size(); ++t) {
        const std::uint32_t slot = slots.team_slot(t);
        card.teams.push_back(
            {slots.teams()[t], kpi_values(now[slot], before[slot]), stage_maps(now[slot], index.pipelines)});
    }
    card.channels = channel_kpis(index, current, config.channel_kinds);
    card.customers = std::move(customers_now.customers);
    card.churn_model = std::move(customers_now.churn_model);
    card.pipelines = pipeline_outline(data, index.pipelines);
    card.customers_at_risk = customers_at_risk(index, card.customers, config.as_of, customers_at_risk_listed);
    return card;
}

}  // namespace sellerscore::kpi
