// Salesforce's REST API over the HttpClient: /services/data/<version> paths, SOQL with nextRecordsUrl
// paging at the largest batch size, the daily allocation checked before and read after every call,
// and Salesforce's error bodies ([{"message","errorCode"}]) turned into one-line Statuses
// ("salesforce: GET /services/data/v62.0/query: 400 INVALID_FIELD: No such column 'Foo' ...").
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include "api_allocation.hpp"
#include "connectors/http/http_client.hpp"

namespace sellerscore::connectors::salesforce {

// Sforce-Query-Options batchSize: 200..2000, 2000 being the default and the largest.
inline constexpr int max_batch_size = 2000;

class SalesforceApi {
public:
    SalesforceApi(std::unique_ptr<http::HttpClient> client, std::string api_version, ApiAllocation& allocation);

    // "/services/data/v62.0" + rest.
    std::string data(std::string_view rest) const;

    // 2xx -> the parsed body (null when empty); anything else -> error_of(). Refused with rate_limited,
    // before sending, when the call would take the org below the reserve.
    Result<boost::json::value> call(http::Method method, const std::string& target, const boost::json::value* body = nullptr);
    Result<boost::json::value> get(const std::string& target) { return call(http::Method::get, target); }
    // GET whose 2xx body is not JSON (Bulk API CSV results): the response itself.
    Result<http::HttpResponse> get_raw(const std::string& target);
    // PUT of CSV job data (Bulk API 2.0 ingest), sent once: a second upload would add the rows again.
    Status put_csv(const std::string& target, std::string csv);

    // Runs the SOQL query (queryAll when `all`: deleted and archived rows too) and hands each page's
    // records to `page`, following nextRecordsUrl. A non-ok Status from `page` stops the query.
    Status query(std::string_view soql, const std::function<Status(const boost::json::array&)>& page, bool all = false,
                 int batch_size = max_batch_size);
    // Same, against the Tooling API (/tooling/query).
    Result<boost::json::array> tooling_query(std::string_view soql);
    // SELECT COUNT() FROM ... -> totalSize.
    Result<std::int64_t> count(std::string_view soql);

    static Status error_of(const http::HttpRequest& request, const http::HttpResponse& response);
    // "%20"-style encoding of a query parameter value.
    static std::string url_encode(std::string_view text);

    http::ClientStats stats() const;
    ApiAllocation& allocation() { return allocation_; }

private:
    Result<http::HttpResponse> send(const http::HttpRequest& request);
    Status run_query(std::string target, const std::function<Status(const boost::json::array&)>& page, int batch_size);

    std::unique_ptr<http::HttpClient> client_;
    std::string prefix_;
    ApiAllocation& allocation_;
};

}  // namespace sellerscore::connectors::salesforce
