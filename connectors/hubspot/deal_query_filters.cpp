#include "deal_query_filters.hpp"

#include "property_value.hpp"

namespace sellerscore::connectors::hubspot {

namespace {

std::string_view operator_name(CompareOp op) {
    switch (op) {
        case CompareOp::eq: return "EQ";
        case CompareOp::ne: return "NEQ";
        case CompareOp::lt: return "LT";
        case CompareOp::le: return "LTE";
        case CompareOp::gt: return "GT";
        case CompareOp::ge: return "GTE";
    }
    return "EQ";
}

Result<std::string> operand_text(PropertyKind kind, const FieldPredicate& predicate) {
    const std::string where = "field '" + predicate.field_id + "'";
    if (std::holds_alternative<std::monostate>(predicate.value)) {
        return Status::invalid_argument(where + " compared with null");
    }
    if (kind == PropertyKind::datetime) {
        const std::string* text = std::get_if<std::string>(&predicate.value);
        const auto ms = text ? parse_time_ms(*text) : std::nullopt;
        if (!ms) return Status::invalid_argument(where + " is a datetime: compare it with an RFC 3339 instant");
        return std::to_string(*ms);
    }
    auto text = property_text_of(kind, predicate.value);
    if (!text) return text.status().prefixed(where + ": ");
    return text;
}

}  // namespace

Result<std::vector<SearchFilter>> deal_query_filters(const DealQuery& query, const FieldSchema& schema) {
    if (query.all_of.size() > SearchRequest::max_filters) {
        return Status::invalid_argument("hubspot: a deal query takes at most " +
                                        std::to_string(SearchRequest::max_filters) +
                                        " conditions (one HubSpot search filter group); got " +
                                        std::to_string(query.all_of.size()));
    }
    std::vector<SearchFilter> filters;
    for (const FieldPredicate& predicate : query.all_of) {
        const auto kind = schema.kind(RecordObject::deal, predicate.field_id);
        if (!kind) return Status::invalid_argument("unknown deal field '" + predicate.field_id + "'");
        auto value = operand_text(*kind, predicate);
        if (!value) return value.status();
        filters.push_back({property_name(predicate.field_id), std::string(operator_name(predicate.op)), std::move(*value)});
    }
    return filters;
}

}  // namespace sellerscore::connectors::hubspot
