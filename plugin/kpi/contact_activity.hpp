// An activity as the contact-based KPIs of KPIS.md §3 see it: when, whose, and whether it is an
// outbound touch or a sign of response. Compact so that a contact's activities sit on a few cache
// lines; `activity` points back to the full record for KPIs that need more of it.
#pragma once

#include <cstdint>

#include "../model/records.hpp"

namespace sellerscore::kpi {

struct ContactActivity {
    model::Timestamp at = 0;
    std::uint32_t activity = 0;  // index in Dataset::activities
    std::uint32_t owner = 0;     // seller index
    bool outbound_touch = false;
    bool shows_response = false;
};

// KPIS.md §3: an outbound call, email, meeting, visit or proposal that names a contact.
bool is_outbound_touch(const model::Activity& activity);

// KPIS.md §3 response_rate: inbound, a connected call, or a meeting/visit that took place (a meeting
// with no recorded outcome is taken as held).
bool shows_response(const model::Activity& activity);

}  // namespace sellerscore::kpi
