#include "fake_salesforce_record_update.hpp"

#include "fake_salesforce_field_write.hpp"

namespace sellerscore::fakes {

std::variant<SfPlannedUpdate, SfSaveError> plan_update(SfOrg& org, SfObject& object, const std::string& id,
                                                       const std::vector<std::pair<std::string, boost::json::value>>& fields,
                                                       const std::string& user_id, const SfUpdateHooks& hooks) {
    if (id.compare(0, 3, object.key_prefix()) != 0 || (id.size() != 15 && id.size() != 18))
        return SfSaveError{"MALFORMED_ID", object.name() + " ID: id value of incorrect type: " + id, {"Id"}};
    SfRecord* record = object.find(id);
    if (!record) return SfSaveError{"INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", {}};
    if (record->deleted) return SfSaveError{"ENTITY_IS_DELETED", "entity is deleted", {}};
    SfPlannedUpdate plan{&object, record, {}};
    for (const auto& [name, json] : fields) {
        const std::optional<std::size_t> slot = object.slot_of(name);
        if (!slot || !org.can_read(object, object.field(*slot), user_id))
            return SfSaveError{"INVALID_FIELD", "No such column '" + name + "' on sobject of type " + object.name(), {}};
        const SfField& field = object.field(*slot);
        if (!field.custom || !org.can_edit(object, field, user_id))
            return SfSaveError{"INVALID_FIELD_FOR_INSERT_UPDATE",
                               "Unable to create/update fields: " + field.name +
                                   ". Please check the security settings of this field and verify that it is read/write for "
                                   "your profile or permission set.",
                               {field.name}};
        SfFieldWrite write = convert_field_write(field, json);
        if (write.error) return SfSaveError{write.error->status_code, write.error->message, {field.name}};
        plan.values.emplace_back(*slot, std::move(*write.value));
    }
    if (hooks.lock_failure && hooks.lock_failure())
        return SfSaveError{"UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records: " + record->id, {}};
    if (hooks.validation_failures) {
        const auto rule = hooks.validation_failures->find(record->id);
        if (rule != hooks.validation_failures->end()) return SfSaveError{"FIELD_CUSTOM_VALIDATION_EXCEPTION", rule->second, {}};
    }
    return plan;
}

void apply_update(SfOrg& org, SfPlannedUpdate& plan, SfUpdateTally& tally) {
    bool changed = false;
    for (auto& [slot, value] : plan.values) {
        if (!(plan.record->at(slot) == value)) changed = true;
        plan.object->set(*plan.record, slot, std::move(value));
    }
    org.touch(*plan.object, *plan.record);
    ++tally.written;
    if (!changed) ++tally.unchanged;
}

}  // namespace sellerscore::fakes
