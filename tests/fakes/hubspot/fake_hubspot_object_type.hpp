// The CRM object types the fake serves, and the per-type facts HubSpot differs on (the names of the
// created/modified properties, singular names used in association labels).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sellerscore::fakes {

// feedback_submissions: the survey responses HubSpot's NPS/CSAT/CES surveys write; read-only in the API.
enum class HubSpotObjectType : std::uint8_t {
    deals, contacts, companies, calls, emails, meetings, notes, tasks, quotes, feedback_submissions
};

inline constexpr std::array<HubSpotObjectType, 10> all_object_types = {
    HubSpotObjectType::deals, HubSpotObjectType::contacts, HubSpotObjectType::companies,
    HubSpotObjectType::calls, HubSpotObjectType::emails,   HubSpotObjectType::meetings,
    HubSpotObjectType::notes, HubSpotObjectType::tasks,    HubSpotObjectType::quotes,
    HubSpotObjectType::feedback_submissions};

// "deals" -> deals; HubSpot also accepts the object type ids ("0-3") and singular names.
std::optional<HubSpotObjectType> parse_object_type(std::string_view name);
// "deals", "contacts", ...: how the type appears in paths and association keys.
std::string_view plural_name(HubSpotObjectType type);
// "deal", "contact", ...: how the type appears in association labels ("deal_to_contact").
std::string_view singular_name(HubSpotObjectType type);
// createdate for CRM records, hs_createdate for engagements and quotes.
std::string_view created_property(HubSpotObjectType type);
// hs_lastmodifieddate everywhere except contacts (lastmodifieddate).
std::string_view modified_property(HubSpotObjectType type);
// HubSpot-defined association type id of from -> to (v4 "typeId").
int association_type_id(HubSpotObjectType from, HubSpotObjectType to);

}  // namespace sellerscore::fakes
