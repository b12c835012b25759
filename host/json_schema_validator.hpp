// Checks a JSON document against the subset of JSON Schema the plugin manifest's configSchema uses:
// type, properties, required, additionalProperties (false or a schema), enum, minimum, maximum,
// exclusiveMinimum, exclusiveMaximum, items and format "date-time". Keywords outside the subset are
// ignored, as JSON Schema itself ignores unknown keywords.
#pragma once

#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace sellerscore::host {

struct SchemaViolation {
    std::string path;     // dotted key path, "kpi.window_days" or "kpi.visit_types[2]"; empty for the root
    std::string message;  // "expected integer, got string \"90\""

    // "kpi.window_days: expected integer, got string \"90\"" (no path prefix for the root).
    std::string to_string() const;
};

class JsonSchemaValidator {
public:
    explicit JsonSchemaValidator(boost::json::value schema);

    // Every violation: missing required keys first, then the document's keys in the order they appear.
    std::vector<SchemaViolation> validate(const boost::json::value& document) const;

private:
    boost::json::value schema_;
};

}  // namespace sellerscore::host
