#include "bulk_job_poll.hpp"

#include <algorithm>

#include "sobject_fields.hpp"

namespace sellerscore::connectors::salesforce {

Result<boost::json::value> poll_bulk_job(SalesforceApi& api, http::Clock& clock, const std::string& target,
                                         const BulkPollSchedule& schedule, const std::string& what) {
    std::chrono::milliseconds wait = schedule.first;
    for (int poll = 0;; ++poll) {
        auto info = api.get(target);
        if (!info) return info.status();
        const std::string state = text_at(*info, "state").value_or("");
        if (state != "UploadComplete" && state != "InProgress") return info;
        if (poll + 1 >= schedule.max_polls) return Status(StatusCode::timeout, "salesforce: " + what + " still " + state);
        clock.sleep_until(clock.now() + wait);
        wait = std::min(wait * 2, schedule.max);
    }
}

}  // namespace sellerscore::connectors::salesforce
