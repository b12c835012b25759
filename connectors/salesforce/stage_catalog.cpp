#include "stage_catalog.hpp"

#include <algorithm>

#include "sobject_fields.hpp"
#include "connectors/bounded_integer.hpp"

namespace sellerscore::connectors::salesforce {

namespace {
constexpr const char* default_pipeline = "default";
}

StageCatalog StageCatalog::from_rows(const boost::json::array& stages, const boost::json::array& record_types) {
    StageCatalog catalog;
    for (const auto& type : record_types) {
        const std::string process = id_at(type, "BusinessProcessId");
        if (process.empty()) continue;
        catalog.process_of_record_type_[id_at(type)] = process;
        if (std::find(catalog.pipelines_.begin(), catalog.pipelines_.end(), process) == catalog.pipelines_.end()) {
            catalog.pipelines_.push_back(process);
        }
    }
    if (catalog.pipelines_.empty()) catalog.pipelines_.push_back(default_pipeline);

    struct Row {
        std::string name;
        int order;
        model::StageKind kind;
        std::optional<double> probability;
    };
    std::vector<Row> rows;
    for (const auto& stage : stages) {
        if (field_at(stage, "IsActive") != nullptr && !flag_at(stage, "IsActive")) continue;
        Row row;
        row.name = text_at(stage, "ApiName").value_or(text_at(stage, "MasterLabel").value_or(""));
        // A position, clamped: a wild SortOrder would overflow the cast, and NaN passes a clamp.
        row.order = bounded_integer<int>(number_at(stage, "SortOrder").value_or(0), -1e9, 1e9);
        row.kind = !flag_at(stage, "IsClosed") ? model::StageKind::open
                   : flag_at(stage, "IsWon")   ? model::StageKind::won
                                               : model::StageKind::lost;
        // DefaultProbability is a percent (0-100); the model keeps 0..1.
        if (auto p = number_at(stage, "DefaultProbability")) row.probability = *p / 100.0;
        catalog.kinds_[row.name] = row.kind;
        rows.push_back(std::move(row));
    }
    for (const auto& pipeline : catalog.pipelines_) {
        for (const auto& row : rows) {
            model::Stage stage;
            stage.pipeline_id = pipeline;
            stage.id = catalog.pipelines_.size() > 1 ? pipeline + ":" + row.name : row.name;
            stage.name = row.name;
            stage.order = row.order;
            stage.kind = row.kind;
            stage.probability = row.probability;
            catalog.stages_.push_back(std::move(stage));
        }
    }
    return catalog;
}

std::string StageCatalog::pipeline_of(const std::string& record_type_id) const {
    const auto it = process_of_record_type_.find(record_type_id);
    if (it != process_of_record_type_.end()) return it->second;
    return pipelines_.front();
}

std::string StageCatalog::stage_id(const std::string& record_type_id, const std::string& stage_name) const {
    if (pipelines_.size() <= 1) return stage_name;
    return pipeline_of(record_type_id) + ":" + stage_name;
}

std::optional<model::StageKind> StageCatalog::kind_of(const std::string& stage_name) const {
    const auto it = kinds_.find(stage_name);
    if (it == kinds_.end()) return std::nullopt;
    return it->second;
}

}  // namespace sellerscore::connectors::salesforce
