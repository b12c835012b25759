#include "json_schema_validator.hpp"

#include <cmath>
#include <string_view>

#include <boost/json/serialize.hpp>

#include "json_pretty_printer.hpp"
#include "plugin/model/timestamp_format.hpp"

namespace sellerscore::host {

namespace json = boost::json;

namespace {

constexpr std::size_t max_shown_value_chars = 40;

std::string_view type_name(const json::value& v) {
    switch (v.kind()) {
    case json::kind::null:
        return "null";
    case json::kind::bool_:
        return "boolean";
    case json::kind::int64:
    case json::kind::uint64:
        return "integer";
    case json::kind::double_:
        return "number";
    case json::kind::string:
        return "string";
    case json::kind::array:
        return "array";
    case json::kind::object:
        return "object";
    }
    return "value";
}

// "string \"90\"", "integer 5", "object": scalars are shown so the user sees what was read.
std::string describe(const json::value& v) {
    std::string text(type_name(v));
    if (v.is_array() || v.is_object() || v.is_null()) {
        return text;
    }
    std::string shown = v.is_double() ? format_json_double(v.get_double()) : json::serialize(v);
    if (shown.size() > max_shown_value_chars) {
        shown = shown.substr(0, max_shown_value_chars) + "...";
    }
    return text + " " + shown;
}

bool is_integral(const json::value& v) {
    if (v.is_int64() || v.is_uint64()) {
        return true;
    }
    // JSON Schema counts 90.0 as an integer: integer-ness is about the value, not the spelling.
    return v.is_double() && std::isfinite(v.get_double()) && std::floor(v.get_double()) == v.get_double();
}

bool matches_type(const json::value& v, std::string_view type) {
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "string") return v.is_string();
    if (type == "boolean") return v.is_bool();
    if (type == "null") return v.is_null();
    if (type == "number") return v.is_number();
    if (type == "integer") return is_integral(v);
    return true;
}

std::string join_path(const std::string& parent, std::string_view key) {
    return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string format_number(const json::value& number) {
    return number.is_double() ? format_json_double(number.get_double()) : json::serialize(number);
}

class Walker {
public:
    explicit Walker(std::vector<SchemaViolation>& out) : out_(out) {}

    void check(const json::value& schema, const json::value& doc, const std::string& path) {
        const json::object* s = schema.if_object();
        if (s == nullptr) {
            return;  // `true`/`false` schemas beyond additionalProperties are not in our subset
        }
        if (!check_type(*s, doc, path)) {
            return;  // the other keywords only make sense once the type is right
        }
        check_enum(*s, doc, path);
        if (doc.is_number()) {
            check_bounds(*s, doc, path);
        }
        if (doc.is_string()) {
            check_format(*s, doc.get_string(), path);
        }
        if (doc.is_object()) {
            check_object(*s, doc.get_object(), path);
        }
        if (doc.is_array()) {
            check_items(*s, doc.get_array(), path);
        }
    }

private:
    void report(const std::string& path, std::string message) { out_.push_back({path, std::move(message)}); }

    bool check_type(const json::object& s, const json::value& doc, const std::string& path) {
        const json::value* type = s.if_contains("type");
        if (type == nullptr) {
            return true;
        }
        std::string expected;
        if (type->is_string()) {
            if (matches_type(doc, type->get_string())) return true;
            expected = type->get_string();
        } else if (type->is_array()) {
            for (const json::value& t : type->get_array()) {
                if (t.is_string() && matches_type(doc, t.get_string())) return true;
                expected += (expected.empty() ? "" : " or ") + std::string(t.is_string() ? t.get_string() : "");
            }
        } else {
            return true;
        }
        report(path, "expected " + expected + ", got " + describe(doc));
        return false;
    }

    void check_enum(const json::object& s, const json::value& doc, const std::string& path) {
        const json::value* allowed = s.if_contains("enum");
        if (allowed == nullptr || !allowed->is_array()) {
            return;
        }
        std::string listed;
        for (const json::value& option : allowed->get_array()) {
            if (option == doc) return;
            listed += (listed.empty() ? "" : ", ") +
                      (option.is_string() ? std::string(option.get_string()) : json::serialize(option));
        }
        report(path, "expected one of " + listed + ", got " + describe(doc));
    }

    void check_bounds(const json::object& s, const json::value& number, const std::string& path) {
        const double value = number.to_number<double>();
        auto bound = [&](std::string_view keyword) -> const json::value* {
            const json::value* b = s.if_contains(keyword);
            return b != nullptr && b->is_number() ? b : nullptr;
        };
        const std::string shown = format_number(number);
        if (const json::value* b = bound("minimum"); b && value < b->to_number<double>()) {
            report(path, "expected at least " + format_number(*b) + ", got " + shown);
        }
        if (const json::value* b = bound("maximum"); b && value > b->to_number<double>()) {
            report(path, "expected at most " + format_number(*b) + ", got " + shown);
        }
        if (const json::value* b = bound("exclusiveMinimum"); b && value <= b->to_number<double>()) {
            report(path, "expected more than " + format_number(*b) + ", got " + shown);
        }
        if (const json::value* b = bound("exclusiveMaximum"); b && value >= b->to_number<double>()) {
            report(path, "expected less than " + format_number(*b) + ", got " + shown);
        }
    }

    void check_format(const json::object& s, json::string_view text, const std::string& path) {
        const json::value* format = s.if_contains("format");
        if (format == nullptr || !format->is_string() || format->get_string() != "date-time") {
            return;
        }
        if (!model::parse_rfc3339(std::string_view(text.data(), text.size()))) {
            report(path, "expected an RFC 3339 date-time such as \"2026-03-01T00:00:00Z\", got " +
                             describe(json::value(text)));
        }
    }

    void check_object(const json::object& s, const json::object& doc, const std::string& path) {
        if (const json::value* required = s.if_contains("required"); required && required->is_array()) {
            for (const json::value& key : required->get_array()) {
                if (key.is_string() && !doc.contains(key.get_string())) {
                    report(join_path(path, key.get_string()), "missing required key");
                }
            }
        }
        const json::object* properties = nullptr;
        if (const json::value* p = s.if_contains("properties"); p && p->is_object()) {
            properties = &p->get_object();
        }
        const json::value* additional = s.if_contains("additionalProperties");
        for (const auto& [key, value] : doc) {
            const std::string child = join_path(path, key);
            if (properties != nullptr) {
                if (const json::value* property_schema = properties->if_contains(key)) {
                    check(*property_schema, value, child);
                    continue;
                }
            }
            if (additional == nullptr) {
                continue;
            }
            if (additional->is_bool()) {
                if (!additional->get_bool()) report(child, "unknown key");
            } else {
                check(*additional, value, child);
            }
        }
    }

    void check_items(const json::object& s, const json::array& doc, const std::string& path) {
        const json::value* items = s.if_contains("items");
        if (items == nullptr) {
            return;
        }
        for (std::size_t i = 0; i < doc.size(); ++i) {
            check(*items, doc[i], path + "[" + std::to_string(i) + "]");
        }
    }

    std::vector<SchemaViolation>& out_;
};

}  // namespace

std::string SchemaViolation::to_string() const { return path.empty() ? message : path + ": " + message; }

JsonSchemaValidator::JsonSchemaValidator(json::value schema) : schema_(std::move(schema)) {}

std::vector<SchemaViolation> JsonSchemaValidator::validate(const json::value& document) const {
    std::vector<SchemaViolation> violations;
    Walker(violations).check(schema_, document, "");
    return violations;
}

}  // namespace sellerscore::host
