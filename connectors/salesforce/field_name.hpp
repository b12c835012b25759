// Our KPIS.md §7 fields as Salesforce custom fields: API names and the objects that hold them.
#pragma once

#include <string>
#include <string_view>

#include "connectors/connector.hpp"

namespace sellerscore::connectors::salesforce {

// "seller_score" -> "Seller_Score__c": Title_Case words joined by single underscores, at most 40
// characters before the "__c" suffix (Salesforce's rule: letters, digits and single underscores,
// starting with a letter, not ending with an underscore).
std::string api_field_name(std::string_view logical_id);
// "Seller_Score" (the CustomField's DeveloperName, without "__c").
std::string developer_name(std::string_view logical_id);

// deal -> "Opportunity", contact -> "Contact", company -> "Account".
std::string_view sobject_of(RecordObject object);

}  // namespace sellerscore::connectors::salesforce
