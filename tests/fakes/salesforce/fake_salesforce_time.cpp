#include "fake_salesforce_time.hpp"

#include <cstdio>

#include "plugin/model/timestamp_format.hpp"

namespace sellerscore::fakes {
namespace {

struct Civil {
    int year;
    unsigned month, day;
};

// Howard Hinnant's civil_from_days.
Civil civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<int>(y + (m <= 2)), m, d};
}

bool digits(std::string_view text, std::size_t from, std::size_t count) {
    if (from + count > text.size()) return false;
    for (std::size_t i = from; i < from + count; ++i)
        if (text[i] < '0' || text[i] > '9') return false;
    return true;
}

}  // namespace

std::string salesforce_datetime(std::int64_t epoch_ms) {
    const std::int64_t day = model::utc_day_number(epoch_ms);
    const std::int64_t in_day = epoch_ms - day * 86'400'000;
    const Civil c = civil_from_days(day);
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03d+0000", c.year, c.month, c.day,
                  static_cast<int>(in_day / 3'600'000), static_cast<int>(in_day / 60'000 % 60),
                  static_cast<int>(in_day / 1000 % 60), static_cast<int>(in_day % 1000));
    return text;
}

std::string salesforce_date(std::int64_t epoch_ms) {
    const Civil c = civil_from_days(model::utc_day_number(epoch_ms));
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", c.year, c.month, c.day);
    return text;
}

std::optional<std::int64_t> parse_salesforce_datetime(std::string_view text) {
    // "+0000" / "-0130" (no colon) is Salesforce's own output; RFC 3339 wants "+00:00".
    if (text.size() >= 5) {
        const std::size_t sign = text.size() - 5;
        if ((text[sign] == '+' || text[sign] == '-') && digits(text, sign + 1, 4)) {
            std::string with_colon(text.substr(0, sign + 3));
            with_colon += ':';
            with_colon += text.substr(sign + 3);
            return model::parse_rfc3339(with_colon);
        }
    }
    return model::parse_rfc3339(text);
}

std::optional<std::int64_t> parse_salesforce_date(std::string_view text) {
    if (text.size() != 10 || !digits(text, 0, 4) || text[4] != '-' || !digits(text, 5, 2) || text[7] != '-' ||
        !digits(text, 8, 2))
        return std::nullopt;
    return model::parse_rfc3339(std::string(text) + "T00:00:00Z");
}

}  // namespace sellerscore::fakes
