#include "sobject_fields.hpp"

#include "salesforce_time.hpp"

namespace sellerscore::connectors::salesforce {

const boost::json::value* field_at(const boost::json::value& record, std::string_view path) {
    const boost::json::value* at = &record;
    while (true) {
        if (!at->is_object()) return nullptr;
        const std::size_t dot = path.find('.');
        at = at->as_object().if_contains(path.substr(0, dot));
        if (at == nullptr || at->is_null()) return nullptr;
        if (dot == std::string_view::npos) return at;
        path.remove_prefix(dot + 1);
    }
}

std::optional<std::string> text_at(const boost::json::value& record, std::string_view path) {
    const auto* v = field_at(record, path);
    if (v == nullptr || !v->is_string() || v->as_string().empty()) return std::nullopt;
    return std::string(v->as_string());
}

std::string id_at(const boost::json::value& record, std::string_view path) {
    return text_at(record, path).value_or("");
}

std::optional<double> number_at(const boost::json::value& record, std::string_view path) {
    const auto* v = field_at(record, path);
    if (v == nullptr || !v->is_number()) return std::nullopt;
    return v->to_number<double>();
}

bool flag_at(const boost::json::value& record, std::string_view path) {
    const auto* v = field_at(record, path);
    return v != nullptr && v->is_bool() && v->as_bool();
}

std::optional<model::Timestamp> instant_at(const boost::json::value& record, std::string_view path) {
    const auto text = text_at(record, path);
    return text ? parse_instant(*text) : std::nullopt;
}

std::string_view key_prefix(std::string_view id) { return id.substr(0, 3); }

}  // namespace sellerscore::connectors::salesforce
