// The pipelines and stages of a company as the model's stages. Won and lost are deal statuses in
// Pipedrive, not stages: each pipeline P gets two synthetic stages "P:won" (after its last stage,
// probability 1) and "P:lost" (after that, probability 0), so a closed deal has a stage like in
// every other CRM.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/json/value.hpp>

#include "plugin/model/records.hpp"

namespace sellerscore::connectors::pipedrive {

class StageCatalog {
public:
    StageCatalog() = default;

    // From the items of GET /api/v2/pipelines and GET /api/v2/stages. Deleted stages are kept:
    // stage histories refer to them.
    static StageCatalog from_lists(const std::vector<boost::json::value>& pipelines,
                                   const std::vector<boost::json::value>& stages);

    const std::vector<model::Stage>& stages() const { return stages_; }
    const model::Stage* find(std::string_view stage_id) const;

    static std::string won_stage(std::string_view pipeline_id);   // "<pipeline id>:won"
    static std::string lost_stage(std::string_view pipeline_id);  // "<pipeline id>:lost"

    std::string fingerprint() const;

private:
    std::vector<model::Stage> stages_;
    std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace sellerscore::connectors::pipedrive
