#include "salesforce_time.hpp"

#include <cstdio>

#include "plugin/model/timestamp_format.hpp"

namespace sellerscore::connectors::salesforce {

std::optional<model::Timestamp> parse_instant(std::string_view text) {
    // "+0000" -> "+00:00": the one place Salesforce's format leaves RFC 3339.
    if (text.size() > 5) {
        const std::string_view tail = text.substr(text.size() - 5);
        const bool colonless = (tail[0] == '+' || tail[0] == '-') && tail.find(':') == std::string_view::npos;
        if (colonless) {
            std::string fixed(text.substr(0, text.size() - 2));
            fixed += ':';
            fixed += tail.substr(3);
            return model::parse_rfc3339(fixed);
        }
    }
    return model::parse_rfc3339(text);
}

std::optional<model::Timestamp> parse_date(std::string_view text) {
    if (text.size() != 10) return std::nullopt;
    return model::parse_rfc3339(std::string(text) + "T00:00:00Z");
}

std::string soql_instant(model::Timestamp t) {
    std::string text = model::format_rfc3339(t);  // "...:00Z" or "...:00.250Z"
    if (text.find('.') == std::string::npos) text.insert(text.size() - 1, ".000");
    return text;
}

}  // namespace sellerscore::connectors::salesforce
