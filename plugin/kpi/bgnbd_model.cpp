#include "bgnbd_model.hpp"

#include <array>
#include <cmath>

#include "hypergeometric_2f1.hpp"

namespace sellerscore::kpi {

namespace {

double log_add_exp(double u, double v) {
    const double high = std::max(u, v);
    return high + std::log1p(std::exp(std::min(u, v) - high));
}

// ln[a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)]: the log odds of having dropped out, for x > 0.
double log_odds_dropped_out(const BgNbdParameters& p, const CustomerSummary& c) {
    return std::log(p.a) - std::log(p.b + c.x - 1) +
           (p.r + c.x) * (std::log(p.alpha + c.T) - std::log(p.alpha + c.t_x));
}

}  // namespace

double bgnbd_log_likelihood(const BgNbdParameters& p, const CustomerSummary& c) {
    const double purchase_part = std::lgamma(p.r + c.x) - std::lgamma(p.r) + p.r * std::log(p.alpha);
    const double dropout_part =
        std::lgamma(p.a + p.b) + std::lgamma(p.b + c.x) - std::lgamma(p.b) - std::lgamma(p.a + p.b + c.x);
    const double alive_at_T = -(p.r + c.x) * std::log(p.alpha + c.T);
    if (c.x == 0) return purchase_part + dropout_part + alive_at_T;
    const double dropped_after_t_x =
        std::log(p.a) - std::log(p.b + c.x - 1) - (p.r + c.x) * std::log(p.alpha + c.t_x);
    return purchase_part + dropout_part + log_add_exp(alive_at_T, dropped_after_t_x);
}

double probability_alive(const BgNbdParameters& p, const CustomerSummary& c) {
    if (c.x == 0) return 1;
    const double log_odds = log_odds_dropped_out(p, c);
    if (log_odds > 0) {
        const double odds_alive = std::exp(-log_odds);
        return odds_alive / (1 + odds_alive);
    }
    return 1 / (1 + std::exp(log_odds));
}

std::optional<double> expected_purchases(const BgNbdParameters& p, const CustomerSummary& c, double weeks) {
    if (std::abs(p.a - 1) < 1e-9) return std::nullopt;
    const double horizon_end = p.alpha + c.T + weeks;
    const double z = weeks / horizon_end;
    const double log_one_minus_z = std::log((p.alpha + c.T) / horizon_end);
    const double c_param = p.a + p.b + c.x - 1;
    // The two equal forms of (1−z)^(r+x) · 2F1(r+x, b+x; c; z); the series grows early like
    // (first parameter · second parameter / c)·z per term, so the smaller product goes first.
    struct Form {
        double first, second, exponent;
    };
    const Form euler{p.a + p.b - 1 - p.r, p.a - 1, p.a - 1};
    const Form direct{p.r + c.x, p.b + c.x, p.r + c.x};
    const bool euler_first = std::abs(euler.first * euler.second) <= std::abs(direct.first * direct.second);
    for (const Form& form : euler_first ? std::array{euler, direct} : std::array{direct, euler}) {
        const std::optional<double> series = hypergeometric_2f1(form.first, form.second, c_param, z);
        if (!series || !std::isfinite(*series)) continue;
        const double bracket = 1 - std::exp(form.exponent * log_one_minus_z) * *series;
        return probability_alive(p, c) * c_param / (p.a - 1) * bracket;
    }
    return std::nullopt;
}

}  // namespace sellerscore::kpi
