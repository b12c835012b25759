#include "list_request.hpp"

namespace sellerscore::connectors::hubspot {

std::string encode_query_value(std::string_view value) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(value.size());
    for (unsigned char c : value) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                           c == '_' || c == '.' || c == '~' || c == ',';
        if (plain) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += ',';
        out += item;
    }
    return out;
}

}  // namespace

std::string ListRequest::target() const {
    std::string t = path + "?limit=" + std::to_string(limit);
    if (!properties.empty()) t += "&properties=" + encode_query_value(joined(properties));
    if (!properties_with_history.empty())
        t += "&propertiesWithHistory=" + encode_query_value(joined(properties_with_history));
    if (!associations.empty()) t += "&associations=" + encode_query_value(joined(associations));
    if (archived) t += "&archived=true";
    if (after) t += "&after=" + encode_query_value(*after);
    return t;
}

}  // namespace sellerscore::connectors::hubspot
