// A quasi-Newton minimiser (BFGS with a backtracking Armijo line search) for smooth functions with
// an analytic gradient: a handful of evaluations where a derivative-free search needs hundreds.
#pragma once

#include <functional>
#include <span>
#include <vector>

namespace sellerscore::kpi {

struct QuasiNewtonOptions {
    // Converged when every |∂f/∂xᵢ| ≤ gradient_tolerance·(1 + |f|), or, once the inverse Hessian
    // estimate has had as many updates as there are coordinates, when the decrease the next full step
    // promises (½ gᵀHg) is at most value_tolerance·(1 + |f|): a sum over many terms carries rounding
    // of that order, so its gradient cannot be driven to 0 and the step would gain nothing visible.
    double gradient_tolerance = 1e-9;
    double value_tolerance = 1e-12;
    // No step moves a coordinate by more than this (the first step, with the identity as the inverse
    // Hessian, would otherwise be as long as the gradient is large).
    double max_step = 2;
    int max_evaluations = 400;
};

struct QuasiNewtonResult {
    std::vector<double> point;
    double value = 0;
    bool converged = false;  // the gradient tolerance was met
    int evaluations = 0;
};

// f(x, gradient) returns f at x and writes ∇f(x) into gradient (sized like x). It may return
// +infinity to forbid a point (outside a domain); the line search then steps back.
using ValueAndGradient = std::function<double(std::span<const double>, std::span<double>)>;

QuasiNewtonResult quasi_newton(const ValueAndGradient& f, std::vector<double> start,
                               const QuasiNewtonOptions& options = {});

}  // namespace sellerscore::kpi
