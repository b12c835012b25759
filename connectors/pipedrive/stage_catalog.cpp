#include "stage_catalog.hpp"

#include <algorithm>
#include <map>

#include <boost/json.hpp>

#include "content_fingerprint.hpp"
#include "json_access.hpp"
#include "plugin/model/record_json.hpp"
#include "connectors/bounded_integer.hpp"

namespace sellerscore::connectors::pipedrive {

namespace json = boost::json;

StageCatalog StageCatalog::from_lists(const std::vector<json::value>& pipelines, const std::vector<json::value>& stages) {
    // Grouped by pipeline: the model orders stages within a pipeline. A pipeline without stages
    // still gets its won and lost stages.
    std::map<std::string, std::vector<model::Stage>> by_pipeline;
    for (const auto& pipeline : pipelines) {
        const std::string id = text_at(pipeline, "id");
        if (!id.empty()) by_pipeline[id];
    }
    for (const auto& item : stages) {
        model::Stage stage;
        stage.id = text_at(item, "id");
        stage.pipeline_id = text_at(item, "pipeline_id");
        if (stage.id.empty() || stage.pipeline_id.empty()) continue;
        stage.name = text_at(item, "name");
        // A position, clamped: a wild order_nr would overflow the cast, and NaN passes a clamp (found by tests/fuzz/pipedrive_page).
        stage.order = bounded_integer<int>(number_at(item, "order_nr").value_or(0), -1e9, 1e9);
        stage.kind = model::StageKind::open;
        if (const auto percent = number_at(item, "deal_probability")) stage.probability = *percent / 100.0;
        by_pipeline[stage.pipeline_id].push_back(std::move(stage));
    }
    StageCatalog catalog;
    for (auto& [pipeline_id, entry] : by_pipeline) {
        std::stable_sort(entry.begin(), entry.end(),
                         [](const model::Stage& a, const model::Stage& b) { return a.order < b.order; });
        int last_order = 0;
        for (auto& stage : entry) {
            last_order = std::max(last_order, stage.order);
            catalog.stages_.push_back(std::move(stage));
        }
        catalog.stages_.push_back(
            model::Stage{won_stage(pipeline_id), pipeline_id, "Won", last_order + 1, model::StageKind::won, 1.0});
        catalog.stages_.push_back(
            model::Stage{lost_stage(pipeline_id), pipeline_id, "Lost", last_order + 2, model::StageKind::lost, 0.0});
    }
    for (std::size_t i = 0; i < catalog.stages_.size(); ++i) catalog.index_[catalog.stages_[i].id] = i;
    return catalog;
}

const model::Stage* StageCatalog::find(std::string_view stage_id) const {
    const auto it = index_.find(std::string(stage_id));
    return it == index_.end() ? nullptr : &stages_[it->second];
}

std::string StageCatalog::won_stage(std::string_view pipeline_id) { return std::string(pipeline_id) + ":won"; }
std::string StageCatalog::lost_stage(std::string_view pipeline_id) { return std::string(pipeline_id) + ":lost"; }

std::string StageCatalog::fingerprint() const {
    ContentFingerprint fingerprint;
    for (const auto& stage : stages_) fingerprint.add(model::to_ndjson(stage));
    return fingerprint.hex();
}

}  // namespace sellerscore::connectors::pipedrive
