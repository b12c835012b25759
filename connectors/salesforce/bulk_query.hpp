// Bulk API 2.0 query jobs, for objects too big to page through REST at 2,000 rows a call:
// POST /jobs/query {"operation":"query"|"queryAll","query":...}, poll GET /jobs/query/{id} until
// JobComplete, then GET /jobs/query/{id}/results?maxRecords=N[&locator=L] (CSV) until Sforce-Locator
// is "null". Each result set reaches the caller as REST-shaped records (JSON objects, "A.B" columns
// nested, booleans and numbers typed by field), so the same mapping reads both.
// Bulk queries take no ORDER BY (it disables PK chunking), so a result set is no checkpoint.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include <boost/json/array.hpp>

#include "connectors/http/clock.hpp"
#include "bulk_job_poll.hpp"
#include "csv_column_types.hpp"
#include "csv_table.hpp"
#include "salesforce_api.hpp"

namespace sellerscore::connectors::salesforce {

struct BulkOptions {
    std::size_t max_records = 50'000;  // rows per result set
    BulkPollSchedule poll;
};

class BulkQuery {
public:
    BulkQuery(SalesforceApi& api, http::Clock& clock, BulkOptions options = {})
        : api_(api), clock_(clock), options_(options) {}

    Status run(const std::string& soql, bool all, const CsvColumnTypes& types,
               const std::function<Status(const boost::json::array&)>& result_set);

private:
    SalesforceApi& api_;
    http::Clock& clock_;
    BulkOptions options_;
};

}  // namespace sellerscore::connectors::salesforce
