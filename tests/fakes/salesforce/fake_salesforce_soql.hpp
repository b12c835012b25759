// The SOQL subset the fake understands, parsed into a query tree:
//   SELECT f, Rel.f, convertCurrency(f) | COUNT() FROM Object
//   [WHERE cond ((AND|OR) cond)*] [ORDER BY f [ASC|DESC], ...] [LIMIT n]
// with cond = f (=|!=|<>|<|<=|>|>=) literal | f [NOT] IN (literal, ...) | ( conditions ), and
// literals 'text', numbers, true/false/null, 2026-01-01T00:00:00Z (.000Z, +01:00) and 2026-01-01.
// AND and OR mixed without parentheses are refused as Salesforce refuses them. Anything else is
// MALFORMED_QUERY with Salesforce's message layout (the query, a caret, "ERROR at Row:1:Column:n").
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace sellerscore::fakes {

struct SoqlFieldRef {
    std::string relationship;  // "UserRole" in UserRole.Name; empty for a field of the object
    std::string field;
    bool convert_currency = false;
    std::size_t column = 0;  // 1-based, for error messages
};

struct SoqlLiteral {
    enum class Kind { text, number, boolean, null, datetime, date };
    Kind kind = Kind::null;
    std::string text;  // as written (text: unescaped)
    double number = 0;
    bool boolean = false;
    std::int64_t ms = 0;
    std::size_t column = 0;
};

struct SoqlCondition {
    enum class Kind { compare, in, not_in, all_of, any_of };
    Kind kind = Kind::compare;
    SoqlFieldRef field;
    std::string op;  // compare: "=", "!=", "<", "<=", ">", ">="
    std::vector<SoqlLiteral> values;
    std::vector<SoqlCondition> children;  // all_of (AND), any_of (OR)
};

struct SoqlOrder {
    SoqlFieldRef field;
    bool descending = false;
};

struct SoqlQuery {
    std::string text;
    std::vector<SoqlFieldRef> fields;
    bool count = false;
    std::string object;
    std::size_t object_column = 0;
    std::optional<SoqlCondition> where;
    std::vector<SoqlOrder> order;
    std::optional<std::int64_t> limit;
};

struct SoqlError {
    std::string error_code;  // MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE
    std::string message;
};

// Salesforce's error message layout for a problem at `column` of the query.
std::string soql_error_message(const std::string& query, std::size_t column, const std::string& problem);

std::variant<SoqlQuery, SoqlError> parse_soql(const std::string& text);

}  // namespace sellerscore::fakes
