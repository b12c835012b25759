#include "json_access.hpp"

#include <boost/json.hpp>

namespace sellerscore::connectors::pipedrive {

namespace json = boost::json;

const json::value* member(const json::value& object, std::string_view key) {
    const json::object* o = object.if_object();
    if (o == nullptr) return nullptr;
    const auto it = o->find(key);
    if (it == o->end() || it->value().is_null()) return nullptr;
    return &it->value();
}

const json::array* array_at(const json::value& object, std::string_view key) {
    const json::value* v = member(object, key);
    return v ? v->if_array() : nullptr;
}

std::string text_of(const json::value& value) {
    if (const json::string* s = value.if_string()) return std::string(*s);
    if (const std::int64_t* i = value.if_int64()) return std::to_string(*i);
    if (const std::uint64_t* u = value.if_uint64()) return std::to_string(*u);
    return {};
}

std::string text_at(const json::value& object, std::string_view key) {
    const json::value* v = member(object, key);
    return v ? text_of(*v) : std::string();
}

std::optional<double> number_at(const json::value& object, std::string_view key) {
    const json::value* v = member(object, key);
    if (v == nullptr || !v->is_number()) return std::nullopt;
    return v->to_number<double>();
}

std::optional<bool> bool_at(const json::value& object, std::string_view key) {
    const json::value* v = member(object, key);
    if (v == nullptr) return std::nullopt;
    if (const bool* b = v->if_bool()) return *b;
    if (const std::int64_t* i = v->if_int64()) return *i != 0;
    return std::nullopt;
}

}  // namespace sellerscore::connectors::pipedrive
