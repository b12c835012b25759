#include "record_patch.hpp"

#include <boost/json.hpp>

#include "object_route.hpp"
#include "pipedrive_api.hpp"

namespace sellerscore::connectors::pipedrive {

namespace json = boost::json;

http::HttpRequest RecordPatch::request() const {
    http::HttpRequest request =
        PipedriveApi::json_request(http::Method::patch,
                                   PipedriveApi::v2("/" + std::string(collection_of(object)) + "/" + record_id),
                                   json::object{{"custom_fields", custom_fields}});
    // A PATCH whose answer was lost may have been applied: sending it again would write every
    // value twice. The write stops instead and the next sync writes what Pipedrive does not hold.
    request.idempotent = false;
    return request;
}

PatchPlan plan_patches(std::span<const FieldWrite> writes,
                       const std::map<RecordObject, std::map<std::string, CustomField>>& fields) {
    PatchPlan plan;
    std::map<std::pair<RecordObject, std::string>, std::size_t> patch_of;
    for (std::size_t i = 0; i < writes.size(); ++i) {
        const FieldWrite& write = writes[i];
        const auto object_fields = fields.find(write.object);
        const CustomField* field = nullptr;
        if (object_fields != fields.end()) {
            const auto it = object_fields->second.find(write.field_id);
            if (it != object_fields->second.end()) field = &it->second;
        }
        if (field == nullptr) {
            plan.failures.push_back(WriteFailure{
                i, Status::invalid_argument("pipedrive: no " + std::string(singular_of(write.object)) + " field for " +
                                            write.field_id + " (ensure_fields first)")});
            continue;
        }
        const auto logical = field->logical_type();
        if (!logical) {
            plan.failures.push_back(WriteFailure{i, Status::data("pipedrive: field \"" + field->name + "\" has type " +
                                                                 field->type + ", which sellerscore does not write")});
            continue;
        }
        auto value = field->json_value(*logical, write.value);
        if (!value) {
            plan.failures.push_back(WriteFailure{i, value.status()});
            continue;
        }
        const auto key = std::make_pair(write.object, write.record_id);
        auto [it, inserted] = patch_of.try_emplace(key, plan.patches.size());
        if (inserted) plan.patches.push_back(RecordPatch{write.object, write.record_id, {}, {}});
        RecordPatch& patch = plan.patches[it->second];
        patch.writes.push_back(i);
        patch.custom_fields[field->code] = std::move(*value);
    }
    return plan;
}

}  // namespace sellerscore::connectors::pipedrive
