#include "fake_hubspot_property_catalog.hpp"

#include <algorithm>
#include <stdexcept>

namespace sellerscore::fakes {
namespace {

struct BuiltIn {
    const char* name;
    const char* type;
    const char* field_type;
    bool calculated;
};

// Built-ins every type has: the id and the created/modified times (added per type below).
std::vector<BuiltIn> built_ins_of(HubSpotObjectType type) {
    using T = HubSpotObjectType;
    switch (type) {
        case T::deals:
            return {{"dealname", "string", "text", false},
                    {"amount", "number", "number", false},
                    {"amount_in_home_currency", "number", "calculation_equation", true},
                    {"closedate", "datetime", "date", false},
                    {"pipeline", "enumeration", "select", false},
                    {"dealstage", "enumeration", "radio", false},
                    {"dealtype", "enumeration", "radio", false},
                    {"hubspot_owner_id", "enumeration", "select", false},
                    {"description", "string", "textarea", false}};
        case T::contacts:
            return {{"firstname", "string", "text", false},
                    {"lastname", "string", "text", false},
                    {"email", "string", "text", false},
                    {"hubspot_owner_id", "enumeration", "select", false},
                    {"hs_analytics_source", "enumeration", "select", true},
                    {"associatedcompanyid", "number", "number", false},
                    {"lifecyclestage", "enumeration", "radio", false}};
        case T::companies:
            return {{"name", "string", "text", false},
                    {"domain", "string", "text", false},
                    {"hubspot_owner_id", "enumeration", "select", false}};
        case T::calls:
            return {{"hs_timestamp", "datetime", "date", false},
                    {"hubspot_owner_id", "enumeration", "select", false},
                    {"hs_call_title", "string", "text", false},
                    {"hs_call_body", "string", "html", false},
                    {"hs_call_direction", "enumeration", "select", false},
                    {"hs_call_duration", "number", "number", false},
                    {"hs_call_disposition", "string", "text", false},
                    {"hs_call_status", "enumeration", "select", false}};
        case T::emails:
            return {{"hs_timestamp", "datetime", "date", false},
                    {"hubspot_owner_id", "enumeration", "select", false},
                    {"hs_email_subject", "string", "text", false},
                    {"hs_email_text", "string", "textarea", false},
                    {"hs_email_direction", "enumeration", "select", false},
                    {"hs_email_status", "enumeration", "select", false},
                    {"hs_email_open_count", "number", "number", true},
                    {"hs_email_click_count", "number", "number", true}};
        case T::meetings:
            return {{"hs_timestamp", "datetime", "date", false},
                    {"hubspot_owner_id", "enumeration", "select", false},
                    {"hs_meeting_title", "string", "text", false},
                    {"hs_meeting_body", "string", "html", false},
                    {"hs_meeting_start_time", "datetime", "date", false},
                    {"hs_meeting_end_time", "datetime", "date", false},
                    {"hs_meeting_location", "string", "text", false},
                    {"hs_meeting_location_type", "enumeration", "select", false},
                    {"hs_meeting_outcome", "enumeration", "select", false}};
        case T::notes:
            return {{"hs_timestamp", "datetime", "date", false},
                    {"hubspot_owner_id", "enumeration", "select", false},
                    {"hs_note_body", "string", "html", false}};
        case T::tasks:
            return {{"hs_timestamp", "datetime", "date", false},
                    {"hubspot_owner_id", "enumeration", "select", false},
                    {"hs_task_subject", "string", "text", false},
                    {"hs_task_body", "string", "html", false},
                    {"hs_task_status", "enumeration", "select", false},
                    {"hs_task_type", "enumeration", "select", false}};
        case T::quotes:
            return {{"hs_title", "string", "text", false},
                    {"hubspot_owner_id", "enumeration", "select", false},
                    {"hs_status", "enumeration", "select", false},
                    {"hs_expiration_date", "datetime", "date", false}};
        case T::feedback_submissions:
            return {{"hs_survey_type", "enumeration", "select", true},
                    {"hs_survey_name", "string", "text", true},
                    {"hs_value", "number", "number", true},
                    {"hs_sentiment", "enumeration", "select", true},
                    {"hs_content", "string", "textarea", true},
                    {"hs_submission_timestamp", "datetime", "date", true}};
    }
    return {};
}

// Fixed option lists HubSpot ships (the ones the connector reads or the seeder writes).
std::vector<std::string> options_of(HubSpotObjectType type, std::string_view name) {
    using T = HubSpotObjectType;
    if (type == T::calls && name == "hs_call_direction") return {"INBOUND", "OUTBOUND"};
    if (type == T::calls && name == "hs_call_status")
        return {"BUSY", "CALLING_CRM_USER", "CANCELED", "COMPLETED", "CONNECTING", "FAILED", "IN_PROGRESS", "NO_ANSWER", "QUEUED", "RINGING"};
    if (type == T::emails && name == "hs_email_direction") return {"EMAIL", "INCOMING_EMAIL", "FORWARDED_EMAIL"};
    if (type == T::emails && name == "hs_email_status") return {"BOUNCED", "FAILED", "SCHEDULED", "SENDING", "SENT"};
    if (type == T::meetings && name == "hs_meeting_outcome") return {"SCHEDULED", "COMPLETED", "RESCHEDULED", "NO_SHOW", "CANCELED"};
    if (type == T::meetings && name == "hs_meeting_location_type") return {"ADDRESS", "PHONE", "VIDEO_CONFERENCE", "CUSTOM"};
    if (type == T::tasks && name == "hs_task_status") return {"NOT_STARTED", "IN_PROGRESS", "WAITING", "COMPLETED", "DEFERRED"};
    if (type == T::tasks && name == "hs_task_type") return {"CALL", "EMAIL", "TODO"};
    if (type == T::quotes && name == "hs_status")
        return {"DRAFT", "APPROVAL_NOT_NEEDED", "PENDING_APPROVAL", "PENDING_BUYER_ACTION", "APPROVED", "REJECTED"};
    if (type == T::deals && name == "dealtype") return {"newbusiness", "existingbusiness"};
    if (type == T::feedback_submissions && name == "hs_survey_type") return {"NPS", "CSAT", "CES", "CUSTOM"};
    if (type == T::feedback_submissions && name == "hs_sentiment") return {"DETRACTOR", "NEUTRAL", "PROMOTER"};
    if (type == T::contacts && name == "hs_analytics_source")
        return {"ORGANIC_SEARCH", "PAID_SEARCH", "EMAIL_MARKETING", "SOCIAL_MEDIA", "REFERRALS",
                "OTHER_CAMPAIGNS", "DIRECT_TRAFFIC", "OFFLINE", "PAID_SOCIAL"};
    if (type == T::contacts && name == "lifecyclestage")
        return {"subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist", "other"};
    return {};
}

std::string label_of(std::string_view name) {
    std::string label(name);
    std::replace(label.begin(), label.end(), '_', ' ');
    if (!label.empty()) label.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(label.front())));
    return label;
}

}  // namespace

