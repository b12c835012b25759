#include "customer_experience.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "demo_record_ids.hpp"

namespace sellerscore::demo {

namespace {

std::string numbered(char prefix, std::size_t index) {
    char text[16];
    std::snprintf(text, sizeof text, "%c%06zu", prefix, index + 1);
    return text;
}

model::Timestamp days(double d) { return static_cast<model::Timestamp>(d * static_cast<double>(model::ms_per_day)); }

// floor is exact in IEEE-754, so the same seed gives the same scores everywhere.
int clamp_score(double x, int low, int high) {
    return static_cast<int>(std::clamp(std::floor(x + 0.5), static_cast<double>(low), static_cast<double>(high)));
}

}  // namespace

CustomerExperience plan_customer_experience(const DemoOptions& options, const SellerRoster& roster,
                                            const DemoCrmPlan& plan, RandomSource random) {
    CustomerExperience out;
    for (std::size_t d = 0; d < plan.deals.size(); ++d) {
        const DealPlan& deal = plan.deals[d];
        if (deal.journey.status != model::DealStatus::won || !deal.journey.closed_at) continue;
        const double skill = roster.at(deal.owner).skill;
        const model::Timestamp closed = *deal.journey.closed_at;

        const int shipments = random.chance(0.25) ? 2 : 1;
        bool all_on_time = true;
        model::Timestamp last_arrival = closed;
        for (int s = 0; s < shipments; ++s) {
            model::Delivery delivery;
            delivery.id = numbered('V', out.deliveries.size());
            delivery.deal_id = deal_id(static_cast<int>(d));
            delivery.promised_at = closed + days(random.uniform(3, 30) + 14.0 * s);
            const bool on_time = random.chance(0.55 + 0.4 * skill);
            const model::Timestamp arrival =
                on_time ? delivery.promised_at - days(random.uniform(0, 3)) : delivery.promised_at + days(random.uniform(0.5, 12));
            if (arrival < options.end) delivery.delivered_at = std::max(arrival, closed);
            all_on_time = all_on_time && on_time;
            last_arrival = std::max(last_arrival, arrival);
            out.deliveries.push_back(std::move(delivery));
        }

        if (!random.chance(0.7)) continue;
        model::SurveyResponse response;
        response.at = last_arrival + days(random.uniform(1, 10));
        if (response.at >= options.end) continue;
        response.id = numbered('R', out.survey_responses.size());
        // 0..1: mostly the seller, partly whether the order came when promised, plus the customer's mood.
        const double satisfaction = 0.25 + 0.5 * skill + (all_on_time ? 0.2 : -0.15) + random.normal(0, 0.15);
        if (d % 2 == 0) {
            response.kind = model::SurveyKind::csat;
            response.score = clamp_score(1 + 4 * satisfaction, 1, 5);
        } else {
            response.kind = model::SurveyKind::nps;
            response.score = clamp_score(10 * satisfaction + 0.5, 0, 10);
        }
        response.contact_id = contact_id(deal.contact);
        if (!random.chance(0.2)) response.deal_id = deal_id(static_cast<int>(d));
        out.survey_responses.push_back(std::move(response));
    }
    return out;
}

}  // namespace sellerscore::demo
