// Who each survey response and delivery counts for (KPIS.md §1, §3.1.1), resolved once per run and
// shared by the current and previous windows.
#pragma once

#include <cstdint>
#include <vector>

#include "dataset_index.hpp"

namespace sellerscore::kpi {

struct ExperienceAttribution {
    // Per data.survey_responses[i]: the seller index it rates, or no_index when it rates nobody. The
    // seller is the first of `seller_id`, the owner of `deal_id`, the owner of `contact_id` that
    // names a known seller: a reference the data does not resolve (a deal the connector did not
    // read, a contact without owner) passes on to the next, as a sales manager would attribute it.
    std::vector<std::uint32_t> response_seller;
    // Per data.deliveries[i]: the owner of its deal, or no_index when the deal is unknown.
    std::vector<std::uint32_t> delivery_seller;
};

ExperienceAttribution attribute_experience(const DatasetIndex& index);

}  // namespace sellerscore::kpi
