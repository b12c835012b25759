#include "composite_writer.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "field_name.hpp"
#include "sobject_fields.hpp"

namespace sellerscore::connectors::salesforce {

namespace json = boost::json;

namespace {

// The first error of a SaveResult: (statusCode, message).
std::pair<std::string, std::string> first_error(const json::value& result) {
    const auto* errors = field_at(result, "errors");
    if (errors == nullptr || !errors->is_array() || errors->as_array().empty()) return {"UNKNOWN", "no error given"};
    const auto& error = errors->as_array()[0];
    return {text_at(error, "statusCode").value_or("UNKNOWN"), text_at(error, "message").value_or("")};
}

}  // namespace

Result<json::array> CompositeWriter::patch(std::span<const FieldWrite> writes,
                                           const std::vector<const RecordWrite*>& records) {
    json::array body_records;
    for (const RecordWrite* record : records) {
        json::object sobject{{"attributes", json::object{{"type", sobject_of(record->object)}}}, {"id", record->id}};
        for (const std::size_t i : record->indexes) {
            const FieldWrite& write = writes[i];
            const FieldType type = schema_.type_of(write.object, write.field_id).value_or(FieldType::number);
            sobject[api_field_name(write.field_id)] = to_salesforce(type, write.value);
        }
        body_records.push_back(std::move(sobject));
    }
    const json::value body = json::object{{"allOrNone", false}, {"records", std::move(body_records)}};
    ++calls_;
    // PATCH here is sent once: a reset after the server acted must not apply the values a second time.
    auto answer = api_.call(http::Method::patch, api_.data("/composite/sobjects"), &body);
    if (!answer) return answer.status();
    if (!answer->is_array() || answer->as_array().size() != records.size()) {
        return Status::data("salesforce: PATCH composite/sobjects: the SaveResults do not match the records sent");
    }
    return answer->as_array();
}

void CompositeWriter::written(const RecordWrite& record) {
    if (ledger_ != nullptr) (*ledger_)[std::string(sobject_of(record.object))].insert(record.id);
}

Result<WriteReport> CompositeWriter::write(std::span<const FieldWrite> writes) {
    // One record per (object, id), its fields together; grouped by object, in first-seen order.
    std::map<RecordObject, std::vector<RecordWrite>> by_object;
    std::map<std::pair<RecordObject, std::string>, std::size_t> position;
    for (std::size_t i = 0; i < writes.size(); ++i) {
        const auto key = std::pair{writes[i].object, writes[i].record_id};
        auto& records = by_object[writes[i].object];
        const auto [it, added] = position.emplace(key, records.size());
        if (added) records.push_back({writes[i].object, writes[i].record_id, {}});
        records[it->second].indexes.push_back(i);
    }

    WriteReport report;
    auto fail_record = [&report](const RecordWrite& record, const Status& status) {
        for (const std::size_t i : record.indexes) report.failures.push_back({i, status});
    };
    std::vector<const RecordWrite*> pending;
    for (const auto& [object, records] : by_object)
        for (const auto& record : records) pending.push_back(&record);

    for (std::size_t start = 0; start < pending.size(); start += composite_max_records) {
        const std::vector<const RecordWrite*> chunk(
            pending.begin() + static_cast<std::ptrdiff_t>(start),
            pending.begin() + static_cast<std::ptrdiff_t>(std::min(pending.size(), start + composite_max_records)));
        // One object type per call.
        std::vector<std::vector<const RecordWrite*>> calls;
        for (const RecordWrite* record : chunk) {
            if (calls.empty() || calls.back().front()->object != record->object) calls.emplace_back();
            calls.back().push_back(record);
        }
        for (const auto& call : calls) {
            auto results = patch(writes, call);
            if (!results) {
                if (results.status().code() != StatusCode::rate_limited && results.status().code() != StatusCode::data)
                    return results.status();
                // Out of allocation (or a refused call): these and everything after are left for the next run.
                for (const RecordWrite* record : call) fail_record(*record, results.status());
                const auto after_call = std::find(pending.begin(), pending.end(), call.back());
                if (results.status().code() == StatusCode::rate_limited) {
                    for (auto it = after_call + 1; it != pending.end(); ++it) fail_record(**it, results.status());
                    return report;
                }
                continue;
            }
            for (std::size_t k = 0; k < call.size(); ++k) {
                const RecordWrite& record = *call[k];
                const json::value& result = (*results)[k];
                if (flag_at(result, "success")) {
                    report.written += record.indexes.size();
                    written(record);
                    continue;
                }
                auto [code, message] = first_error(result);
                if (code == "UNABLE_TO_LOCK_ROW") {
                    auto again = patch(writes, {&record});
                    if (again && flag_at((*again)[0], "success")) {
                        report.written += record.indexes.size();
                        written(record);
                        continue;
                    }
                    if (!again) {
                        fail_record(record, again.status());
                        continue;
                    }
                    std::tie(code, message) = first_error((*again)[0]);
                }
                fail_record(record, Status::data("salesforce: " + std::string(sobject_of(record.object)) + " " +
                                                 record.id + ": " + code + (message.empty() ? "" : ": " + message)));
            }
        }
    }
    return report;
}

}  // namespace sellerscore::connectors::salesforce
