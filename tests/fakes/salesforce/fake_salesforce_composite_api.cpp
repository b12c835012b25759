#include "fake_salesforce_composite_api.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "fake_salesforce_field_write.hpp"
#include "fake_salesforce_response.hpp"

namespace sellerscore::fakes {
namespace {

constexpr std::size_t max_records = 200;

boost::json::object failure(const std::string& code, const std::string& message, boost::json::array fields = {}) {
    return {{"success", false},
            {"errors", boost::json::array{boost::json::object{{"statusCode", code}, {"message", message}, {"fields", std::move(fields)}}}}};
}

struct Planned {
    SfObject* object = nullptr;
    SfRecord* record = nullptr;
    std::vector<std::pair<std::size_t, SfValue>> values;
};

}  // namespace

FakeResponse update_records(SfOrg& org, const FakeRequest& request, const std::string& user_id, const SfCompositeHooks& hooks,
                            SfCompositeTally& tally) {
    boost::system::error_code parse_error;
    const boost::json::value body = boost::json::parse(request.body, parse_error);
    if (parse_error || !body.is_object()) return sf_error(400, "JSON_PARSER_ERROR", "The request body is not valid JSON");
    const boost::json::value* records = body.as_object().if_contains("records");
    if (!records || !records->is_array()) return sf_error(400, "INVALID_FIELD", "The records field is required");
    if (records->as_array().size() > max_records)
        return sf_error(400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call");
    const boost::json::value* all_or_none_json = body.as_object().if_contains("allOrNone");
    const bool all_or_none = all_or_none_json && all_or_none_json->is_bool() && all_or_none_json->as_bool();

    std::vector<std::optional<Planned>> plans;
    std::vector<boost::json::object> results;
    bool any_failed = false;
    for (const boost::json::value& item : records->as_array()) {
        plans.emplace_back();
        results.emplace_back();
        auto fail = [&](boost::json::object result) {
            results.back() = std::move(result);
            any_failed = true;
        };
        if (!item.is_object()) {
            fail(failure("INVALID_FIELD", "Each record must be an object"));
            continue;
        }
        const boost::json::object& fields = item.as_object();
        const boost::json::value* attributes = fields.if_contains("attributes");
        const boost::json::value* type = attributes && attributes->is_object() ? attributes->as_object().if_contains("type") : nullptr;
        if (!type || !type->is_string()) {
            fail(failure("INVALID_TYPE", "Must specify a type in attributes for each record"));
            continue;
        }
        SfObject* object = org.object(type->as_string());
        const boost::json::value* id_json = fields.if_contains("id");
        if (!id_json) id_json = fields.if_contains("Id");
        if (!object) {
            fail(failure("INVALID_TYPE", "sObject type '" + std::string(type->as_string()) + "' is not supported."));
            continue;
        }
        if (!id_json || !id_json->is_string()) {
            fail(failure("MISSING_ARGUMENT", "Id not specified in an update call", boost::json::array{"Id"}));
            continue;
        }
        const std::string id(id_json->as_string());
        if (id.compare(0, 3, object->key_prefix()) != 0 || (id.size() != 15 && id.size() != 18)) {
            fail(failure("MALFORMED_ID", object->name() + " ID: id value of incorrect type: " + id, boost::json::array{"Id"}));
            continue;
        }
        SfRecord* record = object->find(id);
        if (!record) {
            fail(failure("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"));
            continue;
        }
        if (record->deleted) {
            fail(failure("ENTITY_IS_DELETED", "entity is deleted"));
            continue;
        }
        Planned plan{object, record, {}};
        std::optional<boost::json::object> refused;
        for (const auto& field_item : fields) {
            const std::string name(field_item.key());
            if (name == "attributes" || name == "id" || name == "Id") continue;
            const std::optional<std::size_t> slot = object->slot_of(name);
            if (!slot || !org.can_read(*object, object->field(*slot), user_id)) {
                refused = failure("INVALID_FIELD", "No such column '" + name + "' on sobject of type " + object->name());
                break;
            }
            const SfField& field = object->field(*slot);
            // This fake lets the API write custom fields only; standard fields change through touch().
            if (!field.custom || !org.can_edit(*object, field, user_id)) {
                refused = failure("INVALID_FIELD_FOR_INSERT_UPDATE",
                                  "Unable to create/update fields: " + field.name +
                                      ". Please check the security settings of this field and verify that it is read/write for "
                                      "your profile or permission set.",
                                  boost::json::array{boost::json::string(field.name)});
                break;
            }
            SfFieldWrite write = convert_field_write(field, field_item.value());
            if (write.error) {
                refused = failure(write.error->status_code, write.error->message, boost::json::array{boost::json::string(field.name)});
                break;
            }
            plan.values.emplace_back(*slot, std::move(*write.value));
        }
        if (refused) {
            fail(std::move(*refused));
            continue;
        }
        if (hooks.lock_failure && hooks.lock_failure()) {
            fail(failure("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records: " + record->id));
            continue;
        }
        if (hooks.validation_failures) {
            const auto rule = hooks.validation_failures->find(record->id);
            if (rule != hooks.validation_failures->end()) {
                fail(failure("FIELD_CUSTOM_VALIDATION_EXCEPTION", rule->second));
                continue;
            }
        }
        results.back() = {{"id", record->id}, {"success", true}, {"errors", boost::json::array{}}};
        plans.back() = std::move(plan);
    }

    boost::json::array reply;
    for (std::size_t i = 0; i < results.size(); ++i) {
        if (plans[i] && all_or_none && any_failed) {
            reply.push_back(failure("ALL_OR_NONE_OPERATION_ROLLED_BACK",
                                    "Record rolled back because not all records were valid and the request was using AllOrNone header"));
            continue;
        }
        if (plans[i]) {
            Planned& plan = *plans[i];
            bool changed = false;
            for (auto& [slot, value] : plan.values) {
                if (!(plan.record->at(slot) == value)) changed = true;
                plan.object->set(*plan.record, slot, std::move(value));
            }
            // Salesforce saves the record (and stamps it) even when no value differs.
            org.touch(*plan.object, *plan.record);
            ++tally.written;
            if (!changed) ++tally.unchanged;
        }
        reply.push_back(std::move(results[i]));
    }
    return sf_json(200, reply);
}

}  // namespace sellerscore::fakes
