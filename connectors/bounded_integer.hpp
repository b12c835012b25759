// A JSON number made an integer without undefined behaviour. Vendors (and the fuzzers) send positions
// and counts such as 8.9e48 that overflow the cast, and Boost.JSON reads some literals (0e310) as
// not-a-number, which std::clamp passes through unchanged: out-of-range values are clamped, NaN is
// `fallback`.
#pragma once

#include <algorithm>
#include <cmath>

namespace sellerscore::connectors {

template <class Int>
Int bounded_integer(double value, double lowest, double highest, Int fallback = 0) {
    if (std::isnan(value)) return fallback;
    return static_cast<Int>(std::clamp(value, lowest, highest));
}

}  // namespace sellerscore::connectors
