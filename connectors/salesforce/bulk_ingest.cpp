#include "bulk_ingest.hpp"

#include <algorithm>

#include <boost/json/serialize.hpp>

#include "csv_table.hpp"
#include "field_name.hpp"
#include "plugin/model/json_text.hpp"
#include "sobject_fields.hpp"

namespace sellerscore::connectors::salesforce {

namespace json = boost::json;

namespace {

// A value as a Bulk API CSV cell: #N/A clears the field (an empty cell would leave it alone).
std::string cell(const json::value& value) {
    if (value.is_null()) return "#N/A";
    if (value.is_string()) return std::string(value.as_string());
    if (value.is_bool()) return value.as_bool() ? "true" : "false";
    if (value.is_number()) return model::number_text(value.to_number<double>());
    return json::serialize(value);
}

// A CSV result as header-keyed rows.
struct CsvResult {
    std::vector<CsvRow> rows;
    std::size_t column(std::string_view name) const {
        if (rows.empty()) return std::string::npos;
        const auto& header = rows.front();
        const auto found = std::find(header.begin(), header.end(), name);
        return found == header.end() ? std::string::npos : static_cast<std::size_t>(found - header.begin());
    }
};

Result<CsvResult> csv_result(SalesforceApi& api, const std::string& target) {
    auto response = api.get_raw(target);
    if (!response) return response.status();
    auto rows = parse_csv(response->body);
    if (!rows) return rows.status().prefixed("salesforce: GET " + target + ": ");
    return CsvResult{std::move(*rows)};
}

}  // namespace

void BulkIngest::written(const RecordWrite& record, WriteReport& report) {
    report.written += record.indexes.size();
    if (ledger_ != nullptr) (*ledger_)[std::string(sobject_of(record.object))].insert(record.id);
}

std::vector<BulkIngest::Job> BulkIngest::jobs_for(std::span<const FieldWrite> writes,
                                                  const std::vector<const RecordWrite*>& records) const {
    std::vector<Job> jobs;
    // Records of one object share one header: the union of the fields written to any of them.
    std::map<RecordObject, std::vector<std::string>> columns;
    for (const RecordWrite* record : records) {
        auto& names = columns[record->object];
        for (const std::size_t i : record->indexes) {
            const std::string name = api_field_name(writes[i].field_id);
            if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
        }
    }
    for (auto& [object, names] : columns) std::sort(names.begin(), names.end());
    for (const RecordWrite* record : records) {
        const auto& names = columns[record->object];
        CsvRow row(names.size() + 1);
        row[0] = record->id;
        for (const std::size_t i : record->indexes) {
            const FieldWrite& write = writes[i];
            const auto column = std::find(names.begin(), names.end(), api_field_name(write.field_id)) - names.begin();
            const FieldType type = schema_.type_of(write.object, write.field_id).value_or(FieldType::number);
            row[static_cast<std::size_t>(column) + 1] = cell(to_salesforce(type, write.value));
        }
        std::string line = csv_line(row);
        Job* job = jobs.empty() || jobs.back().object != record->object ? nullptr : &jobs.back();
        if (job != nullptr) {
            std::size_t bytes = job->header.size();
            for (const auto& l : job->lines) bytes += l.size();
            if (bytes + line.size() > options_.max_upload_bytes) job = nullptr;
        }
        if (job == nullptr) {
            CsvRow header{"Id"};
            header.insert(header.end(), names.begin(), names.end());
            jobs.push_back({record->object, csv_line(header), {}, {}});
            job = &jobs.back();
        }
        job->records.push_back(record);
        job->lines.push_back(std::move(line));
    }
    return jobs;
}

Status BulkIngest::run(const Job& job, WriteReport& report,
                       std::vector<const RecordWrite*>* transient) {
    const std::string object(sobject_of(job.object));
    auto fail_all = [&](const Status& status) {
        for (const RecordWrite* record : job.records)
            for (const std::size_t i : record->indexes) report.failures.push_back({i, status});
    };
    const json::value request = json::object{{"object", object},   {"operation", "update"}, {"contentType", "CSV"},
                                             {"lineEnding", "LF"}, {"columnDelimiter", "COMMA"}};
    ++jobs_;
    auto created = api_.call(http::Method::post, api_.data("/jobs/ingest"), &request);
    if (!created) {
        fail_all(created.status());
        return created.status().code() == StatusCode::rate_limited ? created.status() : Status::ok();
    }
    const std::string id = id_at(*created, "id");
    if (id.empty()) {
        fail_all(Status::data("salesforce: POST /jobs/ingest: the answer has no job id"));
        return Status::ok();
    }
    const std::string target = api_.data("/jobs/ingest/" + id);
    auto abort = [&] {
        const json::value aborted = json::object{{"state", "Aborted"}};
        (void)api_.call(http::Method::patch, target, &aborted);
    };

    std::string csv = job.header;
    for (const auto& line : job.lines) csv += line;
    if (Status st = api_.put_csv(target + "/batches", std::move(csv)); !st) {
        // Nothing is processed before UploadComplete: abort the job and leave the records for the next run.
        abort();
        fail_all(st);
        return st.code() == StatusCode::rate_limited ? st : Status::ok();
    }
    const json::value complete = json::object{{"state", "UploadComplete"}};
    if (auto closed = api_.call(http::Method::patch, target, &complete); !closed) {
        // Refused outright: the job is still Open, so abort it. Lost on the way (reset, timeout): the
        // job may be processing; the poll below tells.
        const StatusCode code = closed.status().code();
        if (code != StatusCode::network && code != StatusCode::timeout) {
            abort();
            fail_all(closed.status());
            return code == StatusCode::rate_limited ? closed.status() : Status::ok();
        }
    }

    auto info = poll_bulk_job(api_, clock_, target, options_.poll, "Bulk API ingest job " + id);
    if (!info) {
        // The job may yet write these records: report them, never send them again in this run.
        fail_all(info.status().code() == StatusCode::timeout
                     ? info.status()
                     : info.status().prefixed("Bulk API ingest job " + id + " outcome unknown: "));
        return info.status().code() == StatusCode::rate_limited ? info.status() : Status::ok();
    }
    const std::string state = text_at(*info, "state").value_or("");
    const std::string message = text_at(*info, "errorMessage").value_or("");
    if (state == "Open") {
        abort();
        fail_all(Status(StatusCode::network, "salesforce: Bulk API ingest job " + id + " was not closed; aborted"));
        return Status::ok();
    }

    std::map<std::string, const RecordWrite*> by_id;
    for (const RecordWrite* record : job.records) by_id[record->id] = record;
    std::set<const RecordWrite*> settled;
    auto settle = [&](const std::string& record_id) -> const RecordWrite* {
        const auto found = by_id.find(record_id);
        if (found == by_id.end() || !settled.insert(found->second).second) return nullptr;
        return found->second;
    };
    auto fail_record = [&](const RecordWrite& record, const Status& status) {
        for (const std::size_t i : record.indexes) report.failures.push_back({i, status});
    };
    auto fail_unsettled = [&](const Status& status) {
        for (const RecordWrite* record : job.records)
            if (settled.count(record) == 0) fail_record(*record, status);
    };

    auto successes = csv_result(api_, target + "/successfulResults");
    if (!successes) {
        fail_unsettled(successes.status().prefixed("Bulk API ingest job " + id + " results unreadable: "));
        return successes.status().code() == StatusCode::rate_limited ? successes.status() : Status::ok();
    }
    if (const std::size_t column = successes->column("Id"); column != std::string::npos)
        for (std::size_t r = 1; r < successes->rows.size(); ++r)
            if (column < successes->rows[r].size())
                if (const RecordWrite* record = settle(successes->rows[r][column])) written(*record, report);

    auto failures = csv_result(api_, target + "/failedResults");
    if (!failures) {
        fail_unsettled(failures.status().prefixed("Bulk API ingest job " + id + " results unreadable: "));
        return failures.status().code() == StatusCode::rate_limited ? failures.status() : Status::ok();
    }
    const std::size_t id_column = failures->column("Id"), error_column = failures->column("sf__Error");
    if (id_column != std::string::npos && error_column != std::string::npos) {
        for (std::size_t r = 1; r < failures->rows.size(); ++r) {
            const CsvRow& row = failures->rows[r];
            if (id_column >= row.size() || error_column >= row.size()) continue;
            const RecordWrite* record = settle(row[id_column]);
            if (record == nullptr) continue;
            // sf__Error is "STATUS_CODE:message:fields".
            const std::string& error = row[error_column];
            const std::string code = error.substr(0, error.find(':'));
            if (code == "UNABLE_TO_LOCK_ROW" && transient != nullptr) {
                transient->push_back(record);
                continue;
            }
            fail_record(*record, Status::data("salesforce: " + object + " " + record->id + ": " + error));
        }
    }

    if (state != "JobComplete") {
        auto unprocessed = csv_result(api_, target + "/unprocessedrecords");
        const Status left(StatusCode::network, "salesforce: Bulk API ingest job " + id + " " + state +
                                                   (message.empty() ? "" : " (" + message + ")") +
                                                   ": record not processed, written next run");
        if (!unprocessed) {
            fail_unsettled(left);
            return unprocessed.status().code() == StatusCode::rate_limited ? unprocessed.status() : Status::ok();
        }
        if (const std::size_t column = unprocessed->column("Id"); column != std::string::npos)
            for (std::size_t r = 1; r < unprocessed->rows.size(); ++r)
                if (column < unprocessed->rows[r].size())
                    if (const RecordWrite* record = settle(unprocessed->rows[r][column])) fail_record(*record, left);
    }
    fail_unsettled(Status::data("salesforce: Bulk API ingest job " + id + " gave no result for this record"));
    return Status::ok();
}

Result<WriteReport> BulkIngest::write(std::span<const FieldWrite> writes) {
    // One record per (object, id), its fields together; grouped by object, in first-seen order.
    std::map<RecordObject, std::vector<RecordWrite>> by_object;
    std::map<std::pair<RecordObject, std::string>, std::size_t> position;
    for (std::size_t i = 0; i < writes.size(); ++i) {
        auto& records = by_object[writes[i].object];
        const auto [it, added] = position.emplace(std::pair{writes[i].object, writes[i].record_id}, records.size());
        if (added) records.push_back({writes[i].object, writes[i].record_id, {}});
        records[it->second].indexes.push_back(i);
    }
    std::vector<const RecordWrite*> pending;
    for (const auto& [object, records] : by_object)
        for (const auto& record : records) pending.push_back(&record);

    WriteReport report;
    std::vector<const RecordWrite*> transient;
    const std::vector<Job> jobs = jobs_for(writes, pending);
    for (std::size_t j = 0; j < jobs.size(); ++j) {
        if (Status st = run(jobs[j], report, &transient); !st) {
            // Out of allocation: the jobs not started are left for the next run.
            for (std::size_t rest = j + 1; rest < jobs.size(); ++rest)
                for (const RecordWrite* record : jobs[rest].records)
                    for (const std::size_t i : record->indexes) report.failures.push_back({i, st});
            for (const RecordWrite* record : transient)
                for (const std::size_t i : record->indexes) report.failures.push_back({i, st});
            return report;
        }
    }
    if (!transient.empty()) {
        // UNABLE_TO_LOCK_ROW: Salesforce did not write these; once more, and whatever happens then is final.
        const std::vector<Job> retries = jobs_for(writes, transient);
        for (std::size_t j = 0; j < retries.size(); ++j) {
            if (Status st = run(retries[j], report, nullptr); !st) {
                for (std::size_t rest = j + 1; rest < retries.size(); ++rest)
                    for (const RecordWrite* record : retries[rest].records)
                        for (const std::size_t i : record->indexes) report.failures.push_back({i, st});
                break;
            }
        }
    }
    return report;
}

}  // namespace sellerscore::connectors::salesforce
