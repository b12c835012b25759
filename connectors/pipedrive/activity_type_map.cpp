#include "activity_type_map.hpp"

#include <algorithm>

#include "content_fingerprint.hpp"
#include "json_access.hpp"
#include "plugin/model/record_json.hpp"

namespace sellerscore::connectors::pipedrive {

namespace {

bool listed(const std::vector<std::string>& list, std::string_view key) {
    return std::find(list.begin(), list.end(), key) != list.end();
}

}  // namespace

ActivityTypeMap::ActivityTypeMap(std::vector<std::string> visit_types, std::vector<std::string> proposal_types)
    : visit_types_(visit_types.empty() ? std::vector<std::string>{"visit"} : std::move(visit_types)),
      proposal_types_(proposal_types.empty() ? std::vector<std::string>{"proposal"} : std::move(proposal_types)) {}

model::ActivityType ActivityTypeMap::type_of(std::string_view key) const {
    using model::ActivityType;
    // Configured keys first: a company may call its visits "meeting" on purpose.
    if (listed(visit_types_, key)) return ActivityType::visit;
    if (listed(proposal_types_, key)) return ActivityType::proposal;
    if (key == "call") return ActivityType::call;
    if (key == "email") return ActivityType::email;
    if (key == "meeting" || key == "lunch") return ActivityType::meeting;
    if (key == "task" || key == "deadline") return ActivityType::task;
    return ActivityType::note;
}

std::string ActivityTypeMap::fingerprint(const std::vector<boost::json::value>& activity_types) const {
    std::vector<std::string> keys;
    for (const auto& item : activity_types) keys.push_back(text_at(item, "key_string"));
    std::sort(keys.begin(), keys.end());
    ContentFingerprint fingerprint;
    for (const auto& key : keys) {
        fingerprint.add(key);
        fingerprint.add(model::to_string(type_of(key)));
    }
    return fingerprint.hex();
}

}  // namespace sellerscore::connectors::pipedrive
