#include "trend.hpp"

#include <cmath>

namespace sellerscore::kpi {

KpiValue trend_of(std::optional<double> value, std::optional<double> previous, KpiUnit unit) {
    KpiValue result{value, previous, std::nullopt};
    if (!value || !previous) return result;
    if (unit == KpiUnit::ratio || unit == KpiUnit::points) {
        result.change = *value - *previous;
    } else if (*previous != 0) {
        result.change = (*value - *previous) / std::abs(*previous);
    }
    return result;
}

}  // namespace sellerscore::kpi
