#include "kpi_value_format.hpp"

#include <cmath>

#include <fmt/format.h>

#include "thousands_separator.hpp"

namespace sellerscore::host {

std::string format_kpi_value(double value, KpiUnit unit) {
    switch (unit) {
    case KpiUnit::ratio:
        return fmt::format("{:.1f}%", value * 100.0);
    case KpiUnit::days:
    case KpiUnit::hours:
        return fmt::format("{:.1f}", value);
    case KpiUnit::points:
        // NPS is read as a whole number on -100..100, as Bain publishes it.
        return fmt::format("{:.0f}", value);
    case KpiUnit::money:
        // Whole units: managers compare magnitudes, not cents.
        return with_thousands_separators(std::llround(value));
    case KpiUnit::price: {
        const long long cents = std::llround(value * 100.0);
        return fmt::format("{}{}.{:02d}", cents < 0 ? "-" : "", with_thousands_separators(std::llabs(cents) / 100),
                           std::llabs(cents) % 100);
    }
    case KpiUnit::count:
    case KpiUnit::seconds:
        return with_thousands_separators(std::llround(value));
    }
    return {};
}

std::string format_kpi_change(double change, KpiUnit unit) {
    switch (unit) {
    case KpiUnit::ratio:
        return fmt::format("{:+.1f} pts", change * 100.0);
    case KpiUnit::points:
        return fmt::format("{:+.1f} pts", change);
    default:
        return fmt::format("{:+.1f}%", change * 100.0);
    }
}

std::string trend_arrow(double change) {
    if (change > 0) return "▲";
    if (change < 0) return "▼";
    return "=";
}

}  // namespace sellerscore::host
