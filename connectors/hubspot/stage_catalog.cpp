#include "stage_catalog.hpp"

#include <algorithm>
#include <tuple>

#include <boost/json.hpp>

#include "content_hash.hpp"
#include "json_access.hpp"
#include "property_value.hpp"
#include "connectors/bounded_integer.hpp"

namespace sellerscore::connectors::hubspot {

namespace json = boost::json;

Result<StageCatalog> StageCatalog::from_pipelines(const json::value& body) {
    const json::array* pipelines = array_at(body, "results");
    if (pipelines == nullptr) return Status::data("hubspot: GET pipelines/deals: no 'results' array in the response");
    StageCatalog catalog;
    for (const json::value& pipeline : *pipelines) {
        const std::string pipeline_id = string_at(pipeline, "id");
        const json::array* stages = array_at(pipeline, "stages");
        if (pipeline_id.empty() || stages == nullptr) {
            return Status::data("hubspot: GET pipelines/deals: a pipeline without id or stages");
        }
        for (const json::value& stage : *stages) {
            model::Stage s;
            s.id = string_at(stage, "id");
            if (s.id.empty()) return Status::data("hubspot: pipeline " + pipeline_id + ": a stage without id");
            s.pipeline_id = pipeline_id;
            s.name = string_at(stage, "label");
            // A position, clamped: a wild displayOrder would overflow the cast, and NaN passes a clamp.
            s.order = bounded_integer<int>(number_at(stage, "displayOrder").value_or(0), -1e9, 1e9);
            const json::value* metadata = member(stage, "metadata");
            const std::string probability = metadata ? string_at(*metadata, "probability") : std::string();
            s.probability = parse_number(probability);
            const bool closed = metadata && string_at(*metadata, "isClosed") == "true";
            if (closed) s.kind = s.probability.value_or(0) >= 1 ? model::StageKind::won : model::StageKind::lost;
            catalog.index_.emplace(s.id, catalog.stages_.size());
            catalog.stages_.push_back(std::move(s));
        }
    }
    return catalog;
}

const model::Stage* StageCatalog::find(std::string_view stage_id) const {
    const auto it = index_.find(std::string(stage_id));
    return it == index_.end() ? nullptr : &stages_[it->second];
}

bool StageCatalog::is_proposal_stage(std::string_view stage_id, const std::vector<std::string>& proposal_stages) const {
    const model::Stage* stage = find(stage_id);
    return std::any_of(proposal_stages.begin(), proposal_stages.end(), [&](const std::string& named) {
        return named == stage_id || (stage != nullptr && named == stage->name);
    });
}

std::string StageCatalog::fingerprint() const {
    std::vector<const model::Stage*> sorted;
    for (const auto& stage : stages_) sorted.push_back(&stage);
    std::sort(sorted.begin(), sorted.end(), [](const model::Stage* a, const model::Stage* b) {
        return std::tie(a->pipeline_id, a->id) < std::tie(b->pipeline_id, b->id);
    });
    ContentHash hash;
    for (const model::Stage* s : sorted) {
        hash.add(std::string_view(s->id));
        hash.add(std::string_view(s->pipeline_id));
        hash.add(std::string_view(s->name));
        hash.add(static_cast<std::int64_t>(s->order));
        hash.add(static_cast<std::int64_t>(s->kind));
        hash.add(s->probability.value_or(-1));
    }
    return hash.hex();
}

}  // namespace sellerscore::connectors::hubspot
