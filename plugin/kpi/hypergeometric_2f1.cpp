#include "hypergeometric_2f1.hpp"

#include <algorithm>
#include <cmath>

namespace sellerscore::kpi {

namespace {

constexpr double relative_tolerance = 1e-15;
constexpr int max_terms = 1'000'000;

}  // namespace

std::optional<double> hypergeometric_2f1(double a, double b, double c, double z) {
    double term = 1;
    double sum = 1;
    for (int k = 0; k < max_terms; ++k) {
        const double ratio = (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
        term *= ratio;
        sum += term;
        if (term == 0) return sum;
        // Past the turning point the ratios head towards z, so the tail is about term·ρ/(1 − ρ).
        const double rho = std::max(std::abs(ratio), z);
        const bool past_turning_point = a + k > 0 && b + k > 0 && rho < 1;
        if (past_turning_point && std::abs(term) <= relative_tolerance * std::abs(sum) * (1 - rho)) return sum;
    }
    return std::nullopt;
}

}  // namespace sellerscore::kpi
