// Maximum-likelihood estimation of the BG/NBD parameters over a customer base (KPIS.md §6).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "bgnbd_model.hpp"
#include "customer_summary.hpp"

namespace sellerscore::kpi {

struct BgNbdFit {
    BgNbdParameters parameters;
    double log_likelihood = 0;  // Σ over customers at the parameters
    bool converged = false;     // see fit_bgnbd
    int evaluations = 0;        // of the log-likelihood
    // The parameters the likelihood does not hold at a finite value ("r", "alpha", "a", "b", in that
    // order); empty when the maximum is at a finite point. Never empty when converged is false for
    // that reason.
    std::vector<std::string> diverged_parameters;
};

// Maximises Σ ln L over log r, log α, log a, log b (the parameters stay positive without
// constraints). Start: r = α = a = b = 1 (α in weeks, the order of magnitude of inter-purchase times
// in sales data); always the same start, never another window's fit, so that a window's fit does not
// depend on which run computes it (the previous window's values are those of a run as of then). A
// log-parameter beyond ±30 is rejected (+∞), so a flat likelihood that pushes a parameter to 0 or ∞
// ends not converged rather than overflowing.
//
// First a quasi-Newton search (quasi_newton.hpp) with the likelihood's analytic gradient: converged
// when every partial derivative of −ln L in log space is within 1e-9·(1 + |ln L|) of 0, typically
// after 20–60 evaluations. When it stalls short of that on a ridge (below), the ridge decides. When
// it stalls elsewhere (rounding, a badly scaled start), Nelder–Mead with restarts (nelder_mead.hpp,
// first simplex step ¼) continues from its best point and decides convergence as before: a run ends when its vertices' −ln L are within 1e-12·(1 + |ln L|) and its
// log-parameters within 1e-7 of the best; converged when a restart from the best point then improves
// ln L by no more than that tolerance (at most 20 restarts, 5,000 evaluations each).
//
// Ridges: the likelihood may have no maximum at a finite point. The usual case is customers who show
// no sign of dropping out: ln L keeps rising as the dropout probability a/(a+b) shrinks, a running to
// 0 or a and b to ∞ together, while the values differ by less than any tolerance, so the optimiser
// alone would report convergence. After each optimiser, a log-parameter beyond ±ln 10⁴ marks a possible
// ridge; it is one when moving those log-parameters one further unit outwards together (one
// evaluation) loses less than 0.001 of ln L (ridge_tolerance), or leaves the search bound. Then every
// other parameter that the likelihood does not hold there (a change of its log by +1 or by −1 loses
// less than ridge_tolerance of ln L; on the no-dropout ridge b is free once a → 0) is named too, and
// the fit is not converged. At most 7 evaluations, and only when a parameter is that far out.
// Customers with identical (x, t_x, T) are grouped, and log-gammas and digammas are evaluated once per
// distinct x and ln(α + ·) once per distinct t_x and T, so an evaluation costs O(distinct triples)
// cheap operations. Needs at least one customer.
BgNbdFit fit_bgnbd(std::span<const CustomerSummary> customers);

}  // namespace sellerscore::kpi
