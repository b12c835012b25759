#include "deal_predicate.hpp"

#include <optional>

namespace sellerscore::connectors::pipedrive {

namespace {

// -1, 0, 1; nullopt when the two cannot be ordered (null, or a number against a string).
std::optional<int> compare(const FieldValue& a, const FieldValue& b) {
    if (const double* x = std::get_if<double>(&a)) {
        if (const double* y = std::get_if<double>(&b)) return *x < *y ? -1 : (*x > *y ? 1 : 0);
        return std::nullopt;
    }
    if (const std::string* x = std::get_if<std::string>(&a)) {
        if (const std::string* y = std::get_if<std::string>(&b)) return x->compare(*y) < 0 ? -1 : (*x == *y ? 0 : 1);
        return std::nullopt;
    }
    return std::nullopt;
}

bool holds(const FieldValue& value, const FieldPredicate& predicate) {
    const bool value_null = std::holds_alternative<std::monostate>(value);
    const bool wanted_null = std::holds_alternative<std::monostate>(predicate.value);
    if (value_null || wanted_null) {
        if (predicate.op == CompareOp::eq) return value_null && wanted_null;
        if (predicate.op == CompareOp::ne) return value_null != wanted_null;
        return false;
    }
    const auto order = compare(value, predicate.value);
    if (!order) return predicate.op == CompareOp::ne;
    switch (predicate.op) {
        case CompareOp::eq: return *order == 0;
        case CompareOp::ne: return *order != 0;
        case CompareOp::lt: return *order < 0;
        case CompareOp::le: return *order <= 0;
        case CompareOp::gt: return *order > 0;
        case CompareOp::ge: return *order >= 0;
    }
    return false;
}

}  // namespace

bool matches_all(const std::map<std::string, FieldValue>& fields, const std::vector<FieldPredicate>& predicates) {
    for (const auto& predicate : predicates) {
        const auto it = fields.find(predicate.field_id);
        const FieldValue value = it == fields.end() ? FieldValue() : it->second;
        if (!holds(value, predicate)) return false;
    }
    return true;
}

}  // namespace sellerscore::connectors::pipedrive
