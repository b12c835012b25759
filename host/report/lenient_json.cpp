#include "lenient_json.hpp"

#include <cmath>

#include <boost/json/value.hpp>

namespace sellerscore::host::report {

namespace json = boost::json;

namespace {

const json::object& empty_object() {
    static const json::object empty;
    return empty;
}

}  // namespace

const json::object& object_at(const json::object& parent, std::string_view key) {
    const json::value* v = parent.if_contains(key);
    return v && v->is_object() ? v->get_object() : empty_object();
}

const json::array& array_at(const json::object& parent, std::string_view key) {
    static const json::array empty;
    const json::value* v = parent.if_contains(key);
    return v && v->is_array() ? v->get_array() : empty;
}

std::optional<double> number_at(const json::object& parent, std::string_view key) {
    const json::value* v = parent.if_contains(key);
    if (v == nullptr || !v->is_number()) return std::nullopt;
    const double d = v->to_number<double>();
    return std::isfinite(d) ? std::optional<double>(d) : std::nullopt;
}

std::optional<std::string> string_at(const json::object& parent, std::string_view key) {
    const json::value* v = parent.if_contains(key);
    if (v == nullptr || !v->is_string()) return std::nullopt;
    return std::string(v->get_string());
}

bool bool_at(const json::object& parent, std::string_view key) {
    const json::value* v = parent.if_contains(key);
    return v && v->is_bool() && v->get_bool();
}

const json::object& as_object(const json::value& document) {
    return document.is_object() ? document.get_object() : empty_object();
}

}  // namespace sellerscore::host::report
