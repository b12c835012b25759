// The stage map KPIs of KPIS.md §3 for one deal: which open stages it entered in the window and
// whether it got past them (stage_conversion), and how long each stay in an open stage lasted
// (avg_days_in_stage).
//
// Readings of the spec, in the terms a sales manager would use:
// - A deal is counted once per stage: its first entry of k in W, converted when, after that entry
//   and by as_of, it entered an open or won stage of its pipeline ordered above k, or was won.
// - Moving forward over stages enters and passes each skipped open stage at the moment of the jump;
//   the first recorded stage counts as a jump from below the funnel, so a deal created in stage 3
//   entered and passed stages 1 and 2 when it was created. Being won (a won stage entered, or the
//   deal won by as_of) is a jump over every open stage above the current one.
// - A backward move enters only the stage moved to. Entering a lost stage neither converts nor moves
//   the deal's position; a deal re-opened from lost is seen jumping from where it stood before.
// - Stage changes into a stage of another pipeline, or an unknown stage, are left out of conversion;
//   a stay in an open stage of another pipeline still counts for avg_days_in_stage.
// - A deal with no stage change recorded has no history to read and counts in neither map.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "window_tally.hpp"

namespace sellerscore::kpi {

class DealStageWalk {
public:
    // Sizes every tally's stage maps; one walk object serves a whole pass over the deals.
    DealStageWalk(const TallyContext& context, std::vector<KpiTally>& tallies);

    // Adds data.deals[d]'s stage entries and stays to the tallies of `slots`.
    void walk(std::uint32_t d, std::span<const std::uint32_t> slots);

private:
    // One open stage of the walked deal's pipeline.
    struct StageProgress {
        std::uint32_t stage;
        int order;
        bool entered_in_window;
        bool converted;
    };

    void load_pipeline(std::uint32_t pipeline);
    void enter(StageProgress& stage, model::Timestamp at);
    // Moves the deal forward to `order` at `at`, entering and passing the open stages in between, and
    // converts every stage already entered below `order`.
    void advance(long long order, model::Timestamp at);
    void tally_conversion(const model::Deal& deal, std::uint32_t d, std::uint32_t pipeline);
    void tally_stays(const model::Deal& deal, std::uint32_t d, std::span<const std::uint32_t> slots);

    const TallyContext& context_;
    std::vector<KpiTally>& tallies_;
    std::vector<StageProgress> progress_;
    long long position_ = 0;
};

}  // namespace sellerscore::kpi
