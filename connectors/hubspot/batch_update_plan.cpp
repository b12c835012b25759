#include "batch_update_plan.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include <boost/json.hpp>

#include "property_definition.hpp"
#include "property_value.hpp"

namespace sellerscore::connectors::hubspot {

namespace json = boost::json;

json::object UpdateBatch::body() const {
    json::array list;
    for (const auto& input : inputs) {
        json::object properties;
        for (const auto& [name, value] : input.properties) properties[name] = value;
        list.push_back(json::object{{"id", input.id}, {"properties", std::move(properties)}});
    }
    return json::object{{"inputs", std::move(list)}};
}

std::vector<UpdateBatch> split_into_batches(RecordObject object, std::vector<UpdateInput> inputs,
                                            std::size_t batch_size) {
    std::vector<UpdateBatch> batches;
    for (std::size_t start = 0; start < inputs.size(); start += batch_size) {
        UpdateBatch batch{object, {}};
        const std::size_t end = std::min(inputs.size(), start + batch_size);
        for (std::size_t i = start; i < end; ++i) batch.inputs.push_back(std::move(inputs[i]));
        batches.push_back(std::move(batch));
    }
    return batches;
}

BatchUpdatePlan BatchUpdatePlan::make(std::span<const FieldWrite> writes, const FieldSchema& schema,
                                      std::size_t batch_size) {
    BatchUpdatePlan plan;
    std::map<RecordObject, std::vector<UpdateInput>> inputs;
    std::map<RecordObject, std::unordered_map<std::string, std::size_t>> input_of_record;
    for (std::size_t i = 0; i < writes.size(); ++i) {
        const FieldWrite& w = writes[i];
        PropertyKind kind = std::holds_alternative<double>(w.value) ? PropertyKind::number : PropertyKind::enumeration;
        if (const auto known = schema.kind(w.object, w.field_id)) kind = *known;
        auto text = property_text_of(kind, w.value);
        if (!text) {
            plan.failures.push_back({i, text.status().prefixed("hubspot: " + std::string(object_label(w.object)) + " " +
                                                               w.record_id + " " + w.field_id + ": ")});
            continue;
        }
        auto& list = inputs[w.object];
        auto [it, added] = input_of_record[w.object].try_emplace(w.record_id, list.size());
        if (added) list.push_back(UpdateInput{w.record_id, {}, {}});
        UpdateInput& input = list[it->second];
        const std::string property = property_name(w.field_id);
        const auto same_field = std::find_if(input.properties.begin(), input.properties.end(),
                                             [&](const auto& p) { return p.first == property; });
        if (same_field != input.properties.end()) same_field->second = std::move(*text);
        else input.properties.emplace_back(property, std::move(*text));
        input.write_indices.push_back(i);
    }
    for (auto& [object, list] : inputs) {
        for (auto& batch : split_into_batches(object, std::move(list), batch_size)) plan.batches.push_back(std::move(batch));
    }
    return plan;
}

}  // namespace sellerscore::connectors::hubspot
