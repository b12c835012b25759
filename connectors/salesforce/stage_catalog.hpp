// Stages and pipelines from OpportunityStage and the Opportunity record types' business processes.
//
// Which stages a sales process uses lives only in the Metadata API (BusinessProcess.values), which
// this connector does not call: every active stage is taken to belong to every process. With one
// process (or none: orgs without record types) a stage's id is its API name ("Prospecting") and the
// pipeline id is the process id (or "default"). With several processes the same stage is keyed once
// per process, "<process id>:<stage API name>", so each pipeline has its own funnel; a deal's
// pipeline is the process of its record type.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/array.hpp>

#include "plugin/model/records.hpp"

namespace sellerscore::connectors::salesforce {

class StageCatalog {
public:
    // stages: OpportunityStage rows; record_types: RecordType rows of SobjectType 'Opportunity'.
    static StageCatalog from_rows(const boost::json::array& stages, const boost::json::array& record_types);

    const std::vector<model::Stage>& stages() const { return stages_; }
    std::string pipeline_of(const std::string& record_type_id) const;
    // The stage id for a deal of that record type in the stage named `stage_name` (Opportunity.StageName).
    std::string stage_id(const std::string& record_type_id, const std::string& stage_name) const;
    std::optional<model::StageKind> kind_of(const std::string& stage_name) const;
    bool several_pipelines() const { return pipelines_.size() > 1; }

private:
    struct StageRow {
        std::string api_name;
        model::StageKind kind = model::StageKind::open;
    };
    std::vector<model::Stage> stages_;
    std::vector<std::string> pipelines_;
    std::map<std::string, std::string> process_of_record_type_;
    std::map<std::string, model::StageKind> kinds_;
};

}  // namespace sellerscore::connectors::salesforce
