// The custom fields this connector knows to exist (learned from ensure_fields): which logical field
// lives on which object with which type, so reads select them and writes convert their values.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

#include "connectors/connector.hpp"

namespace sellerscore::connectors::salesforce {

class FieldSchema {
public:
    void add(const FieldDefinition& field) { fields_[{field.object, field.id}] = field.type; }
    void remove(RecordObject object, const std::string& id) { fields_.erase({object, id}); }
    std::optional<FieldType> type_of(RecordObject object, const std::string& id) const;
    // Logical ids on that object, in name order.
    std::vector<std::string> ids(RecordObject object) const;

private:
    std::map<std::pair<RecordObject, std::string>, FieldType> fields_;
};

// A value as Salesforce holds it: percent fields 0-100 (the model's ratios times 100), datetimes as
// "2026-03-01T12:00:00.000Z", picklists as their value; monostate clears the field (JSON null).
boost::json::value to_salesforce(FieldType type, const FieldValue& value);
// And back: what a read returns for one of our fields.
FieldValue from_salesforce(FieldType type, const boost::json::value& value);

}  // namespace sellerscore::connectors::salesforce
