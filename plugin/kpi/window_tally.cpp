#include "window_tally.hpp"

#include "activity_tally.hpp"
#include "customer_tally.hpp"
#include "deal_tally.hpp"

namespace sellerscore::kpi {

std::vector<KpiTally> tally_window(const TallyContext& context) {
    std::vector<KpiTally> tallies(context.slots.slot_count());
    tally_activities(context, tallies);
    tally_deals(context, tallies);
    tally_customers(context, tallies);
    return tallies;
}

}  // namespace sellerscore::kpi
