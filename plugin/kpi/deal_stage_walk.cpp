#include "deal_stage_walk.hpp"

#include <limits>
#include <optional>

#include "deal_snapshot.hpp"

namespace sellerscore::kpi {

namespace {

constexpr long long below_funnel = std::numeric_limits<long long>::min();
constexpr long long above_funnel = std::numeric_limits<long long>::max();

}  // namespace

DealStageWalk::DealStageWalk(const TallyContext& context, std::vector<KpiTally>& tallies)
    : context_(context), tallies_(tallies) {
    const std::size_t open_stage_count = context.index.pipelines.open_stages.size();
    for (KpiTally& tally : tallies) {
        tally.stage_conversion.assign(open_stage_count, {});
        tally.days_in_stage.assign(open_stage_count, {});
    }
}

void DealStageWalk::walk(std::uint32_t d, std::span<const std::uint32_t> slots) {
    const model::Deal& deal = context_.index.data.deals[d];
    if (deal.created_at > context_.window.as_of || context_.index.pipelines.history_of(d).empty()) return;
    tally_stays(deal, d, slots);
    const std::uint32_t pipeline = context_.index.pipelines.deal_pipeline[d];
    if (pipeline == no_index) return;
    load_pipeline(pipeline);
    if (progress_.empty()) return;
    tally_conversion(deal, d, pipeline);
    for (const StageProgress& stage : progress_) {
        if (!stage.entered_in_window) continue;
        const std::uint32_t open_index = context_.index.pipelines.stages[stage.stage].open_index;
        for (const std::uint32_t slot : slots) tallies_[slot].stage_conversion[open_index].add(stage.converted);
    }
}

void DealStageWalk::load_pipeline(std::uint32_t pipeline) {
    const PipelineIndex& pipelines = context_.index.pipelines;
    progress_.clear();
    for (const std::uint32_t stage : pipelines.open_stages_of(pipeline)) {
        progress_.push_back({stage, pipelines.stages[stage].order, false, false});
    }
}

void DealStageWalk::enter(StageProgress& stage, model::Timestamp at) {
    if (context_.window.contains(at)) stage.entered_in_window = true;
}

void DealStageWalk::advance(long long order, model::Timestamp at) {
    for (StageProgress& stage : progress_) {
        if (position_ < stage.order && stage.order < order) enter(stage, at);
    }
    for (StageProgress& stage : progress_) {
        if (stage.entered_in_window && stage.order < order) stage.converted = true;
    }
    position_ = order;
}

void DealStageWalk::tally_conversion(const model::Deal& deal, std::uint32_t d, std::uint32_t pipeline) {
    const PipelineIndex& pipelines = context_.index.pipelines;
    const model::Timestamp as_of = context_.window.as_of;
    // A plain flag and time rather than std::optional: g++ 12 at -O2 warns (maybe-uninitialized) on
    // the optional's payload through the reset below, and warnings are errors in CI.
    bool win_pending = deal.status == model::DealStatus::won && closed_by(deal, as_of);
    const model::Timestamp won_at = win_pending ? *deal.closed_at : 0;
    position_ = below_funnel;
    for (const StageEntry& entry : pipelines.history_of(d)) {
        if (entry.entered_at > as_of) break;
        if (win_pending && won_at < entry.entered_at) {
            advance(above_funnel, won_at);
            win_pending = false;
        }
        if (entry.stage == no_index || pipelines.stages[entry.stage].pipeline != pipeline) continue;
        const StageInfo& stage = pipelines.stages[entry.stage];
        switch (stage.kind) {
            case model::StageKind::open:
                advance(stage.order, entry.entered_at);
                for (StageProgress& progress : progress_) {
                    if (progress.stage == entry.stage) enter(progress, entry.entered_at);
                }
                break;
            case model::StageKind::won:
                advance(above_funnel, entry.entered_at);
                break;
            case model::StageKind::lost:
                break;
        }
    }
    if (win_pending) advance(above_funnel, won_at);
}

void DealStageWalk::tally_stays(const model::Deal& deal, std::uint32_t d, std::span<const std::uint32_t> slots) {
    const PipelineIndex& pipelines = context_.index.pipelines;
    const Window& window = context_.window;
    const auto add_stay = [&](const StageEntry& stay, model::Timestamp end) {
        if (stay.stage == no_index || !window.contains(end) || end < stay.entered_at) return;
        const std::uint32_t open_index = pipelines.stages[stay.stage].open_index;
        if (open_index == no_index) return;
        const double days = static_cast<double>(end - stay.entered_at) / model::ms_per_day;
        for (const std::uint32_t slot : slots) tallies_[slot].days_in_stage[open_index].add(days);
    };
    const StageEntry* previous = nullptr;
    for (const StageEntry& entry : pipelines.history_of(d)) {
        if (entry.entered_at > window.as_of) break;
        if (previous != nullptr) add_stay(*previous, entry.entered_at);
        previous = &entry;
    }
    if (previous != nullptr && closed_by(deal, window.as_of)) add_stay(*previous, *deal.closed_at);
}

}  // namespace sellerscore::kpi
