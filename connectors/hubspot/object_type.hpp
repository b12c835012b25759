// The HubSpot object types the connector reads, and what it asks of each: the properties that feed
// the model (hubspot_mapping.md), the associations a list read embeds, and the property that
// search filters on for incremental reads.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string_view>

#include "connectors/connector.hpp"

namespace sellerscore::connectors::hubspot {

enum class ObjectType { deals, contacts, companies, calls, emails, meetings, notes, tasks, quotes };

// In reading order: a page's references (a deal's contact, an activity's deal) point backwards
// where they can.
inline constexpr std::array<ObjectType, 9> all_object_types = {
    ObjectType::contacts, ObjectType::companies, ObjectType::deals,    ObjectType::calls,  ObjectType::emails,
    ObjectType::meetings, ObjectType::notes,     ObjectType::tasks,    ObjectType::quotes};

// The path segment and cursor key: "deals", "calls", ...
std::string_view path_name(ObjectType type);

// hs_lastmodifieddate, except contacts: their search silently ignores it and wants lastmodifieddate.
std::string_view last_modified_property(ObjectType type);

// The properties the model needs (without per-portal ones: stage dates, our fields, the referral property).
std::span<const std::string_view> base_properties(ObjectType type);

// Object types whose first association feeds the record (deals: contacts, companies; activities:
// contacts, deals).
std::span<const ObjectType> association_targets(ObjectType type);

bool is_engagement(ObjectType type);  // calls, emails, meetings, notes, tasks, quotes

// Where our custom fields of `object` live.
ObjectType object_type_of(RecordObject object);
std::optional<RecordObject> record_object_of(ObjectType type);

}  // namespace sellerscore::connectors::hubspot
