// FieldWrites grouped into POST /crm/v3/objects/<type>/batch/update bodies: one input per record
// (all its fields together), at most 100 inputs per batch, values as HubSpot strings.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>

#include "connectors/connector.hpp"
#include "field_schema.hpp"

namespace sellerscore::connectors::hubspot {

struct UpdateInput {
    std::string id;
    std::vector<std::pair<std::string, std::string>> properties;  // name -> value text ("" clears)
    std::vector<std::size_t> write_indices;                       // the FieldWrites this input carries
};

struct UpdateBatch {
    RecordObject object = RecordObject::deal;
    std::vector<UpdateInput> inputs;

    boost::json::object body() const;  // {"inputs":[{"id":..,"properties":{..}}]}
};

struct BatchUpdatePlan {
    static constexpr std::size_t max_inputs = 100;

    std::vector<UpdateBatch> batches;
    std::vector<WriteFailure> failures;  // values no HubSpot property of that field's type can hold

    // Records in the order they first appear; a field written twice for one record keeps the last value.
    // A field's type comes from `schema`, or from the value when the schema does not know the field.
    static BatchUpdatePlan make(std::span<const FieldWrite> writes, const FieldSchema& schema,
                                std::size_t batch_size = max_inputs);
};

// The inputs split into batches of at most `batch_size`.
std::vector<UpdateBatch> split_into_batches(RecordObject object, std::vector<UpdateInput> inputs,
                                            std::size_t batch_size);

}  // namespace sellerscore::connectors::hubspot
