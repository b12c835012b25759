#include "property_value.hpp"

#include <charconv>
#include <cmath>

#include "plugin/model/timestamp_format.hpp"

namespace sellerscore::connectors::hubspot {

namespace {

bool all_digits(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

}  // namespace

std::optional<std::int64_t> parse_time_ms(std::string_view text) {
    if (all_digits(text)) {
        std::int64_t ms = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
        if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
        return ms;
    }
    return model::parse_rfc3339(text);
}

std::optional<model::Timestamp> parse_time(std::string_view text) { return parse_time_ms(text); }

std::optional<double> parse_number(std::string_view text) {
    if (text.empty()) return std::nullopt;
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::optional<std::string> format_number(double value) {
    if (!std::isfinite(value)) return std::nullopt;
    if (value == 0) return std::string("0");  // also for -0: HubSpot has no negative zero
    char buffer[400];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
    if (ec != std::errc()) return std::nullopt;
    return std::string(buffer, end);
}

std::string format_time_ms(std::int64_t epoch_ms) {
    // HubSpot's own format always carries the milliseconds: "...:SS.mmmZ".
    std::string text = model::format_rfc3339(epoch_ms);
    if (text.size() == 20) text.insert(19, ".000");
    return text;
}

FieldValue held_value_of(PropertyKind kind, std::string_view text) {
    if (text.empty()) return std::monostate{};
    switch (kind) {
        case PropertyKind::number: {
            const auto number = parse_number(text);
            if (!number) return std::monostate{};
            return *number;
        }
        case PropertyKind::datetime: {
            const auto instant = parse_time(text);
            if (!instant) return std::monostate{};
            return model::format_rfc3339(*instant);
        }
        case PropertyKind::enumeration: return std::string(text);
    }
    return std::monostate{};
}

Result<std::string> property_text_of(PropertyKind kind, const FieldValue& value) {
    if (std::holds_alternative<std::monostate>(value)) return std::string();
    if (const double* number = std::get_if<double>(&value)) {
        if (kind != PropertyKind::number) return Status::invalid_argument("a number for a non-number property");
        auto text = format_number(*number);
        if (!text) return Status::invalid_argument("the number is not finite");
        return std::move(*text);
    }
    const std::string& text = std::get<std::string>(value);
    if (kind == PropertyKind::number) return Status::invalid_argument("text '" + text + "' for a number property");
    if (kind == PropertyKind::datetime) {
        const auto ms = parse_time_ms(text);
        if (!ms) return Status::invalid_argument("'" + text + "' is not an RFC 3339 instant");
        return format_time_ms(*ms);
    }
    return text;
}

}  // namespace sellerscore::connectors::hubspot
