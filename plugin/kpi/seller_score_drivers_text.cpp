#include "seller_score_drivers_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <vector>

#include "kpi_catalog.hpp"

namespace sellerscore::kpi {

namespace {

// The unit is printed after the value, so a unit suffix in the id would say it twice.
std::string label_of(std::string_view id) {
    for (std::string_view suffix : {"_days", "_per_day", "_h", "_s", "_count"}) {
        if (id.size() > suffix.size() && id.ends_with(suffix)) {
            id.remove_suffix(suffix.size());
            break;
        }
    }
    std::string label(id);
    std::replace(label.begin(), label.end(), '_', ' ');
    return label;
}

std::string printed(const char* format, double v) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, v);
    return buffer;
}

std::string value_text(std::string_view id, const std::optional<double>& value) {
    if (!value) return "n/a";
    const KpiDefinition* kpi = find_kpi(id);
    const KpiUnit unit = kpi != nullptr ? kpi->unit : KpiUnit::count;
    switch (unit) {
        case KpiUnit::ratio: return printed("%.0f%%", *value * 100);
        case KpiUnit::money: return printed("%.0f", *value);
        case KpiUnit::money_per_day: return printed("%.0f/day", *value);
        case KpiUnit::seconds: return printed("%.0f s", *value);
        case KpiUnit::hours: return printed("%.1f h", *value);
        case KpiUnit::days: return printed("%.1f d", *value);
        case KpiUnit::points:  // NPS: a whole number, like a count
        case KpiUnit::count: break;
    }
    return printed("%.0f", *value);
}

// Percentile p: p% of the other sellers do worse. "top 10%" at p = 90, "bottom 25%" at p = 25;
// never "0%", which would read as nobody.
std::string standing_text(double percentile) {
    const bool upper = percentile >= 50;
    const double share = std::max(1.0, std::round(upper ? 100 - percentile : percentile));
    return printed(upper ? "top %.0f%%" : "bottom %.0f%%", share);
}

std::string driver_text(const char* arrow, const ScoreDriver& d) {
    return std::string(arrow) + " " + label_of(d.kpi) + " " + value_text(d.kpi, d.value) + " (" +
           standing_text(d.percentile) + ")";
}

std::string joined(const std::vector<std::string>& parts) {
    std::string line;
    for (const std::string& part : parts) {
        if (!line.empty()) line += " \u00b7 ";
        line += part;
    }
    return line;
}

}  // namespace

std::size_t utf8_length(const std::string& text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string score_drivers_text(const ScoreDrivers& drivers, std::size_t max_bytes) {
    std::size_t lifts = drivers.lifts.size();
    std::size_t holds = drivers.holds.size();
    for (;;) {
        std::vector<std::string> parts;
        for (std::size_t i = 0; i < lifts; ++i) parts.push_back(driver_text("\u2191", drivers.lifts[i]));
        for (std::size_t i = 0; i < holds; ++i) parts.push_back(driver_text("\u2193", drivers.holds[i]));
        std::string line = joined(parts);
        if (line.size() <= max_bytes) return line;
        // Drop whichever tail driver carries fewer points; a lift on a tie.
        const bool drop_lift =
            holds == 0 || (lifts > 0 && std::abs(drivers.lifts[lifts - 1].points) <=
                                            std::abs(drivers.holds[holds - 1].points));
        if (drop_lift) {
            --lifts;
        } else {
            --holds;
        }
    }
}

}  // namespace sellerscore::kpi
