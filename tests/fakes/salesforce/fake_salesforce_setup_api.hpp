// What an installer calls: POST /tooling/sobjects/CustomField (a new custom field, invisible until
// field-level security grants it) and POST /sobjects/{Type} (PermissionSet, FieldPermissions,
// PermissionSetAssignment and other records).
#pragma once

#include <string>

#include "fake_salesforce_org.hpp"
#include "tests/fakes/fake_exchange.hpp"

namespace sellerscore::fakes {

FakeResponse create_custom_field(SfOrg& org, const FakeRequest& request);
// DELETE /tooling/sobjects/CustomField/{id}: the field leaves SOQL and the API (Salesforce keeps it
// among the deleted fields as <Name>_del__c), its FieldPermissions go with it, its name is free again.
FakeResponse delete_custom_field(SfOrg& org, const std::string& id);
FakeResponse create_sobject(SfOrg& org, const std::string& type, const FakeRequest& request, const std::string& user_id);

// "Seller_Score" is a valid custom field name (without __c): a letter first, letters, digits and
// single underscores, no trailing underscore, at most 40 characters.
bool valid_custom_field_name(const std::string& name);

}  // namespace sellerscore::fakes
