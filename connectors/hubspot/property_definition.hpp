// Our fields as HubSpot properties (hubspot_mapping.md, "Our custom properties"): what to create, and
// whether a property that already carries the name is one we can use.
#pragma once

#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "connectors/connector.hpp"

namespace sellerscore::connectors::hubspot {

// "deal", "contact", "company" (for messages).
std::string_view object_label(RecordObject object);

// The PropertyCreate body: name, label, type, fieldType, groupName, description, and
// numberDisplayHint or options.
boost::json::object property_create_body(const FieldDefinition& field);

// The PropertyGroupCreate body for our group.
boost::json::object property_group_body(std::string_view label);

// ok when `existing` (a property as GET /crm/v3/properties/<type> lists it) has our type and
// fieldType and, for an enumeration, every option we write; otherwise a data Status that names
// the property and the difference. Such a property is never reused or changed.
Status check_existing_property(const FieldDefinition& field, const boost::json::value& existing);

}  // namespace sellerscore::connectors::hubspot
