#include "bulk_query.hpp"

#include <algorithm>
#include <charconv>

#include "sobject_fields.hpp"

namespace sellerscore::connectors::salesforce {

namespace json = boost::json;

namespace {

json::value typed(const std::string& column, const std::string& text, const CsvColumnTypes& types) {
    if (text.empty()) return nullptr;
    if (types.booleans.count(column) != 0) return text == "true";
    if (types.numbers.count(column) != 0) {
        double number = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (ec == std::errc() && end == text.data() + text.size()) return number;
    }
    return json::value(text);
}

}  // namespace

json::array records_from_csv(const std::vector<CsvRow>& rows, const CsvColumnTypes& types) {
    json::array records;
    if (rows.empty()) return records;
    const CsvRow& header = rows.front();
    for (std::size_t r = 1; r < rows.size(); ++r) {
        json::object record;
        for (std::size_t c = 0; c < header.size() && c < rows[r].size(); ++c) {
            const std::string& column = header[c];
            const std::size_t dot = column.find('.');
            if (dot == std::string::npos) {
                record[column] = typed(column, rows[r][c], types);
                continue;
            }
            json::value& parent = record[column.substr(0, dot)];
            if (!parent.is_object()) parent = json::object();
            if (!rows[r][c].empty()) parent.as_object()[column.substr(dot + 1)] = typed(column, rows[r][c], types);
        }
        records.push_back(std::move(record));
    }
    return records;
}

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
