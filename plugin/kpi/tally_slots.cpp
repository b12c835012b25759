#include "tally_slots.hpp"

namespace sellerscore::kpi {

TallySlots::TallySlots(std::size_t seller_count)
    : slot_count_(seller_count + 1), organisation_slot_(static_cast<std::uint32_t>(seller_count)) {
    offsets_.reserve(seller_count + 1);
    slots_.reserve(2 * seller_count);
    offsets_.push_back(0);
    for (std::uint32_t seller = 0; seller < seller_count; ++seller) {
        slots_.push_back(seller);
        slots_.push_back(organisation_slot_);
        offsets_.push_back(static_cast<std::uint32_t>(slots_.size()));
    }
}

}  // namespace sellerscore::kpi
