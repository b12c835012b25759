#include "experience_tally.hpp"

namespace sellerscore::kpi {

namespace {

// CSAT counts "satisfied" as 4 or 5 of 5; NPS counts promoters (9-10) as +100 and detractors (0-6)
// as −100, so the mean of the points is (share of promoters − share of detractors) × 100.
constexpr int csat_satisfied_from = 4;
constexpr int nps_promoter_from = 9;
constexpr int nps_passive_from = 7;

double nps_points(int score) {
    if (score >= nps_promoter_from) return 100;
    if (score >= nps_passive_from) return 0;
    return -100;
}

}  // namespace

void tally_experience(const TallyContext& context, const ExperienceAttribution& attribution,
                      std::vector<KpiTally>& tallies) {
    const model::Dataset& data = context.index.data;
    const Window& window = context.window;

    bool any_response = false;
    for (std::size_t i = 0; i < data.survey_responses.size(); ++i) {
        const model::SurveyResponse& r = data.survey_responses[i];
        if (r.at > window.as_of) continue;  // does not exist yet
        any_response = true;
        const std::uint32_t seller = attribution.response_seller[i];
        if (seller == no_index || !window.contains(r.at)) continue;
        for (const std::uint32_t slot : context.slots.slots_of(seller)) {
            KpiTally& tally = tallies[slot];
            tally.survey_responses += 1;
            if (r.kind == model::SurveyKind::csat) {
                tally.csat_satisfied.add(r.score >= csat_satisfied_from);
            } else {
                tally.nps_points.add(nps_points(r.score));
            }
        }
    }
    // survey_responses_count is 0 for a seller nobody rated only where the data holds surveys at all.
    if (any_response) {
        for (KpiTally& tally : tallies) tally.holds_survey_data = true;
    }

    for (std::size_t i = 0; i < data.deliveries.size(); ++i) {
        const model::Delivery& v = data.deliveries[i];
        const std::uint32_t seller = attribution.delivery_seller[i];
        if (seller == no_index || !window.contains(v.promised_at)) continue;
        // Delivered after as_of is not delivered yet at as_of; outstanding past its promise is late.
        const bool on_time = v.delivered_at && *v.delivered_at <= v.promised_at && *v.delivered_at <= window.as_of;
        for (const std::uint32_t slot : context.slots.slots_of(seller)) tallies[slot].deliveries_on_time.add(on_time);
    }
}

}  // namespace sellerscore::kpi
