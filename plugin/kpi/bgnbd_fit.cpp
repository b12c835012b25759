#include "bgnbd_fit.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "digamma.hpp"
#include "nelder_mead.hpp"
#include "quasi_newton.hpp"

namespace sellerscore::kpi {

namespace {

constexpr double log_parameter_limit = 30;
// ln 10⁴: a BG/NBD parameter beyond 10⁴ or below 10⁻⁴ is no customer base's behaviour (α is in weeks;
// r, a, b are shape parameters), only a sign that the fit is running off along a ridge.
constexpr double ridge_log_bound = 9.210340371976184;
// The loss of ln L that still counts as "no worse": far below what any data set distinguishes.
constexpr double ridge_tolerance = 1e-3;
constexpr const char* parameter_names[] = {"r", "alpha", "a", "b"};

// The index of value in the sorted, distinct values.
std::uint32_t position_of(const std::vector<double>& values, double value) {
    return static_cast<std::uint32_t>(std::lower_bound(values.begin(), values.end(), value) - values.begin());
}

std::vector<double> distinct(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
}

// Σ ln L over customers grouped by (x, t_x, T), each triple pointing into tables of the distinct
// x, t_x and T so that the per-evaluation transcendental work is shared.
class GroupedLikelihood {
public:
    explicit GroupedLikelihood(std::span<const CustomerSummary> customers) {
        std::vector<CustomerSummary> sorted(customers.begin(), customers.end());
        std::sort(sorted.begin(), sorted.end());
        std::vector<double> xs, recencies, ages;
        for (const CustomerSummary& c : sorted) {
            xs.push_back(c.x);
            recencies.push_back(c.t_x);
            ages.push_back(c.T);
        }
        xs_ = distinct(std::move(xs));
        recencies_ = distinct(std::move(recencies));
        ages_ = distinct(std::move(ages));
        for (std::size_t i = 0; i < sorted.size(); ++i) {
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                triples_.back().count += 1;
                continue;
            }
            triples_.push_back({position_of(xs_, sorted[i].x), position_of(recencies_, sorted[i].t_x),
                                position_of(ages_, sorted[i].T), 1});
        }
        per_x_.resize(xs_.size());
        log_alpha_plus_recency_.resize(recencies_.size());
        log_alpha_plus_age_.resize(ages_.size());
    }

    double operator()(const BgNbdParameters& p) { return evaluate(p, nullptr); }