FakeHubSpotPropertyCatalog::FakeHubSpotPropertyCatalog(HubSpotObjectType type) {
    const std::string group = std::string(singular_name(type)) + "information";
    add_group({group, label_of(singular_name(type)) + " information", 0});

    auto add = [&](const char* name, const char* kind, const char* field_type, bool calculated) {
        FakeHubSpotProperty definition;
        definition.name = name;
        definition.label = label_of(name);
        definition.type = kind;
        definition.field_type = field_type;
        definition.group_name = group;
        definition.hubspot_defined = true;
        definition.calculated = calculated;
        int order = 0;
        for (const std::string& value : options_of(type, name)) definition.options.push_back({label_of(value), value, order++, false});
        define(std::move(definition));
    };
    add("hs_object_id", "number", "number", true);
    add(std::string(created_property(type)).c_str(), "datetime", "date", false);
    add(std::string(modified_property(type)).c_str(), "datetime", "date", true);
    for (const BuiltIn& built_in : built_ins_of(type)) add(built_in.name, built_in.type, built_in.field_type, built_in.calculated);
}

std::optional<FakeHubSpotPropertyCatalog::Slot> FakeHubSpotPropertyCatalog::slot_of(std::string_view name) const {
    const auto found = slots_by_name_.find(std::string(name));
    if (found == slots_by_name_.end()) return std::nullopt;
    return found->second;
}

std::vector<FakeHubSpotPropertyCatalog::Slot> FakeHubSpotPropertyCatalog::live_slots() const {
    std::vector<Slot> slots;
    for (std::size_t i = 0; i < definitions_.size(); ++i)
        if (live_[i]) slots.push_back(static_cast<Slot>(i));
    return slots;
}

FakeHubSpotPropertyCatalog::Slot FakeHubSpotPropertyCatalog::define(FakeHubSpotProperty definition) {
    remove(definition.name);
    if (definitions_.size() >= 65'535) throw std::length_error("fake HubSpot: too many property definitions");
    const auto slot = static_cast<Slot>(definitions_.size());
    slots_by_name_[definition.name] = slot;
    definitions_.push_back(std::move(definition));
    live_.push_back(true);
    return slot;
}

bool FakeHubSpotPropertyCatalog::remove(std::string_view name) {
    const auto found = slots_by_name_.find(std::string(name));
    if (found == slots_by_name_.end()) return false;
    live_[found->second] = false;
    slots_by_name_.erase(found);
    return true;
}

void FakeHubSpotPropertyCatalog::add_option(Slot slot, const std::string& value, const std::string& label) {
    FakeHubSpotProperty& target = definitions_[slot];
    for (const FakeHubSpotPropertyOption& option : target.options)
        if (option.value == value) return;
    target.options.push_back({label, value, static_cast<int>(target.options.size()), false});
}

bool FakeHubSpotPropertyCatalog::has_group(std::string_view name) const {
    return std::any_of(groups_.begin(), groups_.end(), [&](const FakeHubSpotPropertyGroup& group) { return group.name == name; });
}

void FakeHubSpotPropertyCatalog::add_group(FakeHubSpotPropertyGroup group) {
    if (!has_group(group.name)) groups_.push_back(std::move(group));
}

}  // namespace sellerscore::fakes
