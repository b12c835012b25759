// The funnel as the deal KPIs of KPIS.md §3 read it: stages and pipelines resolved to dense indices,
// and each deal's stage changes in time order, so that "the stage of a deal at time t" (the §2
// snapshot rule) and the stage map KPIs are a walk over a few consecutive entries.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "../model/records.hpp"
#include "id_interner.hpp"

namespace sellerscore::kpi {

struct StageInfo {
    int order = 0;
    model::StageKind kind = model::StageKind::open;
    double probability = 0;  // a null probability counts as 0 (weighted_pipeline_value)
    std::uint32_t pipeline = no_index;
    std::uint32_t open_index = no_index;  // dense index among all open stages; no_index for won/lost
};

// One stage change of a deal; `stage` is no_index for a stage id no stage record carries.
struct StageEntry {
    model::Timestamp entered_at = 0;
    std::uint32_t stage = no_index;
    std::uint32_t input_order = 0;  // breaks ties between changes entered at the same instant
};

class PipelineIndex {
public:
    explicit PipelineIndex(const model::Dataset& data);

    IdInterner stage_ids;
    IdInterner pipeline_ids;
    // Deal ids, so that stage changes and activities can name a deal.
    IdInterner deal_ids;
    // Per stage index.
    std::vector<StageInfo> stages;
    // Per open index: the stage index.
    std::vector<std::uint32_t> open_stages;
    // Per data.deals[i]: its pipeline's index and its stage_id's index (no_index when unknown).
    std::vector<std::uint32_t> deal_pipeline;
    std::vector<std::uint32_t> deal_stage;
    // Per deal id index: the data.deals index carrying that id (the last one when ids repeat).
    std::vector<std::uint32_t> deal_record;

    // The open stages of a pipeline, in ascending order.
    std::span<const std::uint32_t> open_stages_of(std::uint32_t pipeline) const {
        return {pipeline_open_stages_.data() + pipeline_offsets_[pipeline],
                pipeline_open_stages_.data() + pipeline_offsets_[pipeline + 1]};
    }
    // The stage changes of data.deals[d], sorted by entered_at (ties in input order).
    std::span<const StageEntry> history_of(std::uint32_t d) const {
        const std::uint32_t id = deal_record_id_[d];
        return {history_.data() + history_offsets_[id], history_.data() + history_offsets_[id + 1]};
    }
    // The stage of data.deals[d] at t: its last stage change entered by t. A deal with no recorded
    // change by t is taken to be in its first recorded stage, or, without any history, in its
    // stage_id.
    std::uint32_t stage_at(std::uint32_t d, model::Timestamp t) const;

private:
    std::vector<std::uint32_t> deal_record_id_;
    std::vector<std::uint32_t> pipeline_offsets_;
    std::vector<std::uint32_t> pipeline_open_stages_;
    std::vector<std::uint32_t> history_offsets_;
    std::vector<StageEntry> history_;
};

}  // namespace sellerscore::kpi
