// `crmhost deals --where` as a SOQL WHERE clause on our Opportunity fields:
// seller_score >= 70 AND seller_score_band = 'top' -> "Seller_Score__c >= 70 AND Seller_Score_Band__c = 'top'".
// Values are converted as the fields hold them (percent 0-100, dateTime literals unquoted).
#pragma once

#include <string>

#include "connectors/connector.hpp"
#include "field_schema.hpp"

namespace sellerscore::connectors::salesforce {

// invalid_argument naming a field that is not one of ours on deals; "" for no predicates.
Result<std::string> deal_where(const DealQuery& query, const FieldSchema& schema);

}  // namespace sellerscore::connectors::salesforce
