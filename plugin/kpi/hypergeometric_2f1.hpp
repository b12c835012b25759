// The Gaussian hypergeometric function 2F1(a, b; c; z) for 0 ≤ z < 1, by its power series, as the
// BG/NBD conditional expectation needs it (KPIS.md §6).
#pragma once

#include <optional>

namespace sellerscore::kpi {

// Σₖ (a)ₖ (b)ₖ / ((c)ₖ k!) zᵏ, summed until the estimated tail term·ρ/(1 − ρ) falls below 1e-15 of
// the sum, counted only once a + k and b + k are positive and ρ = max(term ratio, z) is below 1
// (before that a tiny term can be followed by larger ones). For c > 0 and 0 ≤ z < 1 the series converges; its terms shrink roughly like zᵏ, so
// near z = 1 it is slow: it gives up after 10⁶ terms (enough for z < 1 − 3.5e-5) and returns
// nullopt rather than a truncated sum. Callers keep z away from 1 (see bgnbd_model.hpp).
std::optional<double> hypergeometric_2f1(double a, double b, double c, double z);

}  // namespace sellerscore::kpi
