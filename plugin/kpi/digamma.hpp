// ψ(x) = d/dx ln Γ(x), for the BG/NBD likelihood's analytic gradient (bgnbd_fit.cpp); the standard
// library has lgamma but no digamma.
#pragma once

namespace sellerscore::kpi {

// For x > 0: the recurrence ψ(x) = ψ(x+1) − 1/x up to x ≥ 10, then the asymptotic series
// ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ) to x⁻¹², whose first omitted term is below 1e-15 there.
double digamma(double x);

}  // namespace sellerscore::kpi
