#include "deal_where.hpp"

#include <cstdio>

#include "field_name.hpp"

namespace sellerscore::connectors::salesforce {

namespace {

std::string_view op_text(CompareOp op) {
    switch (op) {
        case CompareOp::eq: return "=";
        case CompareOp::ne: return "!=";
        case CompareOp::lt: return "<";
        case CompareOp::le: return "<=";
        case CompareOp::gt: return ">";
        case CompareOp::ge: return ">=";
    }
    return "=";
}

std::string literal(const boost::json::value& value) {
    if (value.is_null()) return "null";
    if (value.is_double()) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.10g", value.as_double());
        return buffer;
    }
    if (value.is_number()) return std::to_string(value.to_number<std::int64_t>());
    const std::string_view text = value.as_string();
    std::string out = "'";
    for (const char c : text) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

}  // namespace

Result<std::string> deal_where(const DealQuery& query, const FieldSchema& schema) {
    std::string where;
    for (const auto& predicate : query.all_of) {
        const auto type = schema.type_of(RecordObject::deal, predicate.field_id);
        if (!type) return Status::invalid_argument("salesforce: deals --where: unknown field " + predicate.field_id);
        const boost::json::value value = to_salesforce(*type, predicate.value);
        std::string text = value.is_string() && *type == FieldType::datetime ? std::string(value.as_string()) : literal(value);
        if (!where.empty()) where += " AND ";
        where += api_field_name(predicate.field_id) + " " + std::string(op_text(predicate.op)) + " " + text;
    }
    return where;
}

}  // namespace sellerscore::connectors::salesforce