    // ln L and its gradient with respect to (ln r, ln α, ln a, ln b). The gradient costs no further
    // transcendental per customer group: the log-sum-exp's two weights come from the exponential the
    // value needs anyway, and the digammas are per distinct x.
    double operator()(const BgNbdParameters& p, std::span<double, 4> gradient) { return evaluate(p, &gradient); }

private:
    double evaluate(const BgNbdParameters& p, std::span<double, 4>* gradient) {
        const double shared = -std::lgamma(p.r) + p.r * std::log(p.alpha) + std::lgamma(p.a + p.b) - std::lgamma(p.b);
        for (std::size_t i = 0; i < xs_.size(); ++i) {
            const double x = xs_[i];
            per_x_[i].base = shared + std::lgamma(p.r + x) + std::lgamma(p.b + x) - std::lgamma(p.a + p.b + x);
            per_x_[i].log_dropout_weight = x > 0 ? std::log(p.a) - std::log(p.b + x - 1) : 0;
        }
        for (std::size_t i = 0; i < recencies_.size(); ++i) log_alpha_plus_recency_[i] = std::log(p.alpha + recencies_[i]);
        for (std::size_t i = 0; i < ages_.size(); ++i) log_alpha_plus_age_[i] = std::log(p.alpha + ages_[i]);
        if (gradient != nullptr) prepare_gradient(p);

        double sum = 0;
        // ∂ ln L/∂(r, α, a, b), summed over customers.
        double d_r = 0, d_alpha = 0, d_a = 0, d_b = 0;
        for (const Triple& t : triples_) {
            const double x = xs_[t.x];
            const PerX& terms = per_x_[t.x];
            const double alive_at_T = -(p.r + x) * log_alpha_plus_age_[t.age];
            double ll = terms.base + alive_at_T;
            // The log-sum-exp's weights of its two terms (alive at T, dropped out after t_x).
            double alive_weight = 1;
            double dropped_weight = 0;
            if (x > 0) {
                const double dropped = terms.log_dropout_weight - (p.r + x) * log_alpha_plus_recency_[t.recency];
                const double high = std::max(alive_at_T, dropped);
                const double low_over_high = std::exp(std::min(alive_at_T, dropped) - high);
                ll = terms.base + high + std::log1p(low_over_high);
                const double high_weight = 1 / (1 + low_over_high);
                alive_weight = alive_at_T >= dropped ? high_weight : 1 - high_weight;
                dropped_weight = 1 - alive_weight;
            }
            sum += t.count * ll;
            if (gradient == nullptr) continue;
            const PerXGradient& g = per_x_gradient_[t.x];
            d_r += t.count * (g.d_r - alive_weight * log_alpha_plus_age_[t.age] -
                              dropped_weight * log_alpha_plus_recency_[t.recency]);
            d_alpha += t.count * (p.r / p.alpha - (p.r + x) * (alive_weight * inverse_alpha_plus_age_[t.age] +
                                                                dropped_weight * inverse_alpha_plus_recency_[t.recency]));
            d_a += t.count * (g.d_a + dropped_weight / p.a);
            d_b += t.count * (g.d_b - (x > 0 ? dropped_weight / (p.b + x - 1) : 0));
        }
        if (gradient != nullptr) {
            (*gradient)[0] = p.r * d_r;
            (*gradient)[1] = p.alpha * d_alpha;
            (*gradient)[2] = p.a * d_a;
            (*gradient)[3] = p.b * d_b;
        }
        return sum;
    }

    // The parts of the gradient that depend on x only: of ln Γ(r+x)/Γ(r) + r ln α + ln B(a, b+x)/B(a, b).
    void prepare_gradient(const BgNbdParameters& p) {
        per_x_gradient_.resize(xs_.size());
        inverse_alpha_plus_recency_.resize(recencies_.size());
        inverse_alpha_plus_age_.resize(ages_.size());
        const double psi_r = digamma(p.r);
        const double psi_ab = digamma(p.a + p.b);
        const double psi_b = digamma(p.b);
        const double log_alpha = std::log(p.alpha);
        for (std::size_t i = 0; i < xs_.size(); ++i) {
            const double x = xs_[i];
            const double psi_abx = digamma(p.a + p.b + x);
            per_x_gradient_[i].d_r = digamma(p.r + x) - psi_r + log_alpha;
            per_x_gradient_[i].d_a = psi_ab - psi_abx;
            per_x_gradient_[i].d_b = psi_ab - psi_b + digamma(p.b + x) - psi_abx;
        }
        for (std::size_t i = 0; i < recencies_.size(); ++i) inverse_alpha_plus_recency_[i] = 1 / (p.alpha + recencies_[i]);
        for (std::size_t i = 0; i < ages_.size(); ++i) inverse_alpha_plus_age_[i] = 1 / (p.alpha + ages_[i]);
    }

    struct Triple {
        std::uint32_t x, recency, age;
        double count;
    };
    struct PerX {
        double base = 0;                // ln Γ(r+x) αʳ/Γ(r) + ln B(a, b+x)/B(a, b)
        double log_dropout_weight = 0;  // ln a/(b+x−1)
    };

    std::vector<double> xs_, recencies_, ages_;
    std::vector<Triple> triples_;
    struct PerXGradient {
        double d_r = 0, d_a = 0, d_b = 0;
    };

