// Creates our custom fields through the Tooling API (CustomField) and makes them visible: a new field
// is invisible to queries and unwritable until field-level security grants it, so every field gets a
// FieldPermissions row (read + edit) on our permission set, which is created when absent and assigned
// to the integration user. An existing field of another type is an error naming it.
#pragma once

#include <span>
#include <string>

#include "connectors/connector.hpp"
#include "field_schema.hpp"
#include "salesforce_api.hpp"

namespace sellerscore::connectors::salesforce {

// The CustomField Metadata Salesforce is sent for a field: {"label","type","precision","scale",...}.
boost::json::object field_metadata(const FieldDefinition& field);

class FieldInstaller {
public:
    FieldInstaller(SalesforceApi& api, FieldSchema& schema, std::string permission_set, std::string integration_user_id);

    // Adds the fields that exist in the org to the schema, creating nothing.
    Status discover(std::span<const FieldDefinition> fields);
    Result<SchemaReport> ensure(std::span<const FieldDefinition> fields);
    Result<SchemaReport> remove(std::span<const FieldDefinition> fields);

private:
    // (object, DeveloperName) -> CustomField Id, for our objects.
    Result<std::map<std::pair<std::string, std::string>, std::string>> existing_fields();
    Status grant(std::span<const FieldDefinition> fields);
    Result<std::string> permission_set_id();

    SalesforceApi& api_;
    FieldSchema& schema_;
    std::string permission_set_;
    std::string user_id_;
};

}  // namespace sellerscore::connectors::salesforce
