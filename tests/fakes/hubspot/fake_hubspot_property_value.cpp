#include "fake_hubspot_property_value.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "plugin/model/timestamp_format.hpp"

namespace sellerscore::fakes {
namespace {

constexpr std::int64_t ms_per_day = 86'400'000;
constexpr std::size_t max_string_length = 65'536;

bool is_all_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// HubSpot numbers: optional sign, digits, at most one decimal point.
bool is_hubspot_number(std::string_view text) {
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
    const std::size_t dot = text.find('.');
    if (dot == std::string_view::npos) return is_all_digits(text);
    const std::string_view whole = text.substr(0, dot);
    const std::string_view fraction = text.substr(dot + 1);
    return (is_all_digits(whole) || whole.empty()) && (is_all_digits(fraction) || fraction.empty()) &&
           !(whole.empty() && fraction.empty());
}

std::optional<std::int64_t> parse_date_only(std::string_view text) {
    // YYYY-MM-DD
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    return parse_epoch_millis(std::string(text) + "T00:00:00Z");
}

bool option_exists(const FakeHubSpotProperty& definition, std::string_view value) {
    return std::any_of(definition.options.begin(), definition.options.end(),
                       [&](const FakeHubSpotPropertyOption& option) { return option.value == value; });
}

}  // namespace

std::optional<std::int64_t> parse_epoch_millis(std::string_view text) {
    if (is_all_digits(text) || (text.size() > 1 && text.front() == '-' && is_all_digits(text.substr(1)))) {
        std::int64_t value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
        return value;
    }
    return model::parse_rfc3339(text);
}

std::string format_iso_millis(std::int64_t epoch_ms) {
    std::string text = model::format_rfc3339(epoch_ms);
    if (text.size() == 20) text.insert(19, ".000");  // HubSpot always prints the milliseconds
    return text;
}

bool compares_numerically(const FakeHubSpotProperty& definition) {
    return definition.type == "number" || definition.type == "datetime" || definition.type == "date";
}

std::optional<std::string> normalize_property_value(const FakeHubSpotProperty& definition, std::string_view wire) {
    if (wire.empty()) return std::string{};
    const std::string& type = definition.type;
    if (type == "number") {
        if (!is_hubspot_number(wire)) return std::nullopt;
        return std::string(wire);
    }
    if (type == "datetime") {
        const std::optional<std::int64_t> ms = parse_epoch_millis(wire);
        if (!ms) return std::nullopt;
        return std::to_string(*ms);
    }
    if (type == "date") {
        std::optional<std::int64_t> ms = parse_date_only(wire);
        if (!ms) ms = parse_epoch_millis(wire);
        // A date property holds a UTC calendar day: anything but midnight is rejected.
        if (!ms || *ms % ms_per_day != 0) return std::nullopt;
        return std::to_string(*ms);
    }
    if (type == "bool") {
        if (wire != "true" && wire != "false") return std::nullopt;
        return std::string(wire);
    }
    if (type == "enumeration") {
        if (definition.options.empty() && definition.calculated) return std::string(wire);
        // Checkboxes hold several options separated by ';'.
        if (definition.field_type == "checkbox") {
            std::string_view rest = wire;
            while (!rest.empty()) {
                const std::size_t semicolon = rest.find(';');
                if (!option_exists(definition, rest.substr(0, semicolon))) return std::nullopt;
                if (semicolon == std::string_view::npos) break;
                rest.remove_prefix(semicolon + 1);
            }
            return std::string(wire);
        }
        if (!option_exists(definition, wire)) return std::nullopt;
        return std::string(wire);
    }
    if (wire.size() > max_string_length) return std::nullopt;
    return std::string(wire);
}

std::string render_property_value(const FakeHubSpotProperty& definition, const std::string& stored) {
    if (stored.empty()) return stored;
    if (definition.type == "datetime") {
        std::int64_t ms = 0;
        std::from_chars(stored.data(), stored.data() + stored.size(), ms);
        return format_iso_millis(ms);
    }
    if (definition.type == "date") {
        std::int64_t ms = 0;
        std::from_chars(stored.data(), stored.data() + stored.size(), ms);
        return format_iso_millis(ms).substr(0, 10);
    }
    return stored;
}

}  // namespace sellerscore::fakes
