// A KPI's value next to its previous-window value (KPIS.md §3.2).
#pragma once

#include <optional>

#include "kpi_catalog.hpp"
#include "scorecard.hpp"

namespace sellerscore::kpi {

// change: for ratios and NPS points value − previous, in points; for every other unit
// (value − previous) ÷ |previous|, null when previous is 0. Null when either value is null. A ratio
// whose previous value is 0 still has a change (0 → 0.4 is +0.4): only the relative change divides
// by previous, and a manager reading "win rate +0.4" expects it.
KpiValue trend_of(std::optional<double> value, std::optional<double> previous, KpiUnit unit);

}  // namespace sellerscore::kpi
