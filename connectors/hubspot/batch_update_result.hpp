// A batch/update answer (200, or 207 Multi-Status when some inputs failed): which records were
// updated (with their new updatedAt) and which failed, mapped back through errors[].context.ids.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace sellerscore::connectors::hubspot {

struct RecordFailure {
    std::string message;  // HubSpot's message, one line
    bool retryable = false;
};

struct BatchUpdateResult {
    std::map<std::string, std::int64_t> updated;  // record id -> updatedAt (epoch ms; 0 when absent)
    std::map<std::string, RecordFailure> failed;  // record id -> why

    // Errors whose category is transient (RATE_LIMITS, internal or unavailable) are retryable;
    // validation errors are not. Ids of `sent` that appear nowhere in the body failed with a message
    // saying so.
    static BatchUpdateResult parse(const boost::json::value& body, const std::vector<std::string>& sent);
};

}  // namespace sellerscore::connectors::hubspot
