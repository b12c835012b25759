#include "pipedrive_time.hpp"

#include <charconv>

#include "plugin/model/timestamp_format.hpp"

namespace sellerscore::connectors::pipedrive {

namespace {

bool all_digits(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

std::optional<int> small_number(std::string_view text) {
    if (!all_digits(text)) return std::nullopt;
    int value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

}  // namespace

std::optional<model::Timestamp> parse_time(std::string_view text) {
    // v1: exactly "YYYY-MM-DD HH:MM:SS"; its calendar checks are RFC 3339's.
    if (text.size() == 19 && text[10] == ' ') {
        std::string rfc(text);
        rfc[10] = 'T';
        rfc += 'Z';
        return model::parse_rfc3339(rfc);
    }
    return model::parse_rfc3339(text);
}

// Pipedrive's filters take RFC 3339 to the second; a sub-second part is dropped (floor).
std::string format_v2_time(model::Timestamp t) { return model::format_rfc3339(t).substr(0, 19) + "Z"; }

std::string format_v1_time(model::Timestamp t) {
    // v1 has no sub-second part: "YYYY-MM-DD HH:MM:SS".
    std::string text = model::format_rfc3339(t).substr(0, 19);
    text[10] = ' ';
    return text;
}

std::string format_date(model::Timestamp t) { return model::format_rfc3339(t).substr(0, 10); }

std::optional<model::Timestamp> parse_date(std::string_view text) {
    if (text.size() != 10) return std::nullopt;
    return model::parse_rfc3339(std::string(text) + "T00:00:00Z");
}

std::optional<double> parse_duration(std::string_view text) {
    if (text.size() != 5 && text.size() != 8) return std::nullopt;
    if (text[2] != ':' || (text.size() == 8 && text[5] != ':')) return std::nullopt;
    const auto hours = small_number(text.substr(0, 2));
    const auto minutes = small_number(text.substr(3, 2));
    const auto seconds = text.size() == 8 ? small_number(text.substr(6, 2)) : std::optional<int>(0);
    if (!hours || !minutes || !seconds || *minutes > 59 || *seconds > 59) return std::nullopt;
    return *hours * 3600.0 + *minutes * 60.0 + *seconds;
}

}  // namespace sellerscore::connectors::pipedrive
