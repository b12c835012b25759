// The scalar seller KPIs the engine computes, with what the trend and the score need to know about
// each: its unit (KPIS.md §3.2: ratios change by difference, the rest relatively), which direction
// is better (§5.4) and whether the score shrinks it towards the team (§5.2).
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "kpi_tally.hpp"

namespace sellerscore::kpi {

// points: NPS, −100..100; like a ratio, its trend is a difference (KPIS.md §3.1.1).
enum class KpiUnit { count, ratio, points, money, money_per_day, seconds, hours, days };
enum class Preference { higher, lower, neither };

// A KPI's value and the number of observations behind it (trials of a ratio, terms of a mean,
// contacts measured for a median): the n of the shrinkage (n·value + k·team) ÷ (n + k).
struct KpiReading {
    std::optional<double> value;
    double observations = 0;
};

struct KpiDefinition {
    std::string_view id;
    KpiUnit unit;
    Preference better;
    // Ratios, means and medians are shrunk; counts and money sums are not (§5.3).
    bool shrunk;
    KpiReading (*read)(const KpiTally&);
};

std::span<const KpiDefinition> kpi_catalog();

// The definition with that id, or nullptr when the engine does not compute it.
const KpiDefinition* find_kpi(std::string_view id);

}  // namespace sellerscore::kpi
