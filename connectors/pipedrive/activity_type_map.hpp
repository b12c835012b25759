// Pipedrive activity types (their key_string) -> the model's activity types, per the mapping:
// call, email; meeting and lunch -> meeting; a configured visit type -> visit; a configured
// proposal type -> proposal; task and deadline -> task; anything else -> note.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "plugin/model/records.hpp"

namespace sellerscore::connectors::pipedrive {

class ActivityTypeMap {
public:
    // Empty lists take the defaults: visits {"visit"}, proposals {"proposal"}.
    ActivityTypeMap(std::vector<std::string> visit_types, std::vector<std::string> proposal_types);

    model::ActivityType type_of(std::string_view key_string) const;

    // What the items of GET /api/v1/activityTypes map to: changes when a type is added or renamed,
    // or when the settings map a key differently, so the activities are read again.
    std::string fingerprint(const std::vector<boost::json::value>& activity_types) const;

private:
    std::vector<std::string> visit_types_;
    std::vector<std::string> proposal_types_;
};

}  // namespace sellerscore::connectors::pipedrive
