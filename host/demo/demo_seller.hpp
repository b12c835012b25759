// A seller of the demo CRM as the generator imagines them: the record plus the hidden traits that
// shape their data, so a test or a demo script can check that the KPIs see what was put in.
#pragma once

#include <optional>
#include <string>

#include "plugin/model/records.hpp"

namespace sellerscore::demo {

struct DemoSeller {
    model::Seller record;
    // 0 (weakest) .. 1 (best): drives win probability, lead response speed, follow-up discipline,
    // how often calls connect and how long they last, and how loyal the seller's customers are.
    double skill = 0.5;
    model::Timestamp hired_at = 0;
    // When an inactive seller left; their accounts pass to a successor from then on.
    std::optional<model::Timestamp> left_at;

    bool on_duty_at(model::Timestamp t) const { return hired_at <= t && (!left_at || t < *left_at); }
};

}  // namespace sellerscore::demo
