#include "json_access.hpp"

#include <boost/json.hpp>

#include "property_value.hpp"

namespace sellerscore::connectors::hubspot {

namespace json = boost::json;

const json::value* member(const json::value& object, std::string_view key) {
    const json::object* o = object.if_object();
    if (o == nullptr) return nullptr;
    const auto it = o->find(key);
    return it == o->end() ? nullptr : &it->value();
}

const json::array* array_at(const json::value& object, std::string_view key) {
    const json::value* v = member(object, key);
    return v ? v->if_array() : nullptr;
}

std::string string_at(const json::value& object, std::string_view key) {
    const json::value* v = member(object, key);
    if (v == nullptr) return {};
    if (const json::string* s = v->if_string()) return std::string(*s);
    if (const std::int64_t* i = v->if_int64()) return std::to_string(*i);
    if (const std::uint64_t* u = v->if_uint64()) return std::to_string(*u);
    return {};
}

std::optional<double> number_at(const json::value& object, std::string_view key) {
    const json::value* v = member(object, key);
    if (v == nullptr) return std::nullopt;
    if (v->is_number()) return v->to_number<double>();
    if (const json::string* s = v->if_string()) return parse_number(*s);
    return std::nullopt;
}

std::string property_at(const json::value& crm_object, std::string_view name) {
    const json::value* properties = member(crm_object, "properties");
    return properties ? string_at(*properties, name) : std::string();
}

}  // namespace sellerscore::connectors::hubspot
