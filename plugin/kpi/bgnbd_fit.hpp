// Maximum-likelihood estimation of the BG/NBD parameters over a customer base (KPIS.md §6).
#pragma once

#include <span>

#include "bgnbd_model.hpp"
#include "customer_summary.hpp"

namespace sellerscore::kpi {

struct BgNbdFit {
    BgNbdParameters parameters;
    double log_likelihood = 0;  // Σ over customers at the parameters
    bool converged = false;     // see fit_bgnbd
    int evaluations = 0;        // of the log-likelihood
};

// Maximises Σ ln L over log r, log α, log a, log b (the parameters stay positive without
// constraints) with Nelder–Mead and restarts (nelder_mead.hpp). Start: r = α = a = b = 1 (α in
// weeks, the order of magnitude of inter-purchase times in sales data), first simplex step 1 in
// log space (a factor e per parameter), restarts with step ¼. A log-parameter beyond ±30 is
// rejected (+∞), so a flat likelihood that pushes a parameter to 0 or ∞ ends not converged rather
// than overflowing. Stopping rule: a run ends when its vertices' −ln L are within 1e-12·(1 + |ln L|)
// and its log-parameters within 1e-7 of the best; converged when a restart from the best point then
// improves ln L by no more than that tolerance (at most 20 restarts, 5,000 evaluations each).
// Customers with identical (x, t_x, T) are grouped, and log-gammas are evaluated once per distinct
// x and ln(α + ·) once per distinct t_x and T, so an evaluation costs O(distinct triples) cheap
// operations. Needs at least one customer.
BgNbdFit fit_bgnbd(std::span<const CustomerSummary> customers);

}  // namespace sellerscore::kpi
