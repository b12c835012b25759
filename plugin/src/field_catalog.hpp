// The custom fields this plugin writes (KPIS.md §7), read from the embedded manifest so the manifest
// an admin reviews and the fields the plugin creates can never disagree.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "connectors/connector.hpp"

namespace sellerscore::plugin {

class FieldCatalog {
public:
    // Parses the manifest's "customFields". Fails on a manifest that lacks or misspells them.
    static Result<FieldCatalog> from_manifest(std::string_view manifest_json);

    const std::vector<connectors::FieldDefinition>& fields() const { return fields_; }
    // Index into fields(), or nullopt for an unknown id.
    std::optional<std::size_t> index_of(std::string_view field_id) const;
    const connectors::FieldDefinition& at(std::size_t index) const { return fields_[index]; }
    std::size_t size() const { return fields_.size(); }

    // The manifest puts the customer-level fields (churn_risk, customer_lifetime_value) on contacts;
    // with kpi.customer_entity = "company" they belong on companies, where the sync writes them, so
    // install must create them there too.
    void place_customer_fields_on(connectors::RecordObject customer_object);

private:
    std::vector<connectors::FieldDefinition> fields_;
};

}  // namespace sellerscore::plugin
