// Where a seller's records are counted. Slot i < seller_count is seller i alone; the organisation
// slot pools every seller's records and each team's slot pools its sellers' records, so team KPIs
// come out of the same pass as the sellers' ones (KPIS.md §4: "every seller KPI computed over the
// union of the sellers' records", inactive sellers included; a record whose owner is no known
// seller counts nowhere). A tally sees only slots_of(owner), so a contact touched by two sellers of
// one team is one contact of that team, exactly as it is one contact of the organisation.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "../model/records.hpp"
#include "id_interner.hpp"

namespace sellerscore::kpi {

class TallySlots {
public:
    // A seller's team is its `team` when set and not empty (an empty name is no team); a seller id
    // listed twice takes the team of its first record, as its index does.
    TallySlots(std::span<const model::Seller> sellers, const IdInterner& seller_ids);

    std::size_t slot_count() const { return organisation_slot_ + 1 + teams_.size(); }
    std::uint32_t organisation_slot() const { return organisation_slot_; }

    // Team names, sorted; team t is counted in team_slot(t).
    const std::vector<std::string>& teams() const { return teams_; }
    std::uint32_t team_slot(std::size_t team) const {
        return organisation_slot_ + 1 + static_cast<std::uint32_t>(team);
    }

    // The slots that seller's records count in: its own, its team's (if any), the organisation's.
    std::span<const std::uint32_t> slots_of(std::uint32_t seller) const {
        return {slots_.data() + offsets_[seller], slots_.data() + offsets_[seller + 1]};
    }

private:
    std::uint32_t organisation_slot_;
    std::vector<std::string> teams_;
    std::vector<std::uint32_t> offsets_;
    std::vector<std::uint32_t> slots_;
};

}  // namespace sellerscore::kpi
