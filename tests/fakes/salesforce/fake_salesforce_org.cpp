#include "fake_salesforce_org.hpp"

#include <algorithm>

#include "fake_salesforce_ids.hpp"

namespace sellerscore::fakes {
namespace {

using T = SfFieldType;

SfField field(std::string name, SfFieldType type) {
    SfField f;
    f.name = std::move(name);
    f.type = type;
    return f;
}

SfField reference(std::string name, std::string to, std::string relationship = {}) {
    SfField f = field(std::move(name), T::reference);
    f.reference_to = std::move(to);
    f.relationship_name = std::move(relationship);
    return f;
}

}  // namespace

SfOrg::SfOrg(std::function<std::int64_t()> epoch_ms_now, bool multi_currency, bool enhanced_email,
             bool feedback_management)
    : epoch_ms_now_(std::move(epoch_ms_now)) {
    auto add = [&](std::string name, std::string prefix, std::vector<SfField> fields, bool tooling = false) {
        auto object = std::make_unique<SfObject>(name, prefix, tooling);
        object->add_field(field("Id", T::id));
        object->add_field(field("IsDeleted", T::boolean));
        object->add_field(field("CreatedDate", T::datetime));
        object->add_field(field("SystemModstamp", T::datetime));
        object->add_field(field("LastModifiedDate", T::datetime));
        for (SfField& f : fields) object->add_field(std::move(f));
        by_prefix_[prefix] = object.get();
        objects_[(tooling ? "tooling:" : "") + lower_case(name)] = std::move(object);
    };
    add("UserRole", "00E", {field("Name", T::text)});
    add("User", "005", {field("Name", T::text), field("FirstName", T::text), field("LastName", T::text),
                        field("Email", T::text), field("Username", T::text), field("IsActive", T::boolean),
                        field("Department", T::text), field("UserType", T::picklist),
                        reference("UserRoleId", "UserRole", "UserRole")});
    add("BusinessProcess", "019", {field("Name", T::text), field("TableEnumOrId", T::text), field("IsActive", T::boolean)});
    add("RecordType", "012", {field("Name", T::text), field("DeveloperName", T::text), field("SobjectType", T::picklist),
                              field("IsActive", T::boolean), reference("BusinessProcessId", "BusinessProcess", "BusinessProcess")});
    add("OpportunityStage", "01J", {field("MasterLabel", T::text), field("ApiName", T::text), field("SortOrder", T::number),
                                    field("IsClosed", T::boolean), field("IsWon", T::boolean), field("IsActive", T::boolean),
                                    field("DefaultProbability", T::percent), field("ForecastCategoryName", T::picklist)});
    add("Account", "001", {field("Name", T::text), reference("OwnerId", "User", "Owner")});
    std::vector<SfField> opportunity = {field("Name", T::text), reference("OwnerId", "User", "Owner"),
                                        reference("AccountId", "Account", "Account"), reference("ContactId", "Contact", "Contact"),
                                        field("Amount", T::currency), field("StageName", T::picklist), field("Probability", T::percent),
                                        field("IsClosed", T::boolean), field("IsWon", T::boolean), field("CloseDate", T::date),
                                        reference("RecordTypeId", "RecordType", "RecordType"), field("LeadSource", T::picklist)};
    if (multi_currency) opportunity.push_back(field("CurrencyIsoCode", T::picklist));
    add("Opportunity", "006", std::move(opportunity));
    add("OpportunityHistory", "008", {reference("OpportunityId", "Opportunity", "Opportunity"), field("StageName", T::picklist),
                                      field("Amount", T::currency), field("Probability", T::percent), field("CloseDate", T::date)});
    add("OpportunityContactRole", "00K", {reference("OpportunityId", "Opportunity", "Opportunity"),
                                          reference("ContactId", "Contact", "Contact"), field("IsPrimary", T::boolean),
                                          field("Role", T::picklist)});
    add("Contact", "003", {field("FirstName", T::text), field("LastName", T::text), field("Email", T::text),
                           reference("OwnerId", "User", "Owner"), reference("AccountId", "Account", "Account"),
                           field("LeadSource", T::picklist)});
    add("Lead", "00Q", {field("FirstName", T::text), field("LastName", T::text), field("Company", T::text),
                        reference("OwnerId", "User", "Owner"), field("LeadSource", T::picklist), field("Status", T::picklist),
                        field("IsConverted", T::boolean), reference("ConvertedContactId", "Contact", "ConvertedContact"),
                        reference("ConvertedAccountId", "Account", "ConvertedAccount"),
                        reference("ConvertedOpportunityId", "Opportunity", "ConvertedOpportunity"), field("ConvertedDate", T::date)});
    // WhoId/WhatId are polymorphic: no relationship traversal in this fake.
    add("Task", "00T", {reference("OwnerId", "User", "Owner"), reference("WhoId", ""), reference("WhatId", ""),
                        field("Subject", T::text), field("TaskSubtype", T::picklist), field("Type", T::picklist),
                        field("CallType", T::picklist), field("CallDurationInSeconds", T::number),
                        field("CallDisposition", T::text), field("ActivityDate", T::date), field("CompletedDateTime", T::datetime),
                        field("Status", T::picklist), field("Description", T::text)});
    add("Event", "00U", {reference("OwnerId", "User", "Owner"), reference("WhoId", ""), reference("WhatId", ""),
                         field("Subject", T::text), field("Type", T::picklist), field("Location", T::text),
                         field("StartDateTime", T::datetime), field("EndDateTime", T::datetime),
                         field("DurationInMinutes", T::number), field("ActivityDate", T::date), field("Description", T::text)});
    if (enhanced_email)
        add("EmailMessage", "02s", {reference("ActivityId", "Task", "Activity"), field("Incoming", T::boolean),
                                    field("IsOpened", T::boolean), field("FirstOpenedDate", T::datetime),
                                    field("MessageDate", T::datetime), field("Subject", T::text), field("Status", T::picklist)});
    if (feedback_management) {
        // Feedback Management's object model (Salesforce Feedback Management Developer Guide): a
        // response per participant and survey, an answer per question; SurveySubject ties an invitation
        // or a response to the record it is about. Key prefixes are the fake's own (not verified).
        add("Survey", "0Kd", {field("Name", T::text), field("DeveloperName", T::text),
                              reference("ActiveVersionId", "SurveyVersion", "ActiveVersion")});
        add("SurveyVersion", "0Kf", {reference("SurveyId", "Survey", "Survey"), field("VersionNumber", T::number),
                                     field("SurveyStatus", T::picklist)});
        add("SurveyQuestion", "0Kg", {field("Name", T::text), field("DeveloperName", T::text),
                                      field("QuestionType", T::picklist), field("QuestionOrder", T::number),
                                      reference("SurveyVersionId", "SurveyVersion", "SurveyVersion")});
        add("SurveyInvitation", "0Ki", {field("Name", T::text), reference("SurveyId", "Survey", "Survey"),
                                        reference("ParticipantId", ""), reference("ContactId", "Contact", "Contact"),
                                        field("ResponseStatus", T::picklist)});
        add("SurveyResponse", "0Kj", {field("Name", T::text), reference("SurveyId", "Survey", "Survey"),
                                      reference("SurveyVersionId", "SurveyVersion", "SurveyVersion"),
                                      reference("InvitationId", "SurveyInvitation", "Invitation"),
                                      reference("SubmitterId", ""), field("Status", T::picklist),
                                      field("CompletionDateTime", T::datetime)});
        add("SurveyQuestionResponse", "0Kk", {reference("QuestionId", "SurveyQuestion", "Question"),
                                              reference("ResponseId", "SurveyResponse", "Response"),
                                              reference("InvitationId", "SurveyInvitation", "Invitation"),
                                              reference("SurveyVersionId", "SurveyVersion", "SurveyVersion"),
                                              field("Datatype", T::picklist), field("NumberValue", T::number),
                                              field("ResponseShortText", T::text)});
        add("SurveySubject", "0Kl", {field("Name", T::text), reference("ParentId", ""), reference("SubjectId", ""),
                                     field("SubjectEntityType", T::picklist), reference("SurveyId", "Survey", "Survey"),
                                     reference("SurveyInvitationId", "SurveyInvitation", "SurveyInvitation"),
                                     reference("SurveyResponseId", "SurveyResponse", "SurveyResponse")});
    }
    add("PermissionSet", "0PS", {field("Name", T::text), field("Label", T::text), field("Description", T::text)});
    add("FieldPermissions", "01k", {reference("ParentId", "PermissionSet", "Parent"), field("SobjectType", T::text),
                                    field("Field", T::text), field("PermissionsRead", T::boolean),
                                    field("PermissionsEdit", T::boolean)});
    add("PermissionSetAssignment", "0Pa", {reference("AssigneeId", "User", "Assignee"),
                                           reference("PermissionSetId", "PermissionSet", "PermissionSet")});
    add("CustomField", "00N", {field("DeveloperName", T::text), field("TableEnumOrId", T::text), field("FullName", T::text),
                               field("NamespacePrefix", T::text), field("Metadata", T::text)},
        true);
}

SfObject* SfOrg::object(std::string_view name, bool tooling) {
    const auto found = objects_.find((tooling ? "tooling:" : "") + lower_case(name));
    return found == objects_.end() ? nullptr : found->second.get();
}

const SfObject* SfOrg::object(std::string_view name, bool tooling) const {
    const auto found = objects_.find((tooling ? "tooling:" : "") + lower_case(name));
    return found == objects_.end() ? nullptr : found->second.get();
}

SfObject* SfOrg::object_of_id(std::string_view id) {
    if (id.size() < 3) return nullptr;
    const auto found = by_prefix_.find(std::string(id.substr(0, 3)));
    return found == by_prefix_.end() ? nullptr : found->second;
}

std::int64_t SfOrg::next_modstamp() {
    last_modstamp_ = std::max(epoch_ms_now_(), last_modstamp_ + 1);
    return last_modstamp_;
}

SfRecord& SfOrg::create(SfObject& object, std::int64_t created_ms) {
    const std::string id = salesforce_id(object.key_prefix(), ++sequences_[object.key_prefix()]);
    SfRecord& record = object.add_record(id);
    object.set(record, 0, SfValue::of_text(id));
    object.set(record, 1, SfValue::of_bool(false));
    object.set(record, 2, SfValue::of_datetime(created_ms));
    touch(object, record);
    return record;
}

void SfOrg::touch(SfObject& object, SfRecord& record) {
    const std::int64_t stamp = next_modstamp();
    object.set(record, 3, SfValue::of_datetime(stamp));
    object.set(record, 4, SfValue::of_datetime(stamp));
}

void SfOrg::set(SfObject& object, SfRecord& record, std::string_view field_name, SfValue value) {
    const std::optional<std::size_t> slot = object.slot_of(field_name);
    if (slot) object.set(record, *slot, std::move(value));
}

bool SfOrg::can_read(const SfObject& object, const SfField& field, const std::string& user_id) const {
    return !field.custom || field.granted_to_all || granted(object, field, user_id, false);
}

bool SfOrg::can_edit(const SfObject& object, const SfField& field, const std::string& user_id) const {
    return !field.custom || field.granted_to_all || granted(object, field, user_id, true);
}

bool SfOrg::granted(const SfObject& object, const SfField& field, const std::string& user_id, bool edit) const {
    const SfObject& permissions = *this->object("FieldPermissions");
    const SfObject& assignments = *this->object("PermissionSetAssignment");
    const std::size_t parent = *permissions.slot_of("ParentId"), target = *permissions.slot_of("Field");
    const std::size_t read = *permissions.slot_of("PermissionsRead"), write = *permissions.slot_of("PermissionsEdit");
    const std::size_t assignee = *assignments.slot_of("AssigneeId"), set_id = *assignments.slot_of("PermissionSetId");
    const std::string wanted = lower_case(object.name() + "." + field.name);
    for (const SfRecord& permission : permissions.records()) {
        if (permission.deleted || lower_case(permission.at(target).text) != wanted) continue;
        // Edit implies read in Salesforce: PermissionsEdit cannot be true without PermissionsRead.
        const bool allows = edit ? permission.at(write).boolean : (permission.at(read).boolean || permission.at(write).boolean);
        if (!allows) continue;
        for (const SfRecord& assignment : assignments.records())
            if (!assignment.deleted && assignment.at(assignee).text.substr(0, 15) == user_id.substr(0, 15) &&
                assignment.at(set_id).text.substr(0, 15) == permission.at(parent).text.substr(0, 15))
                return true;
    }
    return false;
}

}  // namespace sellerscore::fakes
