// Creates our custom fields through the Tooling API (CustomField) and makes them visible: a new field
// is invisible to queries and unwritable until field-level security grants it, so every field gets a
// FieldPermissions row (read + edit) on our permission set, which is created when absent and assigned
// to the integration user. An existing field of another type is an error naming it.
// A field's type is read from its Metadata, which the Tooling API gives one field per query; the
// connector memory keeps (CustomField Id, LastModifiedDate, type) of each field found right, so a
// sync where nothing changed checks every field with one query (a field changed, or deleted and
// created again, has another LastModifiedDate or Id and is read again).
#pragma once

#include <span>
#include <string>

#include "connectors/connector.hpp"
#include "connectors/connector_memory.hpp"
#include "field_schema.hpp"
#include "salesforce_api.hpp"

namespace sellerscore::connectors::salesforce {

// The CustomField Metadata Salesforce is sent for a field: {"label","type","precision","scale",...}.
boost::json::object field_metadata(const FieldDefinition& field);

class FieldInstaller {
public:
    FieldInstaller(SalesforceApi& api, FieldSchema& schema, std::string permission_set, std::string integration_user_id,
                   ConnectorMemory* memory = nullptr);

    // Adds the fields that exist in the org to the schema, creating nothing.
    Status discover(std::span<const FieldDefinition> fields);
    Result<SchemaReport> ensure(std::span<const FieldDefinition> fields);
    Result<SchemaReport> remove(std::span<const FieldDefinition> fields);

private:
    struct Existing {
        std::string id, last_modified;
    };
    // (object, DeveloperName) -> the CustomField, for our objects.
    Result<std::map<std::pair<std::string, std::string>, Existing>> existing_fields();
    // The field's Metadata.type ("Number", ...), from the memory when that field is unchanged since.
    Result<std::string> type_of(const std::string& full_name, const Existing& field, std::string_view expected);
    Status grant(std::span<const FieldDefinition> fields);
    Result<std::string> permission_set_id();

    SalesforceApi& api_;
    FieldSchema& schema_;
    std::string permission_set_;
    std::string user_id_;
    ConnectorMemory* memory_;
};

}  // namespace sellerscore::connectors::salesforce
