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
    tally_conversion(deal, d);
    for (const StageProgress& stage : progress_) {
        if (!stage.entered_in_window) continue;
        const std::uint32_t open_index = context_.index.pipelines.stages[stage.stage].open_index;
        for (const std::uint32_t slot : slots) tallies_[slot].stage_conversion[open_index].add(stage.converted);
    }
}

void DealStageWalk::move_to(std::uint32_t pipeline) {
    if (current_ < pipelines_.size() && pipelines_[current_].pipeline == pipeline) return;
    position_ = below_funnel;
    for (current_ = 0; current_ < pipelines_.size(); ++current_) {
        if (pipelines_[current_].pipeline == pipeline) return;
    }
    const PipelineIndex& pipelines = context_.index.pipelines;
    const std::size_t begin = progress_.size();
    for (const std::uint32_t stage : pipelines.open_stages_of(pipeline)) {
        progress_.push_back({stage, pipelines.stages[stage].order, false, false});
    }
    pipelines_.push_back({pipeline, begin, progress_.size()});
}

void DealStageWalk::enter(StageProgress& stage, model::Timestamp at) {
    if (context_.window.contains(at)) stage.entered_in_window = true;
}

void DealStageWalk::advance(long long order, model::Timestamp at) {
    if (current_ >= pipelines_.size()) return;
    const std::span<StageProgress> stages(progress_.data() + pipelines_[current_].begin,
                                          progress_.data() + pipelines_[current_].end);
    for (StageProgress& stage : stages) {
        if (position_ < stage.order && stage.order < order) enter(stage, at);
    }
    for (StageProgress& stage : stages) {
        if (stage.entered_in_window && stage.order < order) stage.converted = true;
    }
    position_ = order;
}

void DealStageWalk::win(model::Timestamp at, std::uint32_t fallback) {
    if (current_ >= pipelines_.size() && fallback != no_index) move_to(fallback);
    advance(above_funnel, at);
    for (StageProgress& stage : progress_) {
        if (stage.entered_in_window) stage.converted = true;
    }
}

void DealStageWalk::tally_conversion(const model::Deal& deal, std::uint32_t d) {
    const PipelineIndex& pipelines = context_.index.pipelines;
    const model::Timestamp as_of = context_.window.as_of;
    progress_.clear();
    pipelines_.clear();
    current_ = 0;
    position_ = below_funnel;
    // A plain flag and time rather than std::optional: g++ 12 at -O2 warns (maybe-uninitialized) on
    // the optional's payload through the reset below, and warnings are errors in CI.
    bool win_pending = deal.status == model::DealStatus::won && closed_by(deal, as_of);
    const model::Timestamp won_at = win_pending ? *deal.closed_at : 0;
    for (const StageEntry& entry : pipelines.history_of(d)) {
        if (entry.entered_at > as_of) break;
        if (win_pending && won_at < entry.entered_at) {
            win(won_at, pipelines.deal_pipeline[d]);
            win_pending = false;
        }
        if (entry.stage == no_index) continue;
        const StageInfo& stage = pipelines.stages[entry.stage];
        switch (stage.kind) {
            case model::StageKind::open:
                move_to(stage.pipeline);
                advance(stage.order, entry.entered_at);
                for (StageProgress& progress : progress_) {
                    if (progress.stage == entry.stage) enter(progress, entry.entered_at);
                }
                break;
            case model::StageKind::won:
                move_to(stage.pipeline);
                win(entry.entered_at, no_index);
                break;
            case model::StageKind::lost:
                break;
        }
    }
    if (win_pending) win(won_at, pipelines.deal_pipeline[d]);
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
