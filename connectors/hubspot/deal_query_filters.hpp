// A DealQuery as HubSpot search filters: one filter group (every predicate must hold), our deal
// properties compared with EQ/NEQ/LT/LTE/GT/GTE, values as strings (numbers in decimal, datetimes
// in epoch milliseconds, enumeration values as-is).
#pragma once

#include <vector>

#include "connectors/connector.hpp"
#include "field_schema.hpp"
#include "search_request.hpp"

namespace sellerscore::connectors::hubspot {

// invalid_argument for more predicates than one filter group takes, an unknown deal field, a null
// operand, or an operand the field's type cannot hold.
Result<std::vector<SearchFilter>> deal_query_filters(const DealQuery& query, const FieldSchema& schema);

}  // namespace sellerscore::connectors::hubspot
