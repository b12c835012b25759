// A derivative-free minimiser (Nelder & Mead 1965, standard coefficients: reflection 1, expansion
// 2, contraction ½, shrink ½) with restarts: a simplex can collapse onto a ridge and stall short of
// the minimum, so after each run a fresh simplex is built around the best point, until a restart no
// longer improves it.
#pragma once

#include <functional>
#include <span>
#include <vector>

namespace sellerscore::kpi {

struct NelderMeadOptions {
    double initial_step = 1;     // the first simplex: start + step along each axis
    double restart_step = 0.25;  // the simplexes of the restarts
    // A run stops when the values at the simplex's vertices are within value_tolerance·(1 + |best|)
    // of the best and every vertex is within point_tolerance of the best in every coordinate.
    double value_tolerance = 1e-12;
    double point_tolerance = 1e-7;
    int max_evaluations_per_run = 5'000;
    int max_restarts = 20;
};

struct NelderMeadResult {
    std::vector<double> point;
    double value = 0;
    // The last run met both tolerances and a restart from its best point improved the value by no
    // more than value_tolerance·(1 + |value|).
    bool converged = false;
    int evaluations = 0;
};

// Minimises f from start. f may return +infinity to forbid a point (outside a domain).
NelderMeadResult nelder_mead(const std::function<double(std::span<const double>)>& f, std::vector<double> start,
                             const NelderMeadOptions& options = {});

}  // namespace sellerscore::kpi
