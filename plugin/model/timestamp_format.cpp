#include "timestamp_format.hpp"

#include <array>

namespace sellerscore::model {

namespace {


// Howard Hinnant's days_from_civil / civil_from_days: exact for the whole proleptic Gregorian
// calendar, with no dependence on the C library's time zone state.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146'097 + static_cast<std::int64_t>(doe) - 719'468;
}

struct CivilDate {
    std::int64_t year;
    unsigned month;
    unsigned day;
};

CivilDate civil_from_days(std::int64_t z) {
    z += 719'468;
    const std::int64_t era = (z >= 0 ? z : z - 146'096) / 146'097;
    const auto doe = static_cast<unsigned>(z - era * 146'097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int y, unsigned m) {
    static constexpr std::array<unsigned, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap_year(y) ? 29 : days[m - 1];
}

// Reads exactly `count` ASCII digits at `pos`, advancing it.
bool read_digits(std::string_view text, std::size_t& pos, std::size_t count, int& out) {
    if (pos + count > text.size()) return false;
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    pos += count;
    out = value;
    return true;
}

bool read_char(std::string_view text, std::size_t& pos, char expected) {
    if (pos >= text.size() || text[pos] != expected) return false;
    ++pos;
    return true;
}

}  // namespace

std::optional<Timestamp> parse_rfc3339(std::string_view text) {
    std::size_t pos = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!read_digits(text, pos, 4, year) || !read_char(text, pos, '-') || !read_digits(text, pos, 2, month) ||
        !read_char(text, pos, '-') || !read_digits(text, pos, 2, day)) {
        return std::nullopt;
    }
    if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't')) return std::nullopt;
    ++pos;
    if (!read_digits(text, pos, 2, hour) || !read_char(text, pos, ':') || !read_digits(text, pos, 2, minute) ||
        !read_char(text, pos, ':') || !read_digits(text, pos, 2, second)) {
        return std::nullopt;
    }
    // Milliseconds are kept; finer digits are dropped (floor): every CRM we read stops at the millisecond.
    int millisecond = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        const std::size_t fraction_start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (pos - fraction_start < 3) millisecond = millisecond * 10 + (text[pos] - '0');
            ++pos;
        }
        if (pos == fraction_start) return std::nullopt;
        for (std::size_t digits = pos - fraction_start; digits < 3; ++digits) millisecond *= 10;
    }
    int offset_seconds = 0;
    if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
        ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        int offset_hour = 0, offset_minute = 0;
        if (!read_digits(text, pos, 2, offset_hour) || !read_char(text, pos, ':') ||
            !read_digits(text, pos, 2, offset_minute) || offset_hour > 23 || offset_minute > 59) {
            return std::nullopt;
        }
        offset_seconds = sign * (offset_hour * 3600 + offset_minute * 60);
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) return std::nullopt;

    // Second 60 is RFC 3339's leap second; it lands on the first second of the next minute.
    if (month < 1 || month > 12 || day < 1 || static_cast<unsigned>(day) > days_in_month(year, month) ||
        hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    const std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    const std::int64_t seconds = days * 86'400 + hour * 3600 + minute * 60 + second - offset_seconds;
    return seconds * ms_per_second + millisecond;
}

std::string format_rfc3339(Timestamp t) {
    const std::int64_t days = utc_day_number(t);
    const std::int64_t ms_of_day = t - days * ms_per_day;
    const CivilDate date = civil_from_days(days);
    const std::int64_t second_of_day = ms_of_day / ms_per_second;
    const auto hour = static_cast<int>(second_of_day / 3600);
    const auto minute = static_cast<int>(second_of_day / 60 % 60);
    const auto second = static_cast<int>(second_of_day % 60);
    const auto millisecond = static_cast<int>(ms_of_day % ms_per_second);

    std::string out(millisecond != 0 ? 24 : 20, '0');
    auto put = [&out](std::size_t at, std::int64_t value, std::size_t width) {
        for (std::size_t i = width; i-- > 0;) {
            out[at + i] = static_cast<char>('0' + value % 10);
            value /= 10;
        }
    };
    put(0, date.year, 4);
    out[4] = '-';
    put(5, date.month, 2);
    out[7] = '-';
    put(8, date.day, 2);
    out[10] = 'T';
    put(11, hour, 2);
    out[13] = ':';
    put(14, minute, 2);
    out[16] = ':';
    put(17, second, 2);
    if (millisecond != 0) {
        out[19] = '.';
        put(20, millisecond, 3);
    }
    out.back() = 'Z';
    return out;
}

std::int64_t utc_day_number(Timestamp t) {
    return t >= 0 ? t / ms_per_day : -((-t + ms_per_day - 1) / ms_per_day);
}

Timestamp utc_midnight(int year, unsigned month, unsigned day) {
    return days_from_civil(year, month, day) * ms_per_day;
}

}  // namespace sellerscore::model
