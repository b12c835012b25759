#include "batch_update_result.hpp"

#include <boost/json.hpp>

#include "json_access.hpp"
#include "property_value.hpp"

namespace sellerscore::connectors::hubspot {

namespace json = boost::json;

namespace {

bool transient(std::string_view category) {
    return category == "RATE_LIMITS" || category.find("INTERNAL") != std::string_view::npos ||
           category.find("UNAVAILABLE") != std::string_view::npos || category.find("TIMEOUT") != std::string_view::npos;
}

std::string error_message(const json::value& error) {
    std::string message = string_at(error, "message");
    const std::string category = string_at(error, "category");
    if (!category.empty()) message = category + (message.empty() ? "" : ": " + message);
    for (char& c : message) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    return message;
}

}  // namespace

BatchUpdateResult BatchUpdateResult::parse(const json::value& body, const std::vector<std::string>& sent) {
    BatchUpdateResult result;
    if (const json::array* results = array_at(body, "results")) {
        for (const auto& record : *results) {
            const std::string id = string_at(record, "id");
            if (id.empty()) continue;
            result.updated[id] = parse_time_ms(string_at(record, "updatedAt")).value_or(0);
        }
    }
    if (const json::array* errors = array_at(body, "errors")) {
        for (const auto& error : *errors) {
            const RecordFailure failure{error_message(error), transient(string_at(error, "category"))};
            const json::value* context = member(error, "context");
            const json::array* ids = context ? array_at(*context, "ids") : nullptr;
            if (ids == nullptr) continue;
            for (const auto& id : *ids) {
                std::string text = id.is_string() ? std::string(id.get_string())
                                   : id.is_int64() ? std::to_string(id.get_int64())
                                                   : std::string();
                if (!text.empty() && !result.updated.contains(text)) result.failed.emplace(text, failure);
            }
        }
    }
    for (const auto& id : sent) {
        if (!result.updated.contains(id) && !result.failed.contains(id)) {
            result.failed.emplace(id, RecordFailure{"HubSpot reported neither a result nor an error for this record", false});
        }
    }
    return result;
}

}  // namespace sellerscore::connectors::hubspot