    std::vector<PerX> per_x_;
    std::vector<PerXGradient> per_x_gradient_;
    std::vector<double> log_alpha_plus_recency_, log_alpha_plus_age_;
    std::vector<double> inverse_alpha_plus_recency_, inverse_alpha_plus_age_;
};

BgNbdParameters from_log(std::span<const double> log_parameters) {
    return {std::exp(log_parameters[0]), std::exp(log_parameters[1]), std::exp(log_parameters[2]),
            std::exp(log_parameters[3])};
}

// The parameters that ran off along a ridge from `end`, the optimiser's best point (see fit_bgnbd).
template <class Objective>
std::vector<std::string> diverged_parameters(Objective& negative_log_likelihood, const std::vector<double>& end,
                                             double end_value, int& evaluations) {
    std::vector<bool> diverged(end.size(), false);
    std::vector<double> further = end;
    bool far_out = false;
    bool at_search_bound = false;
    for (std::size_t i = 0; i < end.size(); ++i) {
        if (std::abs(end[i]) <= ridge_log_bound) continue;
        diverged[i] = far_out = true;
        further[i] += end[i] > 0 ? 1 : -1;
        at_search_bound |= std::abs(further[i]) > log_parameter_limit;
    }
    if (!far_out) return {};
    if (!at_search_bound) {
        ++evaluations;
        if (!(negative_log_likelihood(further) < end_value + ridge_tolerance)) return {};
    }
    for (std::size_t i = 0; i < end.size(); ++i) {
        if (diverged[i]) continue;
        // Held: ln L drops by at least ridge_tolerance both ways.
        bool held = true;
        for (const double step : {-1.0, 1.0}) {
            std::vector<double> moved = end;
            moved[i] += step;
            ++evaluations;
            held = negative_log_likelihood(moved) >= end_value + ridge_tolerance;
            if (!held) break;
        }
        diverged[i] = !held;
    }
    std::vector<std::string> names;
    for (std::size_t i = 0; i < end.size(); ++i) {
        if (diverged[i]) names.emplace_back(parameter_names[i]);
    }
    return names;
}

}  // namespace

BgNbdFit fit_bgnbd(std::span<const CustomerSummary> customers) {
    GroupedLikelihood log_likelihood(customers);
    const auto out_of_bounds = [](std::span<const double> log_parameters) {
        return std::any_of(log_parameters.begin(), log_parameters.end(),
                           [](double v) { return std::abs(v) > log_parameter_limit; });
    };
    const auto negative_log_likelihood = [&](std::span<const double> log_parameters) -> double {
        if (out_of_bounds(log_parameters)) return std::numeric_limits<double>::infinity();
        return -log_likelihood(from_log(log_parameters));
    };
    const auto negative_with_gradient = [&](std::span<const double> log_parameters, std::span<double> gradient) {
        if (out_of_bounds(log_parameters)) return std::numeric_limits<double>::infinity();
        std::array<double, 4> ascent{};
        const double value = log_likelihood(from_log(log_parameters), ascent);
        for (std::size_t i = 0; i < 4; ++i) gradient[i] = -ascent[i];
        return -value;
    };
    const QuasiNewtonResult quick = quasi_newton(negative_with_gradient, {0, 0, 0, 0});
    BgNbdFit fit{from_log(quick.point), -quick.value, quick.converged, quick.evaluations, {}};
    fit.diverged_parameters = diverged_parameters(negative_log_likelihood, quick.point, quick.value, fit.evaluations);
    if (!quick.converged && fit.diverged_parameters.empty()) {
        // Stalled short of a zero gradient, and not on a ridge (rounding near the maximum, or a
        // badly scaled start): Nelder–Mead from the best point found decides, as it did alone before.
        NelderMeadOptions options;
        options.initial_step = options.restart_step;
        const NelderMeadResult result = nelder_mead(negative_log_likelihood, quick.point, options);
        fit = {from_log(result.point), -result.value, result.converged, fit.evaluations + result.evaluations, {}};
        fit.diverged_parameters =
            diverged_parameters(negative_log_likelihood, result.point, result.value, fit.evaluations);
    }
    if (!fit.diverged_parameters.empty()) fit.converged = false;
    return fit;
}

}  // namespace sellerscore::kpi
