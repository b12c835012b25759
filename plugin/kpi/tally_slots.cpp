#include "tally_slots.hpp"

#include <algorithm>

namespace sellerscore::kpi {

TallySlots::TallySlots(std::span<const model::Seller> sellers, const IdInterner& seller_ids)
    : organisation_slot_(static_cast<std::uint32_t>(seller_ids.size())) {
    const std::size_t seller_count = seller_ids.size();
    std::vector<const std::string*> team_of(seller_count, nullptr);
    std::vector<bool> seen(seller_count, false);
    for (const model::Seller& seller : sellers) {
        const std::uint32_t s = seller_ids.find(seller.id);
        if (s == no_index || seen[s]) continue;
        seen[s] = true;
        if (seller.team && !seller.team->empty()) {
            team_of[s] = &*seller.team;
            teams_.push_back(*seller.team);
        }
    }
    std::sort(teams_.begin(), teams_.end());
    teams_.erase(std::unique(teams_.begin(), teams_.end()), teams_.end());

    offsets_.reserve(seller_count + 1);
    slots_.reserve(3 * seller_count);
    offsets_.push_back(0);
    for (std::uint32_t seller = 0; seller < seller_count; ++seller) {
        slots_.push_back(seller);
        if (team_of[seller] != nullptr) {
            const auto team = std::lower_bound(teams_.begin(), teams_.end(), *team_of[seller]);
            slots_.push_back(team_slot(static_cast<std::size_t>(team - teams_.begin())));
        }
        slots_.push_back(organisation_slot_);
        offsets_.push_back(static_cast<std::uint32_t>(slots_.size()));
    }
}

}  // namespace sellerscore::kpi
