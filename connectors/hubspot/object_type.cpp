#include "object_type.hpp"

namespace sellerscore::connectors::hubspot {

namespace {

constexpr std::string_view deal_properties[] = {"dealname",         "amount",         "amount_in_home_currency",
                                                "createdate",       "closedate",      "pipeline",
                                                "dealstage",        "hubspot_owner_id", "hs_lastmodifieddate"};
constexpr std::string_view contact_properties[] = {"createdate", "lastmodifieddate", "hubspot_owner_id",
                                                   "hs_analytics_source", "associatedcompanyid"};
constexpr std::string_view company_properties[] = {"hs_lastmodifieddate"};
constexpr std::string_view call_properties[] = {"hs_timestamp",       "hubspot_owner_id",    "hs_call_direction",
                                                "hs_call_duration",   "hs_call_disposition", "hs_call_body",
                                                "hs_lastmodifieddate"};
constexpr std::string_view email_properties[] = {"hs_timestamp",         "hubspot_owner_id",     "hs_email_direction",
                                                 "hs_email_open_count",  "hs_email_click_count", "hs_email_text",
                                                 "hs_lastmodifieddate"};
constexpr std::string_view meeting_properties[] = {"hs_timestamp",           "hubspot_owner_id",
                                                   "hs_meeting_start_time",  "hs_meeting_end_time",
                                                   "hs_meeting_location_type", "hs_meeting_outcome",
                                                   "hs_meeting_body",        "hs_lastmodifieddate"};
constexpr std::string_view note_properties[] = {"hs_timestamp", "hubspot_owner_id", "hs_note_body",
                                                "hs_lastmodifieddate"};
constexpr std::string_view task_properties[] = {"hs_timestamp", "hubspot_owner_id", "hs_task_body",
                                                "hs_lastmodifieddate"};
constexpr std::string_view quote_properties[] = {"hs_createdate", "hubspot_owner_id", "hs_status",
                                                 "hs_lastmodifieddate"};

constexpr ObjectType deal_associations[] = {ObjectType::contacts, ObjectType::companies};
constexpr ObjectType engagement_associations[] = {ObjectType::contacts, ObjectType::deals};

}  // namespace

std::string_view path_name(ObjectType type) {
    switch (type) {
        case ObjectType::deals: return "deals";
        case ObjectType::contacts: return "contacts";
        case ObjectType::companies: return "companies";
        case ObjectType::calls: return "calls";
        case ObjectType::emails: return "emails";
        case ObjectType::meetings: return "meetings";
        case ObjectType::notes: return "notes";
        case ObjectType::tasks: return "tasks";
        case ObjectType::quotes: return "quotes";
    }
    return {};
}

std::string_view last_modified_property(ObjectType type) {
    return type == ObjectType::contacts ? "lastmodifieddate" : "hs_lastmodifieddate";
}

std::span<const std::string_view> base_properties(ObjectType type) {
    switch (type) {
        case ObjectType::deals: return deal_properties;
        case ObjectType::contacts: return contact_properties;
        case ObjectType::companies: return company_properties;
        case ObjectType::calls: return call_properties;
        case ObjectType::emails: return email_properties;
        case ObjectType::meetings: return meeting_properties;
        case ObjectType::notes: return note_properties;
        case ObjectType::tasks: return task_properties;
        case ObjectType::quotes: return quote_properties;
    }
    return {};
}

std::span<const ObjectType> association_targets(ObjectType type) {
    switch (type) {
        case ObjectType::deals: return deal_associations;
        case ObjectType::contacts:
        case ObjectType::companies: return {};
        default: return engagement_associations;
    }
}

bool is_engagement(ObjectType type) {
    return type != ObjectType::deals && type != ObjectType::contacts && type != ObjectType::companies;
}

ObjectType object_type_of(RecordObject object) {
    switch (object) {
        case RecordObject::deal: return ObjectType::deals;
        case RecordObject::contact: return ObjectType::contacts;
        case RecordObject::company: return ObjectType::companies;
    }
    return ObjectType::deals;
}

std::optional<RecordObject> record_object_of(ObjectType type) {
    switch (type) {
        case ObjectType::deals: return RecordObject::deal;
        case ObjectType::contacts: return RecordObject::contact;
        case ObjectType::companies: return RecordObject::company;
        default: return std::nullopt;
    }
}

}  // namespace sellerscore::connectors::hubspot
