#include "fake_salesforce_bulk_api.hpp"

#include <algorithm>
#include <charconv>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "fake_salesforce_csv.hpp"
#include "fake_salesforce_ids.hpp"
#include "fake_salesforce_response.hpp"
#include "fake_salesforce_time.hpp"

namespace sellerscore::fakes {
namespace {

// Without maxRecords Salesforce picks a set size; the fake's is this.
constexpr std::size_t default_max_records = 100'000;

FakeResponse csv_response(std::string body) {
    FakeResponse response;
    response.status = 200;
    response.content_type = "text/csv";
    response.body = std::move(body);
    return response;
}

// Bulk API CSV writes datetimes in UTC with a Z (the REST API's JSON uses +0000).
std::string csv_text(const SfValue& value) {
    if (value.kind == SfValue::Kind::datetime) {
        const std::string text = salesforce_datetime(value.ms);
        return text.substr(0, text.size() - 5) + "Z";
    }
    return value.to_text();
}

std::optional<std::size_t> number_parameter(const FakeRequest& request, const char* name) {
    const auto found = request.query.find(name);
    if (found == request.query.end()) return std::nullopt;
    std::size_t n = 0;
    const auto [end, error] = std::from_chars(found->second.data(), found->second.data() + found->second.size(), n);
    if (error != std::errc() || end != found->second.data() + found->second.size()) return std::nullopt;
    return n;
}

std::string encode_locator(std::size_t offset) {
    // Opaque to clients, as Salesforce's are; base-36 of the offset here.
    std::string text;
    do {
        text.insert(text.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[offset % 36]);
        offset /= 36;
    } while (offset > 0);
    return "L" + text;
}

std::optional<std::size_t> decode_locator(const std::string& text) {
    if (text.size() < 2 || text[0] != 'L') return std::nullopt;
    std::size_t offset = 0;
    for (std::size_t i = 1; i < text.size(); ++i) {
        const char c = text[i];
        const int digit = c >= '0' && c <= '9' ? c - '0' : (c >= 'a' && c <= 'z' ? c - 'a' + 10 : -1);
        if (digit < 0) return std::nullopt;
        offset = offset * 36 + static_cast<std::size_t>(digit);
    }
    return offset;
}

}  // namespace

FakeResponse SfBulkApi::handle(SfOrg& org, const FakeRequest& request, const std::vector<std::string>& rest,
                               const SfQueryContext& context, const SfUpdateHooks& hooks, SfUpdateTally& tally) {
    const std::string& method = request.method;
    if (rest.empty() || (rest[0] != "query" && rest[0] != "ingest"))
        return sf_error(404, "NOT_FOUND", "The requested resource does not exist");
    const bool query = rest[0] == "query";
    if (rest.size() == 1) {
        if (method != "POST") return sf_error(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method + "' not allowed. Allowed are POST");
        return query ? create_query(org, request, context) : create_ingest(org, request, context);
    }
    const auto found = jobs_.find(rest[1]);
    if (found == jobs_.end() || (found->second.operation.rfind("query", 0) == 0) != query)
        return sf_error(404, "NOT_FOUND", "The requested resource does not exist");
    Job& job = found->second;
    if (rest.size() == 2) {
        if (method == "GET") return job_info(job, true);
        if (method == "PATCH" && !query) return close_ingest(org, job, request, hooks, tally);
        if (method == "PATCH" && query) {
            job.state = "Aborted";
            return job_info(job, false);
        }
        if (method == "DELETE") {
            jobs_.erase(found);
            FakeResponse response;
            response.status = 204;
            return response;
        }
        return sf_error(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method + "' not allowed. Allowed are GET,PATCH,DELETE");
    }
    if (rest.size() == 3 && query && rest[2] == "results" && method == "GET") return query_results(org, job, request);
    if (rest.size() == 3 && !query && rest[2] == "batches" && method == "PUT") {
        if (job.state != "Open") return sf_error(409, "INVALIDJOB", "Job is not in Open state: " + job.state);
        // Salesforce measures the upload base64-encoded: 4 bytes for every 3 (or part of 3).
        const std::size_t total = job.uploaded.size() + request.body.size();
        if ((total + 2) / 3 * 4 > bulk_upload_max_base64_bytes)
            return sf_error(400, "INVALIDJOB", "InvalidJob : the job data exceeds 150 MB after base64 encoding");
        job.uploaded += request.body;
        FakeResponse response;
        response.status = 201;
        return response;
    }
    const bool ended = job.state == "JobComplete" || job.state == "Failed" || job.state == "Aborted";
    if (rest.size() == 3 && !query && rest[2] == "unprocessedrecords" && method == "GET") {
        if (!ended) return sf_error(409, "INVALIDJOB", "Job is not complete: " + job.state);
        std::string body = job.header.empty() ? std::string() : job.header + "\n";
        for (const std::string& line : job.unprocessed) body += line;
        return csv_response(std::move(body));
    }
    if (rest.size() == 3 && !query && (rest[2] == "successfulResults" || rest[2] == "failedResults") && method == "GET") {
        if (!ended) return sf_error(409, "INVALIDJOB", "Job is not complete: " + job.state);
        const bool success = rest[2] == "successfulResults";
        std::string body = csv_line({"sf__Id", success ? "sf__Created" : "sf__Error"});
        body.pop_back();
        body += job.header.empty() ? "\n" : "," + job.header + "\n";
        for (const std::string& line : success ? job.successes : job.failures) body += line;
        return csv_response(std::move(body));
    }
    return sf_error(404, "NOT_FOUND", "The requested resource does not exist");
}

FakeResponse SfBulkApi::create_query(SfOrg& org, const FakeRequest& request, const SfQueryContext& context) {
    boost::system::error_code parse_error;
    const boost::json::value body = boost::json::parse(request.body, parse_error);
    if (parse_error || !body.is_object()) return sf_error(400, "JSON_PARSER_ERROR", "The request body is not valid JSON");
    const boost::json::value* operation = body.as_object().if_contains("operation");
    const boost::json::value* text = body.as_object().if_contains("query");
    if (!operation || !operation->is_string() || (operation->as_string() != "query" && operation->as_string() != "queryAll"))
        return sf_error(400, "INVALIDJOB", "InvalidJob : Invalid operation");
    if (!text || !text->is_string()) return sf_error(400, "INVALIDJOB", "InvalidJob : query is required");
    std::variant<SoqlQuery, SoqlError> parsed = parse_soql(std::string(text->as_string()));
    if (const SoqlError* error = std::get_if<SoqlError>(&parsed)) return sf_error(400, error->error_code, error->message);
    if (std::get<SoqlQuery>(parsed).count)
        return sf_error(400, "INVALIDJOB", "InvalidJob : COUNT() is not supported by Bulk API 2.0 query");
    SfQueryContext job_context = context;
    job_context.all_rows = operation->as_string() == "queryAll";
    std::variant<SfQueryResult, SoqlError> ran = run_soql(org, std::get<SoqlQuery>(parsed), job_context);
    if (const SoqlError* error = std::get_if<SoqlError>(&ran)) return sf_error(400, error->error_code, error->message);

    Job job;
    job.id = salesforce_id("750", ++sequence_);
    job.operation = std::string(operation->as_string());
    job.result = std::move(std::get<SfQueryResult>(ran));
    job.object = job.result.object;
    job.context = job_context;
    job.state = "UploadComplete";
    job.created_by = context.user_id;
    job.created_ms = org.next_modstamp();
    job.processed = job.result.rows.size();
    Job& stored = jobs_[job.id] = std::move(job);
    return job_info(stored, false);
}

FakeResponse SfBulkApi::query_results(SfOrg& org, Job& job, const FakeRequest& request) {
    if (job.state != "JobComplete") return sf_error(400, "INVALIDJOB", "Job is not complete: " + job.state);
    std::size_t from = 0;
    if (request.query.contains("locator")) {
        const std::optional<std::size_t> offset = decode_locator(request.query.at("locator"));
        if (!offset || *offset > job.result.rows.size()) return sf_error(400, "INVALIDLOCATOR", "Invalid locator");
        from = *offset;
    }
    const std::size_t max_records = std::max<std::size_t>(1, number_parameter(request, "maxRecords").value_or(default_max_records));
    const std::size_t to = std::min(job.result.rows.size(), from + max_records);
    std::vector<std::string> header;
    for (const SfColumn& column : job.result.columns)
        header.push_back(column.relationship.empty() ? column.key : column.relationship + "." + column.key);
    std::string body = csv_line(header);
    for (std::size_t i = from; i < to; ++i) {
        std::vector<std::string> values;
        for (const SfColumn& column : job.result.columns) values.push_back(csv_text(column_value(org, job.result, i, column, job.context)));
        body += csv_line(values);
    }
    FakeResponse response = csv_response(std::move(body));
    response.headers.emplace_back("Sforce-NumberOfRecords", std::to_string(to - from));
    response.headers.emplace_back("Sforce-Locator", to < job.result.rows.size() ? encode_locator(to) : "null");
    return response;
}

FakeResponse SfBulkApi::create_ingest(SfOrg& org, const FakeRequest& request, const SfQueryContext& context) {
    boost::system::error_code parse_error;
    const boost::json::value body = boost::json::parse(request.body, parse_error);
    if (parse_error || !body.is_object()) return sf_error(400, "JSON_PARSER_ERROR", "The request body is not valid JSON");
    const boost::json::value* object = body.as_object().if_contains("object");
    const boost::json::value* operation = body.as_object().if_contains("operation");
    if (!object || !object->is_string() || !org.object(object->as_string()))
        return sf_error(400, "INVALIDJOB", "InvalidJob : Invalid object");
    // The fake ingests updates only (what write-back needs); insert/upsert/delete are refused.
    if (!operation || !operation->is_string() || operation->as_string() != "update")
        return sf_error(400, "INVALIDJOB", "InvalidJob : this fake supports operation update only");
    Job job;
    job.id = salesforce_id("750", ++sequence_);
    job.operation = "update";
    job.object = org.object(object->as_string())->name();
    job.state = "Open";
    job.created_by = context.user_id;
    job.created_ms = org.next_modstamp();
    job.api_version = context.api_version;
    Job& stored = jobs_[job.id] = std::move(job);
    return job_info(stored, false);
}

FakeResponse SfBulkApi::close_ingest(SfOrg& org, Job& job, const FakeRequest& request, const SfUpdateHooks& hooks,
                                     SfUpdateTally& tally) {
    boost::system::error_code parse_error;
    const boost::json::value body = boost::json::parse(request.body, parse_error);
    const boost::json::value* state = !parse_error && body.is_object() ? body.as_object().if_contains("state") : nullptr;
    if (!state || !state->is_string()) return sf_error(400, "INVALIDJOB", "InvalidJob : state is required");
    if (job.state != "Open") return sf_error(409, "INVALIDJOB", "Job is not in Open state: " + job.state);
    const bool abort = state->as_string() == "Aborted";
    if (!abort && state->as_string() != "UploadComplete") return sf_error(400, "INVALIDJOB", "InvalidJob : invalid state");
    const std::optional<std::vector<CsvRow>> rows = parse_csv(job.uploaded);
    if (rows && !rows->empty()) {
        job.header = csv_line(rows->front());
        job.header.pop_back();
    }
    if (abort) {
        // Nothing of an aborted job is processed: every uploaded row is unprocessed.
        job.state = "Aborted";
        if (rows)
            for (std::size_t r = 1; r < rows->size(); ++r) job.unprocessed.push_back(csv_line((*rows)[r]));
        return job_info(job, false);
    }
    if (!rows || rows->empty()) {
        job.state = "UploadComplete";
        job.outcome = "Failed";
        job.error_message = "InvalidBatch : the uploaded data is not valid CSV";
        return job_info(job, false);
    }
    const CsvRow& header = rows->front();
    const auto id_column = std::find_if(header.begin(), header.end(), [](const std::string& name) { return lower_case(name) == "id"; });
    if (id_column == header.end()) {
        job.state = "UploadComplete";
        job.outcome = "Failed";
        job.error_message = "InvalidBatch : Field name not found : Id";
        for (std::size_t r = 1; r < rows->size(); ++r) job.unprocessed.push_back(csv_line((*rows)[r]));
        return job_info(job, false);
    }
    SfObject& object = *org.object(job.object);
    const std::size_t id_index = static_cast<std::size_t>(id_column - header.begin());
    const std::int64_t now = org.now_ms();
    const std::int64_t ingested_before = records_ingested(now);
    std::int64_t ingested = 0, batches = 0;
    for (std::size_t r = 1; r < rows->size(); ++r) {
        const CsvRow& row = (*rows)[r];
        if ((r - 1) % bulk_records_per_batch == 0) {
            // A new batch: within the org's daily record limit as a whole, or it and the rest stay unprocessed.
            const std::int64_t batch_rows = static_cast<std::int64_t>(std::min(bulk_records_per_batch, rows->size() - r));
            if (ingested_before + ingested + batch_rows > bulk_ingest_records_per_24h) {
                for (std::size_t rest_row = r; rest_row < rows->size(); ++rest_row)
                    job.unprocessed.push_back(csv_line((*rows)[rest_row]));
                job.outcome = "Failed";
                job.error_message = "Exceeded the limit of 150,000,000 Bulk API records per rolling 24 hours";
                break;
            }
            ingested += batch_rows;
            ++batches;
        }
        std::vector<std::pair<std::string, boost::json::value>> values;
        for (std::size_t c = 0; c < row.size(); ++c) {
            // An empty cell leaves the field alone; #N/A sets it to null.
            if (c == id_index || row[c].empty()) continue;
            const std::optional<std::size_t> slot = object.slot_of(header[c]);
            boost::json::value json = row[c] == "#N/A" ? boost::json::value(nullptr) : boost::json::value(boost::json::string(row[c]));
            if (slot && object.field(*slot).type == SfFieldType::boolean && row[c] != "#N/A")
                json = lower_case(row[c]) == "true" || row[c] == "1";
            values.emplace_back(header[c], std::move(json));
        }
        std::variant<SfPlannedUpdate, SfSaveError> plan = plan_update(org, object, row[id_index], values, job.created_by, hooks);
        std::vector<std::string> line = row;
        ++job.processed;
        if (SfSaveError* error = std::get_if<SfSaveError>(&plan)) {
            ++job.failed;
            std::string fields;
            for (const std::string& f : error->fields) fields += (fields.empty() ? "" : ",") + f;
            line.insert(line.begin(), error->status_code + ":" + error->message + ":" + (fields.empty() ? "--" : fields));
            line.insert(line.begin(), "");
            job.failures.push_back(csv_line(line));
            continue;
        }
        SfPlannedUpdate& planned = std::get<SfPlannedUpdate>(plan);
        apply_update(org, planned, tally);
        line.insert(line.begin(), "false");
        line.insert(line.begin(), planned.record->id);
        job.successes.push_back(csv_line(line));
    }
    ingested_.push_back({now, ingested, batches});
    job.state = "UploadComplete";
    return job_info(job, false);
}

void SfBulkApi::prune(std::int64_t now_ms) {
    constexpr std::int64_t day_ms = 24LL * 3600 * 1000;
    while (!ingested_.empty() && ingested_.front().at_ms <= now_ms - day_ms) ingested_.pop_front();
}

std::int64_t SfBulkApi::records_ingested(std::int64_t now_ms) {
    prune(now_ms);
    std::int64_t total = 0;
    for (const Usage& usage : ingested_) total += usage.records;
    return total;
}

std::int64_t SfBulkApi::batches_used(std::int64_t now_ms) {
    prune(now_ms);
    std::int64_t total = 0;
    for (const Usage& usage : ingested_) total += usage.batches;
    return total;
}

FakeResponse SfBulkApi::job_info(Job& job, bool poll) {
    if (poll && job.state == "UploadComplete") {
        if (job.status_reads++ < polls_in_progress_) job.state = "InProgress";
        else job.state = job.outcome;
    } else if (poll && job.state == "InProgress") {
        if (job.status_reads++ >= polls_in_progress_) job.state = job.outcome;
    }
    const bool query = job.operation.rfind("query", 0) == 0;
    boost::json::object body;
    body["id"] = job.id;
    body["operation"] = job.operation;
    body["object"] = job.object;
    body["createdById"] = job.created_by;
    body["createdDate"] = salesforce_datetime(job.created_ms);
    body["systemModstamp"] = salesforce_datetime(job.created_ms);
    body["state"] = job.state;
    body["concurrencyMode"] = "Parallel";
    body["contentType"] = "CSV";
    body["apiVersion"] = std::stod(job.context.api_version.empty() ? job.api_version.substr(1) : job.context.api_version.substr(1));
    body["lineEnding"] = "LF";
    body["columnDelimiter"] = "COMMA";
    if (query) {
        body["jobType"] = "V2Query";
    } else {
        body["jobType"] = "V2Ingest";
        body["contentUrl"] = "services/data/" + job.api_version + "/jobs/ingest/" + job.id + "/batches";
    }
    if (job.state == "Failed" && !job.error_message.empty()) body["errorMessage"] = job.error_message;
    if (job.state == "JobComplete" || job.state == "InProgress" || job.state == "Failed") {
        const bool done = job.state != "InProgress";
        body["numberRecordsProcessed"] = done ? job.processed : 0;
        if (!query) body["numberRecordsFailed"] = done ? job.failed : 0;
        body["retries"] = 0;
        body["totalProcessingTime"] = 0;
    }
    return sf_json(200, body);
}

}  // namespace sellerscore::fakes
