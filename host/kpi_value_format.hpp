// How a KPI value reads wherever people see it (terminal table, HTML report): rates as "42.0%",
// money in whole units with thousands separators, days with one decimal. One place, so the report
// and the table can never disagree on a figure.
#pragma once

#include <string>

namespace sellerscore::host {

// `price` is money per unit too small for whole units (a cost per click): two decimals.
enum class KpiUnit { ratio, money, price, days, count, hours, seconds, points };

std::string format_kpi_value(double value, KpiUnit unit);

// The change of a KPI against the previous window, as KPIS.md §3.2 defines it: ratios and points
// change in points ("+5.0 pts"), every other unit relatively ("-12.5%").
std::string format_kpi_change(double change, KpiUnit unit);

// ▲ ▼ = for a change's sign; the table puts it after the value.
std::string trend_arrow(double change);

}  // namespace sellerscore::host
