#include "batch_writer.hpp"

#include <map>
#include <optional>

#include <boost/json.hpp>

#include "batch_update_plan.hpp"
#include "batch_update_result.hpp"
#include "object_type.hpp"

namespace sellerscore::connectors::hubspot {

namespace {

// A whole-batch refusal that says nothing about single records: the request itself is wrong.
// A 429 is not one: the batch was not applied, and it is left for the next run like any value a
// spent limit keeps out (connector.hpp, write()).
bool stops_the_write(const http::HttpResponse& response) {
    if (response.status == 401 || response.status == 403 || response.status >= 500) {
        return true;
    }
    return response.status == 400 && response.body.find("PROPERTY_DOESNT_EXIST") != std::string::npos;
}

}  // namespace

Result<WriteReport> BatchWriter::write(std::span<const FieldWrite> writes) {
    BatchUpdatePlan plan = BatchUpdatePlan::make(writes, schema_);
    WriteReport report;
    report.failures = std::move(plan.failures);

    auto fail_batch = [&report](const UpdateBatch& batch, const Status& status) {
        for (const auto& input : batch.inputs) {
            for (std::size_t index : input.write_indices) report.failures.push_back({index, status});
        }
    };
    std::vector<UpdateBatch> batches = std::move(plan.batches);
    std::optional<Status> limit_spent;  // the daily limit (or a 429 storm the client gave up on)
    for (int round = 0; round < 2 && !batches.empty() && !limit_spent; ++round) {
        const bool last_round = round == 1;
        std::vector<http::HttpRequest> requests;
        for (const auto& batch : batches) {
            requests.push_back(HubSpotApi::json_request(
                http::Method::post,
                api_.v3("/objects/" + std::string(path_name(object_type_of(batch.object))) + "/batch/update"),
                batch.body()));
            // An update whose answer was lost may have been applied: sending it again would write
            // every value twice. The next sync diffs against what HubSpot then holds instead.
            requests.back().idempotent = false;
        }
        auto responses = api_.send_all(requests);
        std::map<RecordObject, std::vector<UpdateInput>> retry;
        for (std::size_t b = 0; b < batches.size(); ++b) {
            UpdateBatch& batch = batches[b];
            if (!responses[b]) {
                if (responses[b].status().code() != StatusCode::rate_limited) return responses[b].status();
                limit_spent = responses[b].status();
                fail_batch(batch, *limit_spent);
                continue;
            }
            const http::HttpResponse& response = *responses[b];
            const std::string where = HubSpotApi::where(requests[b]);
            if (response.status == 429) {
                limit_spent = HubSpotApi::error_of(requests[b], response);
                fail_batch(batch, *limit_spent);
                continue;
            }
            if (stops_the_write(response)) return HubSpotApi::error_of(requests[b], response);
            if (response.status != 200 && response.status != 207) {
                // The batch as a whole was refused (a validation error HubSpot did not split per record).
                fail_batch(batch, HubSpotApi::error_of(requests[b], response));
                continue;
            }
            // A 200 that is not HubSpot's JSON (a proxy's page) says nothing about the records: they
            // count as not written, as on the other vendors, and the next sync diffs against HubSpot.
            auto body = HubSpotApi::parse_body(requests[b], response);
            if (!body) {
                fail_batch(batch, body.status());
                continue;
            }
            std::vector<std::string> sent;
            for (const auto& input : batch.inputs) sent.push_back(input.id);
            const BatchUpdateResult result = BatchUpdateResult::parse(*body, sent);
            const ObjectType type = object_type_of(batch.object);
            for (auto& input : batch.inputs) {
                if (const auto updated = result.updated.find(input.id); updated != result.updated.end()) {
                    report.written += input.write_indices.size();
                    ledger_.record(type, input.id, updated->second);
                    continue;
                }
                const RecordFailure& failure = result.failed.at(input.id);
                if (failure.retryable && !last_round) {
                    retry[batch.object].push_back(std::move(input));
                    continue;
                }
                const Status status = Status::data("hubspot: " + where + ": " + failure.message);
                for (std::size_t index : input.write_indices) report.failures.push_back({index, status});
            }
        }
        batches.clear();
        if (limit_spent) {
            for (const auto& object_inputs : retry) {
                for (const auto& input : object_inputs.second) {
                    for (std::size_t index : input.write_indices) report.failures.push_back({index, *limit_spent});
                }
            }
            break;
        }
        for (auto& [object, inputs] : retry) {
            for (auto& batch : split_into_batches(object, std::move(inputs), BatchUpdatePlan::max_inputs)) {
                batches.push_back(std::move(batch));
            }
        }
    }
    return report;
}

}  // namespace sellerscore::connectors::hubspot
