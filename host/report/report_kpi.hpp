// What the report needs to know about a KPI id to show it: its name for people, its unit (so it is
// formatted like the terminal table does) and which way is better (so a change reads as good or bad).
// KPI ids the host does not know yet (a newer plugin's) still get a readable name and a unit guessed
// from the KPIS.md naming conventions (_rate, _count, _days, _h, _s, value).
#pragma once

#include <string>
#include <string_view>

#include "host/kpi_value_format.hpp"

namespace sellerscore::host::report {

enum class Better { higher, lower, neither };

struct ReportKpi {
    std::string id;
    std::string label;
    KpiUnit unit = KpiUnit::count;
    Better better = Better::neither;
};

ReportKpi report_kpi(std::string_view id);

}  // namespace sellerscore::host::report
