#include "deal_filter.hpp"

#include <cctype>
#include <charconv>
#include <vector>

#include "plugin/model/timestamp_format.hpp"

namespace sellerscore::plugin {

using connectors::CompareOp;
using connectors::FieldType;
using connectors::FieldValue;

namespace {

struct Token {
    std::string text;
    bool quoted = false;
    std::size_t column = 0;  // 1-based, for messages
};

Status syntax_error(const Token& at, std::string_view what) {
    return Status::invalid_argument("--where, column " + std::to_string(at.column) + ": " + std::string(what));
}

Result<std::vector<Token>> tokenize(std::string_view s) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
        } else if (c == '\'' || c == '"') {
            const std::size_t close = s.find(c, i + 1);
            if (close == std::string_view::npos) {
                return Status::invalid_argument("--where, column " + std::to_string(i + 1) + ": unterminated quote");
            }
            tokens.push_back({std::string(s.substr(i + 1, close - i - 1)), true, i + 1});
            i = close + 1;
        } else if (c == '=' || c == '!' || c == '<' || c == '>') {
            std::size_t len = 1;
            if (i + 1 < s.size() && (s[i + 1] == '=' || (c == '<' && s[i + 1] == '>'))) len = 2;
            tokens.push_back({std::string(s.substr(i, len)), false, i + 1});
            i += len;
        } else {
            const std::size_t start = i;
            while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i])) && s[i] != '=' && s[i] != '!' &&
                   s[i] != '<' && s[i] != '>') {
                ++i;
            }
            tokens.push_back({std::string(s.substr(start, i - start)), false, start + 1});
        }
    }
    return tokens;
}

std::optional<CompareOp> compare_op(std::string_view t) {
    if (t == "=" || t == "==") return CompareOp::eq;
    if (t == "!=" || t == "<>") return CompareOp::ne;
    if (t == "<") return CompareOp::lt;
    if (t == "<=") return CompareOp::le;
    if (t == ">") return CompareOp::gt;
    if (t == ">=") return CompareOp::ge;
    return std::nullopt;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

std::optional<double> parse_number(std::string_view text) {
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return v;
}

Result<FieldValue> typed_value(const connectors::FieldDefinition& field, const Token& token) {
    switch (field.type) {
        case FieldType::text: return FieldValue(token.text);
        case FieldType::enumeration:
            for (const std::string& option : field.options) {
                if (iequals(option, token.text)) return FieldValue(option);
            }
            return syntax_error(token, "'" + token.text + "' is not a value of " + field.id);
        case FieldType::datetime: {
            const auto t = model::parse_rfc3339(token.text);
            if (!t) return syntax_error(token, field.id + " takes an RFC 3339 instant, got '" + token.text + "'");
            return FieldValue(model::format_rfc3339(*t));
        }
        case FieldType::percentage: {
            std::string_view text = token.text;
            const bool percent = !text.empty() && text.back() == '%';
            if (percent) text.remove_suffix(1);
            const auto v = parse_number(text);
            if (!v) return syntax_error(token, field.id + " takes a percentage such as 40% or 0.4");
            if (!percent && (*v > 1 || *v < 0)) {
                return syntax_error(token, field.id + " is a percentage: write " + token.text + "% or a ratio in [0, 1]");
            }
            return FieldValue(percent ? *v / 100 : *v);
        }
        case FieldType::number:
        case FieldType::money: {
            const auto v = parse_number(token.text);
            if (!v) return syntax_error(token, field.id + " takes a number, got '" + token.text + "'");
            return FieldValue(*v);
        }
    }
    return Status::internal("deal filter: unhandled field type");
}

std::string deal_field_list(const FieldCatalog& catalog) {
    std::string list;
    for (const auto& f : catalog.fields()) {
        if (f.object != connectors::RecordObject::deal) continue;
        list += list.empty() ? "" : ", ";
        list += f.id;
    }
    return list;
}

}  // namespace

Result<connectors::DealQuery> parse_deal_filter(std::string_view where, const FieldCatalog& catalog) {
    auto tokens = tokenize(where);
    if (!tokens) return tokens.status();
    const std::vector<Token>& t = *tokens;
    if (t.empty()) return Status::invalid_argument("--where: empty filter");

    connectors::DealQuery query;
    std::size_t i = 0;
    while (true) {
        if (i + 3 > t.size()) {
            return syntax_error(t[std::min(i, t.size() - 1)], "expected <field> <op> <value>");
        }
        const Token& name = t[i];
        const auto index = catalog.index_of(name.text);
        if (!index || catalog.at(*index).object != connectors::RecordObject::deal) {
            return syntax_error(name, "unknown deal field '" + name.text + "' (fields: " + deal_field_list(catalog) + ")");
        }
        const auto op = t[i + 1].quoted ? std::nullopt : compare_op(t[i + 1].text);
        if (!op) return syntax_error(t[i + 1], "expected one of = != < <= > >=, got '" + t[i + 1].text + "'");
        const auto& field = catalog.at(*index);
        if (field.type == FieldType::enumeration && *op != CompareOp::eq && *op != CompareOp::ne) {
            return syntax_error(t[i + 1], field.id + " is an enumeration: use = or !=");
        }
        if (field.type == FieldType::text && *op != CompareOp::eq && *op != CompareOp::ne) {
            return syntax_error(t[i + 1], field.id + " is text: use = or !=");
        }
        auto value = typed_value(field, t[i + 2]);
        if (!value) return value.status();
        query.all_of.push_back({field.id, *op, std::move(*value)});
        i += 3;
        if (i == t.size()) break;
        if (iequals(t[i].text, "or")) return syntax_error(t[i], "'or' is not supported; run one query per alternative");
        if (!iequals(t[i].text, "and")) return syntax_error(t[i], "expected 'and', got '" + t[i].text + "'");
        ++i;
    }
    return query;
}

}  // namespace sellerscore::plugin
