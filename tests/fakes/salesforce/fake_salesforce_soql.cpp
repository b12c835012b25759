#include "fake_salesforce_soql.hpp"

#include <cctype>
#include <charconv>

#include "fake_salesforce_sobject.hpp"
#include "fake_salesforce_time.hpp"

namespace sellerscore::fakes {
namespace {

struct Token {
    enum class Kind { identifier, text, number, datetime, date, symbol, end };
    Kind kind = Kind::end;
    std::string text;
    std::size_t column = 0;
};

struct Malformed {
    std::size_t column;
    std::string problem;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::vector<Token> tokenize(const std::string& q) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < q.size()) {
        const char c = q[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
            continue;
        }
        Token token;
        token.column = i + 1;
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            std::size_t j = i;
            while (j < q.size() && (std::isalnum(static_cast<unsigned char>(q[j])) || q[j] == '_' || q[j] == '.')) ++j;
            token.kind = Token::Kind::identifier;
            token.text = q.substr(i, j - i);
            i = j;
        } else if (c == '\'') {
            std::size_t j = i + 1;
            std::string value;
            bool closed = false;
            while (j < q.size()) {
                if (q[j] == '\\' && j + 1 < q.size()) {
                    const char e = q[j + 1];
                    value += e == 'n' ? '\n' : (e == 't' ? '\t' : e);
                    j += 2;
                } else if (q[j] == '\'') {
                    closed = true;
                    ++j;
                    break;
                } else {
                    value += q[j++];
                }
            }
            if (!closed) throw Malformed{token.column, "line 1:" + std::to_string(token.column - 1) + " mismatched character '<EOF>' expecting '''"};
            token.kind = Token::Kind::text;
            token.text = std::move(value);
            i = j;
        } else if (is_digit(c) || (c == '-' && i + 1 < q.size() && is_digit(q[i + 1]))) {
            std::size_t j = i + 1;
            // 2026-01-01 and 2026-01-01T00:00:00(.000)(Z|+01:00)
            if (i + 10 <= q.size() && is_digit(q[i]) && q[i + 4] == '-' && q[i + 7] == '-') {
                j = i + 10;
                token.kind = Token::Kind::date;
                if (j < q.size() && (q[j] == 'T' || q[j] == 't')) {
                    while (j < q.size() && (std::isalnum(static_cast<unsigned char>(q[j])) || q[j] == ':' || q[j] == '.' ||
                                            q[j] == '+' || q[j] == '-'))
                        ++j;
                    token.kind = Token::Kind::datetime;
                }
            } else {
                while (j < q.size() && (is_digit(q[j]) || q[j] == '.')) ++j;
                token.kind = Token::Kind::number;
            }
            token.text = q.substr(i, j - i);
            i = j;
        } else {
            static const char* two[] = {"!=", "<>", "<=", ">="};
            token.kind = Token::Kind::symbol;
            for (const char* op : two)
                if (q.compare(i, 2, op) == 0) token.text = op;
            if (token.text.empty()) {
                if (std::string_view("=<>(),").find(c) == std::string_view::npos)
                    throw Malformed{token.column, "line 1:" + std::to_string(i) + " no viable alternative at character '" +
                                                      std::string(1, c) + "'"};
                token.text = std::string(1, c);
            }
            i += token.text.size();
        }
        tokens.push_back(std::move(token));
    }
    Token end;
    end.column = q.size() + 1;
    tokens.push_back(end);
    return tokens;
}

class Parser {
public:
    explicit Parser(const std::string& text) : tokens_(tokenize(text)) {}

    SoqlQuery parse(std::string text) {
        SoqlQuery query;
        query.text = std::move(text);
        expect_keyword("SELECT");
        if (is_keyword("COUNT") && peek(1).text == "(") {
            next();
            expect_symbol("(");
            expect_symbol(")");
            query.count = true;
        } else {
            query.fields.push_back(select_item());
            while (peek().text == ",") {
                next();
                query.fields.push_back(select_item());
            }
        }
        expect_keyword("FROM");
        const Token& object = expect_identifier();
        query.object = object.text;
        query.object_column = object.column;
        if (is_keyword("WHERE")) {
            next();
            query.where = conditions();
        }
        if (is_keyword("ORDER")) {
            next();
            expect_keyword("BY");
            do {
                if (peek().text == ",") next();
                SoqlOrder order;
                order.field = field_ref(expect_identifier());
                if (is_keyword("ASC")) next();
                else if (is_keyword("DESC")) {
                    next();
                    order.descending = true;
                }
                query.order.push_back(std::move(order));
            } while (peek().text == ",");
        }
        if (is_keyword("LIMIT")) {
            next();
            const Token& n = next();
            std::int64_t limit = -1;
            if (n.kind == Token::Kind::number)
                std::from_chars(n.text.data(), n.text.data() + n.text.size(), limit);
            if (limit < 0) unexpected(n);
            query.limit = limit;
        }
        if (peek().kind != Token::Kind::end) unexpected(peek());
        return query;
    }

private:
    const Token& peek(std::size_t ahead = 0) const { return tokens_[std::min(position_ + ahead, tokens_.size() - 1)]; }
    const Token& next() {
        const Token& token = peek();
        if (position_ < tokens_.size() - 1) ++position_;
        return token;
    }
    bool is_keyword(const char* word) const {
        return peek().kind == Token::Kind::identifier && lower_case(peek().text) == lower_case(word);
    }
    [[noreturn]] void unexpected(const Token& token) const {
        throw Malformed{token.column, token.kind == Token::Kind::end ? "unexpected token: <EOF>"
                                                                       : "unexpected token: '" + token.text + "'"};
    }
    void expect_keyword(const char* word) {
        if (!is_keyword(word)) unexpected(peek());
        next();
    }
    void expect_symbol(const char* symbol) {
        if (peek().kind != Token::Kind::symbol || peek().text != symbol) unexpected(peek());
        next();
    }
    const Token& expect_identifier() {
        if (peek().kind != Token::Kind::identifier) unexpected(peek());
        return next();
    }

