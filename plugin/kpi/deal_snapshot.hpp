// A deal as it stood at an instant t (KPIS.md §2 snapshot rule): it exists once created, and it is
// won or lost only from its closed_at on; closed after t, it is open at t. A won or lost deal without
// closed_at cannot be placed in time, so it is neither open nor closed at any t.
#pragma once

#include "../model/records.hpp"

namespace sellerscore::kpi {

inline bool closed_by(const model::Deal& deal, model::Timestamp t) {
    return deal.status != model::DealStatus::open && deal.closed_at && *deal.closed_at <= t;
}

inline bool open_at(const model::Deal& deal, model::Timestamp t) {
    if (deal.created_at > t) return false;
    return deal.status == model::DealStatus::open || (deal.closed_at && *deal.closed_at > t);
}

}  // namespace sellerscore::kpi
