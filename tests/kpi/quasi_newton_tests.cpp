// The quasi-Newton minimiser the BG/NBD fit starts with.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <span>
#include <vector>

#include "plugin/kpi/quasi_newton.hpp"

using namespace sellerscore::kpi;

TEST_CASE("quasi-Newton finds the minimum of Rosenbrock's valley at (1, 1)", "[kpi][quasi_newton]") {
    // f = (1 − x)² + 100 (y − x²)², a curved valley that defeats steepest descent.
    const auto rosenbrock = [](std::span<const double> p, std::span<double> g) {
        const double x = p[0], y = p[1];
        g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
        g[1] = 200 * (y - x * x);
        return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
    };
    const QuasiNewtonResult result = quasi_newton(rosenbrock, {-1.2, 1});
    CHECK(result.converged);
    CHECK(result.point[0] == Approx(1).margin(1e-6));
    CHECK(result.point[1] == Approx(1).margin(1e-6));
    // Well under what a derivative-free search spends on this valley.
    CHECK(result.evaluations < 150);
}

TEST_CASE("quasi-Newton steps back from a forbidden point", "[kpi][quasi_newton]") {
    // (x − 3)², defined only for x < 4: the first step of length max_step = 2 from 2.5 lands at 4.5,
    // which is forbidden; the line search halves it.
    const auto bounded = [](std::span<const double> p, std::span<double> g) {
        if (p[0] >= 4) return std::numeric_limits<double>::infinity();
        g[0] = 2 * (p[0] - 3);
        return (p[0] - 3) * (p[0] - 3);
    };
    QuasiNewtonOptions options;
    options.max_step = 2;
    const QuasiNewtonResult result = quasi_newton(bounded, {0.0}, options);
    CHECK(result.converged);
    CHECK(result.point[0] == Approx(3).margin(1e-9));
}

TEST_CASE("quasi-Newton reports no convergence when the evaluations run out", "[kpi][quasi_newton]") {
    // e^x decreases forever towards −∞: no zero gradient to find.
    const auto falling = [](std::span<const double> p, std::span<double> g) {
        g[0] = std::exp(p[0]);
        return std::exp(p[0]);
    };
    QuasiNewtonOptions options;
    options.gradient_tolerance = 0;
    options.max_evaluations = 30;
    const QuasiNewtonResult result = quasi_newton(falling, {0.0}, options);
    CHECK_FALSE(result.converged);
    CHECK(result.evaluations <= 30);
    CHECK(result.point[0] < -10);
}
