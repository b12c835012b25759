// What the CRM holds in our custom fields, as read during a sync: the baseline that write-back
// compares against so that only changed values are written.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "connectors/connector.hpp"
#include "field_catalog.hpp"

namespace sellerscore::plugin {

class HeldValues {
public:
    explicit HeldValues(const FieldCatalog& catalog) : catalog_(&catalog) {}

    // Values of fields outside the catalog are ignored: they are not ours.
    void add(connectors::HeldValue&& held);

    // What one record holds, indexed like the catalog; looked up once per record, not per field.
    class Row {
    public:
        // The held value, or monostate when the record holds none.
        const connectors::FieldValue& operator[](std::size_t field_index) const;

    private:
        friend class HeldValues;
        explicit Row(const std::vector<connectors::FieldValue>* values) : values_(values) {}
        const std::vector<connectors::FieldValue>* values_;  // nullptr: the record holds none of our fields
    };
    Row row(connectors::RecordObject object, std::string_view record_id) const;

private:
    static std::string key(connectors::RecordObject object, std::string_view record_id);

    const FieldCatalog* catalog_;
    std::unordered_map<std::string, std::vector<connectors::FieldValue>> values_;
};

}  // namespace sellerscore::plugin
