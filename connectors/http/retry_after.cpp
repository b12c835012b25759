#include "connectors/http/retry_after.hpp"

#include <array>
#include <cctype>
#include <cstdint>

namespace sellerscore::connectors::http {
namespace {

// Longer waits are beyond any max_retry_after; capping keeps the arithmetic from overflowing.
constexpr std::int64_t max_seconds = 1'000'000'000;

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

std::optional<int> digits(std::string_view text) {
    if (text.empty() || text.size() > 4) return std::nullopt;
    int value = 0;
    for (char c : text) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

std::optional<unsigned> month_number(std::string_view name) {
    static constexpr std::array<std::string_view, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (unsigned i = 0; i < months.size(); ++i)
        if (months[i] == name) return i + 1;
    return std::nullopt;
}

// "08:49:37"
std::optional<std::chrono::seconds> time_of_day(std::string_view text) {
    if (text.size() != 8 || text[2] != ':' || text[5] != ':') return std::nullopt;
    const auto h = digits(text.substr(0, 2));
    const auto m = digits(text.substr(3, 2));
    const auto s = digits(text.substr(6, 2));
    if (!h || !m || !s || *h > 23 || *m > 59 || *s > 60) return std::nullopt;
    return std::chrono::hours(*h) + std::chrono::minutes(*m) + std::chrono::seconds(*s);
}

std::optional<std::chrono::sys_seconds> instant(int year, std::string_view month_name, int day,
                                                             std::string_view clock_text) {
    const auto month = month_number(month_name);
    const auto since_midnight = time_of_day(clock_text);
    if (!month || !since_midnight) return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(*month),
                                           std::chrono::day(static_cast<unsigned>(day))};
    if (!date.ok()) return std::nullopt;
    return std::chrono::sys_days(date) + *since_midnight;
}

// "Sun, 06 Nov 1994 08:49:37 GMT"
std::optional<std::chrono::sys_seconds> parse_imf_fixdate(std::string_view text) {
    if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' || text[16] != ' ' ||
        text.substr(25) != " GMT")
        return std::nullopt;
    const auto day = digits(text.substr(5, 2));
    const auto year = digits(text.substr(12, 4));
    if (!day || !year) return std::nullopt;
    return instant(*year, text.substr(8, 3), *day, text.substr(17, 8));
}

// "Sunday, 06-Nov-94 08:49:37 GMT"
std::optional<std::chrono::sys_seconds> parse_rfc850(std::string_view text) {
    const std::size_t comma = text.find(", ");
    if (comma == std::string_view::npos) return std::nullopt;
    const std::string_view rest = text.substr(comma + 2);
    if (rest.size() != 22 || rest[2] != '-' || rest[6] != '-' || rest[9] != ' ' || rest.substr(18) != " GMT")
        return std::nullopt;
    const auto day = digits(rest.substr(0, 2));
    const auto two_digit_year = digits(rest.substr(7, 2));
    if (!day || !two_digit_year) return std::nullopt;
    // RFC 9110 §5.6.7 reads a year more than 50 years ahead as the past century; for a
    // Retry-After near today, 70..99 -> 19xx and the rest -> 20xx is the same rule.
    const int year = *two_digit_year >= 70 ? 1900 + *two_digit_year : 2000 + *two_digit_year;
    return instant(year, rest.substr(3, 3), *day, rest.substr(10, 8));
}

// "Sun Nov  6 08:49:37 1994"
std::optional<std::chrono::sys_seconds> parse_asctime(std::string_view text) {
    if (text.size() != 24 || text[3] != ' ' || text[7] != ' ' || text[10] != ' ' || text[19] != ' ') return std::nullopt;
    const std::string_view day_text = text[8] == ' ' ? text.substr(9, 1) : text.substr(8, 2);
    const auto day = digits(day_text);
    const auto year = digits(text.substr(20, 4));
    if (!day || !year) return std::nullopt;
    return instant(*year, text.substr(4, 3), *day, text.substr(11, 8));
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point wall_now) {
    value = trim(value);
    if (value.empty()) return std::nullopt;

    if (std::isdigit(static_cast<unsigned char>(value.front()))) {
        std::int64_t seconds = 0;
        for (char c : value) {
            if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
            seconds = std::min<std::int64_t>(seconds * 10 + (c - '0'), max_seconds);
        }
        return std::chrono::seconds(seconds);
    }

    auto date = parse_imf_fixdate(value);
    if (!date) date = parse_rfc850(value);
    if (!date) date = parse_asctime(value);
    if (!date) return std::nullopt;
    // In milliseconds, not the clock's nanoseconds: a four-digit year past 2262 does not fit those
    // (found by tests/fuzz/retry_after_fuzz).
    const std::chrono::sys_time<std::chrono::milliseconds> when = *date;
    const auto now = std::chrono::floor<std::chrono::milliseconds>(wall_now);
    if (when <= now) return std::chrono::milliseconds(0);
    return std::min<std::chrono::milliseconds>(when - now, std::chrono::seconds(max_seconds));
}

}  // namespace sellerscore::connectors::http
