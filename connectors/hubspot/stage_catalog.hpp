// The deal pipelines of a portal, read once per run: the model's stages and each stage's kind (a
// deal's status follows from its stage).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/json/value.hpp>

#include "plugin/model/records.hpp"
#include "plugin/model/status.hpp"

namespace sellerscore::connectors::hubspot {

class StageCatalog {
public:
    StageCatalog() = default;

    // From the body of GET /crm/v3/pipelines/deals. Archived stages are kept: history refers to them.
    static Result<StageCatalog> from_pipelines(const boost::json::value& body);

    const std::vector<model::Stage>& stages() const { return stages_; }
    const model::Stage* find(std::string_view stage_id) const;

    // Whether a stage id or label is one of the configured proposal stages.
    bool is_proposal_stage(std::string_view stage_id, const std::vector<std::string>& proposal_stages) const;

    std::string fingerprint() const;

private:
    std::vector<model::Stage> stages_;
    std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace sellerscore::connectors::hubspot
