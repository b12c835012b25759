// Where a seller's records are counted. Slot i < seller_count is seller i alone; the organisation
// slot pools every seller's records, so team KPIs come out of the same pass as the sellers' ones
// (KPIS.md §4: "every seller KPI computed over the union of the sellers' records", inactive sellers
// included; a record whose owner is no known seller counts nowhere). Per-team slots can be added by
// giving a seller more slots, without touching the tallies.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace sellerscore::kpi {

class TallySlots {
public:
    explicit TallySlots(std::size_t seller_count);

    std::size_t slot_count() const { return slot_count_; }
    std::uint32_t organisation_slot() const { return organisation_slot_; }

    // The slots that seller's records count in.
    std::span<const std::uint32_t> slots_of(std::uint32_t seller) const {
        return {slots_.data() + offsets_[seller], slots_.data() + offsets_[seller + 1]};
    }

private:
    std::size_t slot_count_;
    std::uint32_t organisation_slot_;
    std::vector<std::uint32_t> offsets_;
    std::vector<std::uint32_t> slots_;
};

}  // namespace sellerscore::kpi
