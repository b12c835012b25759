// A deal's stage history from its v1 changelog (GET /api/v1/deals/{id}/changelog, 20 tokens a page):
// the stage it was created in (the old_value of its first stage change) at add_time, then each
// stage_id change at its time, then the synthetic won/lost stage at won_time/lost_time.
// v2's stage_change_time is only the last change, which is enough to tell whether the history
// changed, not what it was.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "plugin/model/records.hpp"

namespace sellerscore::connectors::pipedrive {

// `deal` is the mapped deal; `open_stage_id` the deal's stage_id in Pipedrive (the stage a closed
// deal was closed from); `changelog` the changelog items, in any order (empty for a deal without a
// stage_change_time, which never changed stage).
std::vector<model::StageChange> stage_history(const model::Deal& deal, const std::string& open_stage_id,
                                              const std::vector<boost::json::value>& changelog);

}  // namespace sellerscore::connectors::pipedrive
