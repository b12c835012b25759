// Bulk API 2.0 (/jobs/query and /jobs/ingest). Query jobs: POST a SOQL query, poll the job until
// JobComplete, read CSV results in sets of maxRecords chained by the Sforce-Locator header ("null"
// after the last set). Ingest jobs (update only): create (Open), PUT CSV to /batches, PATCH
// state UploadComplete, poll, then read successfulResults / failedResults / unprocessedrecords. A job
// reports InProgress for `polls_in_progress` status reads before its outcome; the work itself is done
// when the job is created (query: the rows that match then) or closed (ingest).
// Ingest limits at Salesforce's numbers: one upload holds at most 150 MB once base64-encoded (what
// Salesforce measures; 100 MB of CSV is the documented safe size), and an org ingests at most
// 150,000,000 records per rolling 24 hours: the batch (10,000 records) that would pass it and every
// batch after it stay unprocessed and the job ends Failed. Each job uses ceil(records / 10,000)
// of the org's 15,000 daily Bulk API batches (reported by /limits).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "fake_salesforce_query_engine.hpp"
#include "fake_salesforce_record_update.hpp"
#include "tests/fakes/fake_exchange.hpp"

namespace sellerscore::fakes {

inline constexpr std::size_t bulk_upload_max_base64_bytes = 150u * 1024 * 1024;
inline constexpr std::int64_t bulk_ingest_records_per_24h = 150'000'000;
inline constexpr std::size_t bulk_records_per_batch = 10'000;
inline constexpr std::int64_t bulk_batches_per_24h = 15'000;

class SfBulkApi {
public:
    explicit SfBulkApi(int polls_in_progress) : polls_in_progress_(polls_in_progress) {}

    // `rest`: the path segments after /jobs ("query", "<id>", "results").
    FakeResponse handle(SfOrg& org, const FakeRequest& request, const std::vector<std::string>& rest,
                        const SfQueryContext& context, const SfUpdateHooks& hooks, SfUpdateTally& tally);

    // Records another integration ingested at `now_ms` (they count toward the rolling 24 h limit).
    void record_ingested(std::int64_t now_ms, std::int64_t records) { ingested_.push_back({now_ms, records, 0}); }
    std::int64_t records_ingested(std::int64_t now_ms);
    std::int64_t batches_used(std::int64_t now_ms);

private:
    struct Usage {
        std::int64_t at_ms = 0, records = 0, batches = 0;
    };
    struct Job {
        std::string id, operation, object, state, created_by, api_version;
        std::int64_t created_ms = 0;
        int status_reads = 0;
        // query
        SfQueryResult result;
        SfQueryContext context;
        // ingest
        std::string uploaded;
        std::vector<std::string> successes, failures, unprocessed;  // CSV lines, header excluded
        std::string outcome = "JobComplete";                       // the state polling ends in
        std::string error_message;
        std::string header;
        std::size_t processed = 0, failed = 0;
    };

    FakeResponse create_query(SfOrg& org, const FakeRequest& request, const SfQueryContext& context);
    FakeResponse query_results(SfOrg& org, Job& job, const FakeRequest& request);
    FakeResponse create_ingest(SfOrg& org, const FakeRequest& request, const SfQueryContext& context);
    FakeResponse close_ingest(SfOrg& org, Job& job, const FakeRequest& request, const SfUpdateHooks& hooks, SfUpdateTally& tally);
    FakeResponse job_info(Job& job, bool poll);

    void prune(std::int64_t now_ms);

    int polls_in_progress_;
    std::deque<Usage> ingested_;
    std::map<std::string, Job> jobs_;
    std::uint64_t sequence_ = 0;
};

}  // namespace sellerscore::fakes