    SoqlFieldRef field_ref(const Token& token) const {
        SoqlFieldRef ref;
        ref.column = token.column;
        const std::size_t dot = token.text.find('.');
        if (dot == std::string::npos) {
            ref.field = token.text;
        } else {
            // One level of relationship only: Account.Owner.Name is outside the subset.
            if (token.text.find('.', dot + 1) != std::string::npos || dot == 0 || dot + 1 == token.text.size())
                throw Malformed{token.column, "unexpected token: '" + token.text + "'"};
            ref.relationship = token.text.substr(0, dot);
            ref.field = token.text.substr(dot + 1);
        }
        return ref;
    }

    SoqlFieldRef select_item() {
        const Token& token = expect_identifier();
        if (lower_case(token.text) == "convertcurrency" && peek().text == "(") {
            next();
            SoqlFieldRef ref = field_ref(expect_identifier());
            ref.convert_currency = true;
            expect_symbol(")");
            return ref;
        }
        if (peek().text == "(") unexpected(peek());  // other functions (toLabel, FORMAT, aggregates)
        return field_ref(token);
    }

    SoqlCondition conditions() {
        SoqlCondition first = condition();
        if (!is_keyword("AND") && !is_keyword("OR")) return first;
        const std::string joiner = lower_case(peek().text);
        SoqlCondition group;
        group.kind = joiner == "and" ? SoqlCondition::Kind::all_of : SoqlCondition::Kind::any_of;
        group.children.push_back(std::move(first));
        while (is_keyword("AND") || is_keyword("OR")) {
            // Salesforce refuses a AND b OR c: the grouping must be spelled with parentheses.
            if (lower_case(peek().text) != joiner) unexpected(peek());
            next();
            group.children.push_back(condition());
        }
        return group;
    }

    SoqlCondition condition() {
        if (peek().text == "(" && peek().kind == Token::Kind::symbol) {
            next();
            SoqlCondition inner = conditions();
            expect_symbol(")");
            return inner;
        }
        SoqlCondition c;
        c.field = field_ref(expect_identifier());
        if (is_keyword("IN") || (is_keyword("NOT") && lower_case(peek(1).text) == "in")) {
            c.kind = is_keyword("NOT") ? SoqlCondition::Kind::not_in : SoqlCondition::Kind::in;
            if (c.kind == SoqlCondition::Kind::not_in) next();
            next();
            expect_symbol("(");
            c.values.push_back(literal());
            while (peek().text == ",") {
                next();
                c.values.push_back(literal());
            }
            expect_symbol(")");
            return c;
        }
        const Token& op = next();
        if (op.kind != Token::Kind::symbol || op.text == "(" || op.text == ")" || op.text == ",") unexpected(op);
        c.op = op.text == "<>" ? "!=" : op.text;
        c.values.push_back(literal());
        return c;
    }

    SoqlLiteral literal() {
        const Token& token = next();
        SoqlLiteral value;
        value.column = token.column;
        value.text = token.text;
        switch (token.kind) {
            case Token::Kind::text: value.kind = SoqlLiteral::Kind::text; return value;
            case Token::Kind::number: {
                value.kind = SoqlLiteral::Kind::number;
                const auto [end, error] = std::from_chars(token.text.data(), token.text.data() + token.text.size(), value.number);
                if (error != std::errc() || end != token.text.data() + token.text.size()) unexpected(token);
                return value;
            }
            case Token::Kind::datetime: {
                const std::optional<std::int64_t> ms = parse_salesforce_datetime(token.text);
                if (!ms) unexpected(token);
                value.kind = SoqlLiteral::Kind::datetime;
                value.ms = *ms;
                return value;
            }
            case Token::Kind::date: {
                const std::optional<std::int64_t> ms = parse_salesforce_date(token.text);
                if (!ms) unexpected(token);
                value.kind = SoqlLiteral::Kind::date;
                value.ms = *ms;
                return value;
            }
            case Token::Kind::identifier: {
                const std::string word = lower_case(token.text);
                if (word == "true" || word == "false") {
                    value.kind = SoqlLiteral::Kind::boolean;
                    value.boolean = word == "true";
                    return value;
                }
                if (word == "null") {
                    value.kind = SoqlLiteral::Kind::null;
                    return value;
                }
                // Date literals (TODAY, LAST_N_DAYS:n) and bind variables are outside the subset.
                unexpected(token);
            }
            default: unexpected(token);
        }
    }

    std::vector<Token> tokens_;
    std::size_t position_ = 0;
};

}  // namespace

std::string soql_error_message(const std::string& query, std::size_t column, const std::string& problem) {
    return "\n" + query + "\n" + std::string(column > 0 ? column - 1 : 0, ' ') + "^\nERROR at Row:1:Column:" +
           std::to_string(column) + "\n" + problem;
}

std::variant<SoqlQuery, SoqlError> parse_soql(const std::string& text) {
    try {
        Parser parser(text);
        return parser.parse(text);
    } catch (const Malformed& malformed) {
        return SoqlError{"MALFORMED_QUERY", soql_error_message(text, malformed.column, malformed.problem)};
    }
}

}  // namespace sellerscore::fakes
