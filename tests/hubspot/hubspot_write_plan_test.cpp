// Building batch/update requests and reading their 200/207 answers.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "connectors/hubspot/batch_update_plan.hpp"
#include "connectors/hubspot/batch_update_result.hpp"

using namespace sellerscore;
using namespace sellerscore::connectors;
using namespace sellerscore::connectors::hubspot;
namespace json = boost::json;

TEST_CASE("writes group per record into one input with all its fields") {
    FieldSchema schema;
    schema.set(RecordObject::deal, "seller_score", PropertyKind::number);
    schema.set(RecordObject::deal, "seller_score_band", PropertyKind::enumeration);
    const std::vector<FieldWrite> writes = {
        {RecordObject::deal, "1", "seller_score", 87.5},
        {RecordObject::contact, "9", "customer_value", 10.0},
        {RecordObject::deal, "1", "seller_score_band", std::string("B")},
        {RecordObject::deal, "2", "seller_score", FieldValue()},
    };
    const BatchUpdatePlan plan = BatchUpdatePlan::make(writes, schema);
    CHECK(plan.failures.empty());
    REQUIRE(plan.batches.size() == 2);
    const UpdateBatch& deals = plan.batches[0];
    CHECK(deals.object == RecordObject::deal);
    CHECK(json::serialize(deals.body()) ==
          R"({"inputs":[{"id":"1","properties":{"sellerscore_seller_score":"87.5","sellerscore_seller_score_band":"B"}},)"
          R"({"id":"2","properties":{"sellerscore_seller_score":""}}]})");
    CHECK(deals.inputs[0].write_indices == std::vector<std::size_t>{0, 2});
    CHECK(deals.inputs[1].write_indices == std::vector<std::size_t>{3});
    CHECK(plan.batches[1].object == RecordObject::contact);
    CHECK(plan.batches[1].inputs[0].write_indices == std::vector<std::size_t>{1});
}

TEST_CASE("more than 100 records make several batches none over 100") {
    std::vector<FieldWrite> writes;
    for (int i = 0; i < 250; ++i) writes.push_back({RecordObject::deal, std::to_string(i), "seller_score", 1.0 * i});
    const BatchUpdatePlan plan = BatchUpdatePlan::make(writes, FieldSchema());
    REQUIRE(plan.batches.size() == 3);
    CHECK(plan.batches[0].inputs.size() == 100);
    CHECK(plan.batches[1].inputs.size() == 100);
    CHECK(plan.batches[2].inputs.size() == 50);
    CHECK(plan.batches[2].inputs.back().id == "249");
}

TEST_CASE("a value the property type cannot hold fails before sending") {
    FieldSchema schema;
    schema.set(RecordObject::deal, "seller_score", PropertyKind::number);
    const std::vector<FieldWrite> writes = {{RecordObject::deal, "1", "seller_score", std::string("high")},
                                            {RecordObject::deal, "2", "seller_score", 3.0}};
    const BatchUpdatePlan plan = BatchUpdatePlan::make(writes, schema);
    REQUIRE(plan.failures.size() == 1);
    CHECK(plan.failures[0].index == 0);
    CHECK(plan.failures[0].status.code() == StatusCode::invalid_argument);
    REQUIRE(plan.batches.size() == 1);
    CHECK(plan.batches[0].inputs.size() == 1);
}

TEST_CASE("a 207 answer maps each error to its record through context ids") {
    const json::value body = json::parse(R"({"status":"COMPLETE",
        "results":[{"id":"1","properties":{"sellerscore_seller_score":"87.5"},"updatedAt":"2026-03-01T12:00:00.250Z"}],
        "numErrors":2,
        "errors":[{"status":"error","category":"VALIDATION_ERROR","message":"Property values were not valid",
                   "context":{"ids":["2"]}},
                  {"status":"error","category":"RATE_LIMITS","message":"slow down","context":{"ids":["3"]}}]})");
    const auto result = BatchUpdateResult::parse(body, {"1", "2", "3", "4"});
    CHECK(result.updated.size() == 1);
    CHECK(result.updated.at("1") == 1772366400250);
    REQUIRE(result.failed.size() == 3);
    CHECK_FALSE(result.failed.at("2").retryable);
    CHECK(result.failed.at("2").message == "VALIDATION_ERROR: Property values were not valid");
    CHECK(result.failed.at("3").retryable);
    CHECK_FALSE(result.failed.at("4").retryable);
}
