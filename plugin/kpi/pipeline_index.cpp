#include "pipeline_index.hpp"

#include <algorithm>
#include <limits>
#include <utility>

namespace sellerscore::kpi {

PipelineIndex::PipelineIndex(const model::Dataset& data)
    : stage_ids(data.stages.size()), pipeline_ids(16), deal_ids(data.deals.size()) {
    for (const model::Stage& stage : data.stages) {
        const std::uint32_t s = stage_ids.intern(stage.id);
        if (s == stages.size()) stages.emplace_back();
        stages[s] = {stage.order, stage.kind, stage.probability.value_or(0), pipeline_ids.intern(stage.pipeline_id),
                     no_index};
    }
    for (std::uint32_t s = 0; s < stages.size(); ++s) {
        if (stages[s].kind != model::StageKind::open) continue;
        stages[s].open_index = static_cast<std::uint32_t>(open_stages.size());
        open_stages.push_back(s);
    }

    pipeline_offsets_.assign(pipeline_ids.size() + 1, 0);
    for (const std::uint32_t s : open_stages) ++pipeline_offsets_[stages[s].pipeline + 1];
    for (std::size_t p = 0; p < pipeline_ids.size(); ++p) pipeline_offsets_[p + 1] += pipeline_offsets_[p];
    pipeline_open_stages_.resize(open_stages.size());
    std::vector<std::uint32_t> next(pipeline_offsets_.begin(), pipeline_offsets_.end() - 1);
    for (const std::uint32_t s : open_stages) pipeline_open_stages_[next[stages[s].pipeline]++] = s;
    for (std::uint32_t p = 0; p < pipeline_ids.size(); ++p) {
        auto begin = pipeline_open_stages_.begin() + pipeline_offsets_[p];
        auto end = pipeline_open_stages_.begin() + pipeline_offsets_[p + 1];
        std::sort(begin, end, [&](std::uint32_t a, std::uint32_t b) { return stages[a].order < stages[b].order; });
    }

    deal_record_id_.reserve(data.deals.size());
    deal_pipeline.reserve(data.deals.size());
    deal_stage.reserve(data.deals.size());
    for (std::uint32_t d = 0; d < data.deals.size(); ++d) {
        const model::Deal& deal = data.deals[d];
        const std::uint32_t id = deal_ids.intern(deal.id);
        deal_record_id_.push_back(id);
        if (id == deal_record.size()) deal_record.emplace_back();
        deal_record[id] = d;
        deal_pipeline.push_back(pipeline_ids.find(deal.pipeline_id));
        deal_stage.push_back(stage_ids.find(deal.stage_id));
    }

    const auto& changes = data.stage_changes;
    std::vector<std::uint32_t> change_deal(changes.size());
    history_offsets_.assign(deal_ids.size() + 1, 0);
    for (std::size_t c = 0; c < changes.size(); ++c) {
        change_deal[c] = deal_ids.find(changes[c].deal_id);
        if (change_deal[c] != no_index) ++history_offsets_[change_deal[c] + 1];
    }
    for (std::size_t id = 0; id < deal_ids.size(); ++id) history_offsets_[id + 1] += history_offsets_[id];
    history_.resize(history_offsets_.back());
    next.assign(history_offsets_.begin(), history_offsets_.end() - 1);
    for (std::uint32_t c = 0; c < changes.size(); ++c) {
        if (change_deal[c] == no_index) continue;
        history_[next[change_deal[c]]++] = {changes[c].entered_at, stage_ids.find(changes[c].stage_id), c};
    }
    // Changes at the same second (an automation moving a deal twice at once) are ordered so that the
    // result does not depend on input order: the deal's current stage last, otherwise by funnel order,
    // and only then by input order.
    for (std::uint32_t id = 0; id < deal_ids.size(); ++id) {
        const std::uint32_t current = deal_stage[id];
        const auto rank = [&](const StageEntry& e) {
            const int order = e.stage == no_index ? std::numeric_limits<int>::min() : stages[e.stage].order;
            return std::pair{e.stage == current && current != no_index, order};
        };
        std::sort(history_.begin() + history_offsets_[id], history_.begin() + history_offsets_[id + 1],
                  [&](const StageEntry& a, const StageEntry& b) {
                      if (a.entered_at != b.entered_at) return a.entered_at < b.entered_at;
                      if (rank(a) != rank(b)) return rank(a) < rank(b);
                      return a.input_order < b.input_order;
                  });
    }
}

std::uint32_t PipelineIndex::stage_at(std::uint32_t d, model::Timestamp t) const {
    const std::span<const StageEntry> history = history_of(d);
    if (history.empty()) return deal_stage[d];
    std::uint32_t stage = history.front().stage;
    for (const StageEntry& entry : history) {
        if (entry.entered_at > t) break;
        stage = entry.stage;
    }
    return stage;
}

}  // namespace sellerscore::kpi
