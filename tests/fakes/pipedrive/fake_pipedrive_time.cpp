#include "fake_pipedrive_time.hpp"

#include <cstdio>

#include "plugin/model/timestamp_format.hpp"

namespace sellerscore::fakes::pipedrive {
namespace {

bool digits_at(std::string_view text, std::size_t from, std::size_t count) {
    for (std::size_t i = from; i < from + count; ++i)
        if (i >= text.size() || text[i] < '0' || text[i] > '9') return false;
    return true;
}

}  // namespace

std::int64_t epoch_seconds_of(std::int64_t model_ms) {
    return model_ms >= 0 ? model_ms / 1000 : -((-model_ms + 999) / 1000);
}

std::int64_t model_ms_of(std::int64_t epoch_seconds) { return epoch_seconds * 1000; }

std::optional<std::int64_t> parse_v2_time(std::string_view text) {
    const bool shape_ok = text.size() == 20 && digits_at(text, 0, 4) && text[4] == '-' && digits_at(text, 5, 2) &&
                          text[7] == '-' && digits_at(text, 8, 2) && text[10] == 'T' && digits_at(text, 11, 2) &&
                          text[13] == ':' && digits_at(text, 14, 2) && text[16] == ':' && digits_at(text, 17, 2) &&
                          text[19] == 'Z';
    if (!shape_ok) return std::nullopt;
    const auto instant = model::parse_rfc3339(text);
    if (!instant) return std::nullopt;
    return epoch_seconds_of(*instant);
}

std::string format_v2_time(std::int64_t epoch_seconds) { return model::format_rfc3339(model_ms_of(epoch_seconds)); }

std::string format_v1_time(std::int64_t epoch_seconds) {
    std::string text = model::format_rfc3339(model_ms_of(epoch_seconds));  // "2026-03-01T12:00:00Z"
    text[10] = ' ';
    text.pop_back();
    return text;
}

std::string format_lead_time(std::int64_t epoch_seconds) {
    std::string text = model::format_rfc3339(model_ms_of(epoch_seconds));
    text.insert(19, ".000");
    return text;
}

std::string format_date(std::int64_t epoch_seconds) { return model::format_rfc3339(model_ms_of(epoch_seconds)).substr(0, 10); }

std::string format_time_of_day(std::int64_t epoch_seconds) {
    return model::format_rfc3339(model_ms_of(epoch_seconds)).substr(11, 5);
}

bool is_valid_date(std::string_view text) {
    if (text.size() != 10 || !digits_at(text, 0, 4) || text[4] != '-' || !digits_at(text, 5, 2) || text[7] != '-' ||
        !digits_at(text, 8, 2))
        return false;
    std::string full(text);
    full += "T00:00:00Z";
    return model::parse_rfc3339(full).has_value();
}

}  // namespace sellerscore::fakes::pipedrive
