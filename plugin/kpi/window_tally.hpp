// One run of the KPI computation for one window (KPIS.md §2, §3.2): the current window, or the
// previous one "as if as_of were as_of − window_days". Each record type is tallied in its own pass
// (activity_tally, deal_tally, customer_tally); a new KPI adds fields to KpiTally and code to the
// pass over the records it reads.
#pragma once

#include <vector>

#include "../model/records.hpp"
#include "dataset_index.hpp"
#include "kpi_tally.hpp"
#include "tally_slots.hpp"

namespace sellerscore::kpi {

struct Window {
    model::Timestamp start = 0;  // W = [start, as_of)
    model::Timestamp as_of = 0;  // the snapshot instant: nothing after it exists
    model::Timestamp churn_horizon_ms = 0;

    bool contains(model::Timestamp t) const { return start <= t && t < as_of; }
    // A customer is active at t with a purchase in (t − H, t] (KPIS.md §3.1).
    bool keeps_active_at(model::Timestamp purchase, model::Timestamp t) const {
        return t - churn_horizon_ms < purchase && purchase <= t;
    }
};

struct TallyContext {
    const DatasetIndex& index;
    const TallySlots& slots;
    Window window;
};

// One KpiTally per slot of context.slots.
std::vector<KpiTally> tally_window(const TallyContext& context);

}  // namespace sellerscore::kpi
