// Waiting for a Bulk API 2.0 job (query or ingest): GET the job until its state is neither
// UploadComplete nor InProgress, the wait between reads doubling from `first` up to `max`.
#pragma once

#include <chrono>
#include <string>

#include <boost/json/value.hpp>

#include "connectors/http/clock.hpp"
#include "salesforce_api.hpp"

namespace sellerscore::connectors::salesforce {

struct BulkPollSchedule {
    std::chrono::milliseconds first{1'000};
    std::chrono::milliseconds max{10'000};
    int max_polls = 360;
};

// The job info whose state is settled (JobComplete, Failed, Aborted, or an ingest job still Open);
// timeout after max_polls reads; the call's Status when a read fails. `what` names the job in errors.
Result<boost::json::value> poll_bulk_job(SalesforceApi& api, http::Clock& clock, const std::string& target,
                                         const BulkPollSchedule& schedule, const std::string& what);

}  // namespace sellerscore::connectors::salesforce
