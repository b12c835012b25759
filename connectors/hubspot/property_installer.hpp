// Creates our property group and properties where missing, and removes them on uninstall. An
// existing property of another type is reported, never reused or changed.
#pragma once

#include <span>

#include "connectors/connector.hpp"
#include "field_schema.hpp"
#include "hubspot_api.hpp"

namespace sellerscore::connectors::hubspot {

class PropertyInstaller {
public:
    PropertyInstaller(HubSpotApi& api, FieldSchema& schema) : api_(api), schema_(schema) {}

    // Per object type: one GET of the property list; then, only if something is missing, the group
    // (409 = it exists) and one POST per missing property. Every conflict is checked before anything
    // is created.
    Result<SchemaReport> ensure(std::span<const FieldDefinition> fields);
    // DELETE per property; 404 = already absent.
    Result<SchemaReport> remove(std::span<const FieldDefinition> fields);

    // Fills the schema from the property lists of deals, contacts and companies not loaded yet
    // (at most 3 requests).
    Status discover();

private:
    Status create(const FieldDefinition& field, SchemaReport& report);
    Status ensure_group(RecordObject object, std::string_view label);

    HubSpotApi& api_;
    FieldSchema& schema_;
};

}  // namespace sellerscore::connectors::hubspot
