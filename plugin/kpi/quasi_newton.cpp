#include "quasi_newton.hpp"

#include <algorithm>
#include <cmath>

namespace sellerscore::kpi {

namespace {

constexpr double armijo = 1e-4;  // sufficient decrease: f(x + t·p) ≤ f(x) + armijo·t·∇f·p
constexpr int max_backtracks = 60;

double dot(std::span<const double> u, std::span<const double> v) {
    double sum = 0;
    for (std::size_t i = 0; i < u.size(); ++i) sum += u[i] * v[i];
    return sum;
}

bool gradient_small(std::span<const double> gradient, double value, double tolerance) {
    const double bound = tolerance * (1 + std::abs(value));
    return std::all_of(gradient.begin(), gradient.end(), [&](double g) { return std::abs(g) <= bound; });
}

}  // namespace

QuasiNewtonResult quasi_newton(const ValueAndGradient& f, std::vector<double> start,
                               const QuasiNewtonOptions& options) {
    const std::size_t n = start.size();
    QuasiNewtonResult result{std::move(start), 0, false, 0};
    std::vector<double> gradient(n), next(n), next_gradient(n), direction(n), s(n), y(n), hy(n);
    // The inverse Hessian estimate, row-major; the identity until the first update.
    std::vector<double> h(n * n, 0);
    for (std::size_t i = 0; i < n; ++i) h[i * n + i] = 1;
    bool updated = false;

    result.value = f(result.point, gradient);
    ++result.evaluations;
    if (!std::isfinite(result.value)) return result;
    int updates = 0;
    while (result.evaluations < options.max_evaluations) {
        if (gradient_small(gradient, result.value, options.gradient_tolerance)) {
            result.converged = true;
            return result;
        }
        for (std::size_t i = 0; i < n; ++i) {
            direction[i] = 0;
            for (std::size_t j = 0; j < n; ++j) direction[i] -= h[i * n + j] * gradient[j];
        }
        double slope = dot(direction, gradient);
        // The decrease a full quasi-Newton step promises, −½ ∇f·p, below what f's rounding can show.
        if (updates >= static_cast<int>(n) && slope < 0 &&
            -slope / 2 <= options.value_tolerance * (1 + std::abs(result.value))) {
            result.converged = true;
            return result;
        }
        if (!(slope < 0)) {
            // Not a descent direction (the estimate went bad): start again from steepest descent.
            std::fill(h.begin(), h.end(), 0);
            updated = false;
            updates = 0;
            for (std::size_t i = 0; i < n; ++i) {
                h[i * n + i] = 1;
                direction[i] = -gradient[i];
            }
            slope = dot(direction, gradient);
        }
        double longest = 0;
        for (const double d : direction) longest = std::max(longest, std::abs(d));
        double step = longest > options.max_step ? options.max_step / longest : 1;

        double next_value = 0;
        bool accepted = false;
        for (int backtrack = 0; backtrack < max_backtracks && result.evaluations < options.max_evaluations;
             ++backtrack, step /= 2) {
            for (std::size_t i = 0; i < n; ++i) next[i] = result.point[i] + step * direction[i];
            next_value = f(next, next_gradient);
            ++result.evaluations;
            if (std::isfinite(next_value) && next_value <= result.value + armijo * step * slope) {
                accepted = true;
                break;
            }
        }
        if (!accepted) return result;  // no decrease along a descent direction: as far as precision goes

        for (std::size_t i = 0; i < n; ++i) {
            s[i] = next[i] - result.point[i];
            y[i] = next_gradient[i] - gradient[i];
        }
        const double sy = dot(s, y);
        if (sy > 1e-12 * std::sqrt(dot(s, s) * dot(y, y))) {
            if (!updated) {
                // Before the first update, scale the identity to the curvature just seen (Nocedal &
                // Wright, eq. 6.20), so that the first quasi-Newton step has about the right length.
                const double scale = sy / dot(y, y);
                for (std::size_t i = 0; i < n; ++i) h[i * n + i] = scale;
                updated = true;
            }
            ++updates;
            // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1/(yᵀs).
            const double rho = 1 / sy;
            for (std::size_t i = 0; i < n; ++i) {
                hy[i] = 0;
                for (std::size_t j = 0; j < n; ++j) hy[i] += h[i * n + j] * y[j];
            }
            const double yhy = dot(y, hy);
            for (std::size_t i = 0; i < n; ++i) {
                for (std::size_t j = 0; j < n; ++j) {
                    h[i * n + j] += rho * ((1 + rho * yhy) * s[i] * s[j] - hy[i] * s[j] - s[i] * hy[j]);
                }
            }
        }
        result.point.swap(next);
        gradient.swap(next_gradient);
        result.value = next_value;
    }
    return result;
}

}  // namespace sellerscore::kpi
