#include "host/serve/sync_interval.hpp"

#include <charconv>
#include <cstdint>
#include <string>

namespace sellerscore::host::serve {

Result<std::chrono::seconds> parse_sync_interval(std::string_view text) {
    const auto refuse = [text](std::string_view why) {
        return Status::invalid_argument("serve: --sync-every '" + std::string(text) + "': " + std::string(why) +
                                        " (e.g. 15m, 1h, 90s; 0 for no scheduled sync)");
    };
    if (text == "0") return std::chrono::seconds::zero();
    if (text.size() < 2) return refuse("a whole number and a unit");
    std::int64_t per_unit = 0;
    switch (text.back()) {
        case 's': per_unit = 1; break;
        case 'm': per_unit = 60; break;
        case 'h': per_unit = 3600; break;
        default: return refuse("the unit is s, m or h");
    }
    const std::string_view digits = text.substr(0, text.size() - 1);
    std::int64_t count = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
    if (ec != std::errc() || end != digits.data() + digits.size() || digits.front() == '-' || digits.front() == '+') {
        return refuse("a whole number and a unit");
    }
    // A week bounds it well before any overflow; a sync less often than that is no schedule.
    constexpr std::int64_t week = 7 * 24 * 3600;
    if (count > week / per_unit) return refuse("at most a week");
    if (count == 0) return std::chrono::seconds::zero();
    return std::chrono::seconds(count * per_unit);
}

}  // namespace sellerscore::host::serve
