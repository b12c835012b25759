#include "field_schema.hpp"

#include <boost/json/value.hpp>

#include "plugin/model/timestamp_format.hpp"
#include "salesforce_time.hpp"

namespace sellerscore::connectors::salesforce {

std::optional<FieldType> FieldSchema::type_of(RecordObject object, const std::string& id) const {
    const auto it = fields_.find({object, id});
    if (it == fields_.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> FieldSchema::ids(RecordObject object) const {
    std::vector<std::string> out;
    for (const auto& [key, type] : fields_)
        if (key.first == object) out.push_back(key.second);
    return out;
}

boost::json::value to_salesforce(FieldType type, const FieldValue& value) {
    if (std::holds_alternative<std::monostate>(value)) return nullptr;
    if (const double* number = std::get_if<double>(&value)) {
        return type == FieldType::percentage ? *number * 100.0 : *number;
    }
    const std::string& text = std::get<std::string>(value);
    if (type == FieldType::datetime) {
        if (auto t = model::parse_rfc3339(text)) return boost::json::value(soql_instant(*t));
    }
    return boost::json::value(text);
}

FieldValue from_salesforce(FieldType type, const boost::json::value& value) {
    if (value.is_number()) {
        const double number = value.to_number<double>();
        return type == FieldType::percentage ? number / 100.0 : number;
    }
    if (value.is_string()) {
        std::string text(value.as_string());
        if (type == FieldType::datetime) {
            if (auto t = parse_instant(text)) return model::format_rfc3339(*t);
        }
        return text;
    }
    return std::monostate{};
}

}  // namespace sellerscore::connectors::salesforce
