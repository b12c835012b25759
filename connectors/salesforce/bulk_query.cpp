#include "bulk_query.hpp"

#include <algorithm>

#include "sobject_fields.hpp"

namespace sellerscore::connectors::salesforce {

namespace json = boost::json;

Status BulkQuery::run(const std::string& soql, bool all, const CsvColumnTypes& types,
                      const std::function<Status(const json::array&)>& result_set) {
    const json::value job_request = json::object{{"operation", all ? "queryAll" : "query"}, {"query", soql}};
    auto created = api_.call(http::Method::post, api_.data("/jobs/query"), &job_request);
    if (!created) return created.status();
    const std::string id = id_at(*created, "id");
    if (id.empty()) return Status::data("salesforce: POST /jobs/query: the answer has no job id");
    const std::string job = api_.data("/jobs/query/" + id);

    auto status = poll_bulk_job(api_, clock_, job, options_.poll, "Bulk API query job " + id);
    if (!status) return status.status();
    if (const std::string state = text_at(*status, "state").value_or(""); state != "JobComplete") {
        return Status::data("salesforce: Bulk API query job " + id + " " + state + ": " +
                            text_at(*status, "errorMessage").value_or("no message"));
    }

    std::string locator;
    while (true) {
        std::string target = job + "/results?maxRecords=" + std::to_string(options_.max_records);
        if (!locator.empty()) target += "&locator=" + SalesforceApi::url_encode(locator);
        auto response = api_.get_raw(target);
        if (!response) return response.status();
        auto rows = parse_csv(response->body);
        if (!rows) return rows.status();
        if (Status st = result_set(records_from_csv(*rows, types)); !st) return st;
        const auto next = response->header("Sforce-Locator");
        if (!next || next->empty() || *next == "null") break;
        locator = std::string(*next);
    }
    return Status::ok();
}

}  // namespace sellerscore::connectors::salesforce
