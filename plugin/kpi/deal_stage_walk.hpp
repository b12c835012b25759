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
// - A deal moved into another pipeline enters it at the stage it moves to: that pipeline's open stages
//   below it are entered and passed at the move, as for a deal created there (KPIS.md §3). Coming back
//   to a pipeline it left is such a move too. Its entries in the pipeline it left keep counting; they
//   convert only through a later entry of a higher open or won stage of that same pipeline, or a win.
// - A win converts every stage the deal entered, in every pipeline ("or were won": the manager's
//   reading, a won deal got past every stage it was in). It enters and passes only the open stages of
//   the pipeline it was won in; a pipeline the deal had left gains no entries from it.
// - A change into an unknown stage is left out of conversion; it still ends the stay before it.
// - A stay lasts until the deal's next stage change, whatever the pipeline of either, or for the
//   last one until the close; each stay is one observation (a deal going back and forth has several).
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
    // One open stage of a pipeline the walked deal has been in.
    struct StageProgress {
        std::uint32_t stage;
        int order;
        bool entered_in_window;
        bool converted;
    };
    // A pipeline the walked deal has been in: its open stages are progress_[begin, end).
    struct PipelineProgress {
        std::uint32_t pipeline;
        std::size_t begin;
        std::size_t end;
    };

    // Puts the deal in `pipeline`; arriving from another pipeline (or at the first change) starts
    // below its funnel, as a deal created there.
    void move_to(std::uint32_t pipeline);
    void enter(StageProgress& stage, model::Timestamp at);
    // Moves the deal forward to `order` in its current pipeline at `at`, entering and passing the open
    // stages in between, and converts every stage of that pipeline already entered below `order`.
    void advance(long long order, model::Timestamp at);
    // The deal is won at `at` in its current pipeline (`fallback` when it has none yet).
    void win(model::Timestamp at, std::uint32_t fallback);
    void tally_conversion(const model::Deal& deal, std::uint32_t d);
    void tally_stays(const model::Deal& deal, std::uint32_t d, std::span<const std::uint32_t> slots);

    const TallyContext& context_;
    std::vector<KpiTally>& tallies_;
    std::vector<StageProgress> progress_;
    std::vector<PipelineProgress> pipelines_;
    std::size_t current_ = 0;  // index in pipelines_; pipelines_.size() while the deal is in none
    long long position_ = 0;   // the order the deal stands at in its current pipeline
};

}  // namespace sellerscore::kpi
