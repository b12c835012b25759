// Bulk API 2.0 (/jobs/query and /jobs/ingest). Query jobs: POST a SOQL query, poll the job until
// JobComplete, read CSV results in sets of maxRecords chained by the Sforce-Locator header ("null"
// after the last set). Ingest jobs (update only): create (Open), PUT CSV to /batches, PATCH
// state UploadComplete, poll, then read successfulResults / failedResults. A job reports InProgress
// for `polls_in_progress` status reads before JobComplete; the work itself is done when the job is
// created (query: the rows that match then) or closed (ingest).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "fake_salesforce_query_engine.hpp"
#include "fake_salesforce_record_update.hpp"
#include "tests/fakes/fake_exchange.hpp"

namespace sellerscore::fakes {

class SfBulkApi {
public:
    explicit SfBulkApi(int polls_in_progress) : polls_in_progress_(polls_in_progress) {}

    // `rest`: the path segments after /jobs ("query", "<id>", "results").
    FakeResponse handle(SfOrg& org, const FakeRequest& request, const std::vector<std::string>& rest,
                        const SfQueryContext& context, const SfUpdateHooks& hooks, SfUpdateTally& tally);

private:
    struct Job {
        std::string id, operation, object, state, created_by, api_version;
        std::int64_t created_ms = 0;
        int status_reads = 0;
        // query
        SfQueryResult result;
        SfQueryContext context;
        // ingest
        std::string uploaded;
        std::vector<std::string> successes, failures;  // CSV lines, header excluded
        std::string header;
        std::size_t processed = 0, failed = 0;
    };

    FakeResponse create_query(SfOrg& org, const FakeRequest& request, const SfQueryContext& context);
    FakeResponse query_results(SfOrg& org, Job& job, const FakeRequest& request);
    FakeResponse create_ingest(SfOrg& org, const FakeRequest& request, const SfQueryContext& context);
    FakeResponse close_ingest(SfOrg& org, Job& job, const FakeRequest& request, const SfUpdateHooks& hooks, SfUpdateTally& tally);
    FakeResponse job_info(Job& job, bool poll);

    int polls_in_progress_;
    std::map<std::string, Job> jobs_;
    std::uint64_t sequence_ = 0;
};

}  // namespace sellerscore::fakes
