// write(): our field values through Bulk API 2.0 ingest, for write-backs too large to be cheap
// through composite/sobjects (200 records a call). Per object: POST /jobs/ingest (operation update,
// CSV), one PUT of the CSV (Id + our fields; an empty cell leaves a field alone, #N/A clears it) of
// at most 100 MB (Salesforce's safe size: it counts 150 MB after base64), PATCH UploadComplete, poll
// the job with a doubling wait, then read successfulResults and failedResults (and unprocessedrecords
// when the job Failed or was Aborted). A record failing with UNABLE_TO_LOCK_ROW is retried once in one
// more job; any other error is reported for each of its writes. No request that may have reached
// Salesforce is repeated and no record is put into a second job unless Salesforce said it failed, so
// nothing is written twice; records left unprocessed, or whose outcome is unknown, are failures the
// next run writes again.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "connectors/connector.hpp"
#include "connectors/http/clock.hpp"
#include "bulk_job_poll.hpp"
#include "field_schema.hpp"
#include "salesforce_api.hpp"

namespace sellerscore::connectors::salesforce {

struct IngestOptions {
    std::size_t max_upload_bytes = 100'000'000;  // CSV bytes per job
    BulkPollSchedule poll;
};

class BulkIngest {
public:
    // ledger, when given, receives "<sObject>" -> ids of the records written (for the cursor after our writes).
    BulkIngest(SalesforceApi& api, http::Clock& clock, const FieldSchema& schema,
               std::map<std::string, std::set<std::string>>* ledger = nullptr, IngestOptions options = {})
        : api_(api), clock_(clock), schema_(schema), ledger_(ledger), options_(options) {}

    Result<WriteReport> write(std::span<const FieldWrite> writes);
    std::uint64_t jobs() const { return jobs_; }

private:
    struct RecordWrite {
        RecordObject object;
        std::string id;
        std::vector<std::size_t> indexes;  // into writes
    };
    struct Job {
        RecordObject object;
        std::string header;  // "Id,Field__c,...\n"
        std::vector<const RecordWrite*> records;
        std::vector<std::string> lines;  // one CSV line per record
    };

    // Runs one job; each record ends written, failed, or (retry allowed, UNABLE_TO_LOCK_ROW) in `transient`.
    // A non-ok Status only when the job could not start for a reason that stops the whole write (rate_limited).
    Status run(const Job& job, WriteReport& report, std::vector<const RecordWrite*>* transient);
    std::vector<Job> jobs_for(std::span<const FieldWrite> writes, const std::vector<const RecordWrite*>& records) const;
    void written(const RecordWrite& record, WriteReport& report);

    SalesforceApi& api_;
    http::Clock& clock_;
    const FieldSchema& schema_;
    std::map<std::string, std::set<std::string>>* ledger_;
    IngestOptions options_;
    std::uint64_t jobs_ = 0;
};

}  // namespace sellerscore::connectors::salesforce
