// Where each record object lives in Pipedrive: deals, persons (contacts) and organizations (companies).
#pragma once

#include <string>
#include <string_view>

#include "connectors/connector.hpp"

namespace sellerscore::connectors::pipedrive {

std::string_view collection_of(RecordObject object);    // "deals", "persons", "organizations"
std::string_view fields_route_of(RecordObject object);  // "dealFields", "personFields", "organizationFields"
std::string_view singular_of(RecordObject object);      // "deal", "person", "organization"

// The ConnectorMemory key a field's code is remembered under: "pipedrive.field.deal.seller_score".
std::string field_memory_key(RecordObject object, std::string_view field_id);

}  // namespace sellerscore::connectors::pipedrive
