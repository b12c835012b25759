// The demo's survey responses and deliveries (KPIS.md §1): what customers thought of their seller
// and whether their orders arrived when promised.
#pragma once

#include <string>
#include <vector>

#include "demo_crm_plan.hpp"
#include "demo_options.hpp"
#include "plugin/model/records.hpp"
#include "random_source.hpp"
#include "seller_roster.hpp"

namespace sellerscore::demo {

struct CustomerExperience {
    std::vector<model::SurveyResponse> survey_responses;  // ids "R000001", ...
    std::vector<model::Delivery> deliveries;              // ids "V000001", ...
};

// Every won deal ships in one or two deliveries promised a few days to a month after the close;
// skilled sellers promise what they can keep, so their deliveries are late less often. Most won
// deals get one survey answer (CSAT or NPS, alternating by deal) a few days after the goods arrive:
// the score follows the seller's skill and whether the delivery was on time, so satisfaction varies
// by seller. A fifth of the answers name only the contact (survey tools often know no deal), for the
// attribution chain to show. Nothing is dated at or after options.end: a delivery due later is
// still outstanding and a survey not yet answered is absent.
CustomerExperience plan_customer_experience(const DemoOptions& options, const SellerRoster& roster,
                                            const DemoCrmPlan& plan, RandomSource random);

}  // namespace sellerscore::demo
