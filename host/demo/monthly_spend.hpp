// The demo's marketing spend: one to three rows (campaigns) per paid channel and calendar month.
#pragma once

#include <span>
#include <vector>

#include "demo_crm_plan.hpp"
#include "demo_options.hpp"
#include "plugin/model/records.hpp"
#include "random_source.hpp"

namespace sellerscore::demo {

// Spend follows the leads each paid channel brought that month at the channel's cost per lead
// (never below its minimum, so branding spend shows in quiet months), ±15%; clicks at the channel's
// cost per click where it has one. Each channel's month is split over one to three campaign rows
// (30–70% of what is left each, the last takes the rest), each with its own clicks. Months from the one containing options.start() to the one
// containing the last second before options.end; a month with no spend has no row.
std::vector<model::Spend> plan_monthly_spend(const DemoOptions& options, std::span<const ContactPlan> contacts,
                                             RandomSource random);

}  // namespace sellerscore::demo
