#include "bgnbd_fit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "nelder_mead.hpp"

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

    double operator()(const BgNbdParameters& p) {
        const double shared = -std::lgamma(p.r) + p.r * std::log(p.alpha) + std::lgamma(p.a + p.b) - std::lgamma(p.b);
        for (std::size_t i = 0; i < xs_.size(); ++i) {
            const double x = xs_[i];
            per_x_[i].base = shared + std::lgamma(p.r + x) + std::lgamma(p.b + x) - std::lgamma(p.a + p.b + x);
            per_x_[i].log_dropout_weight = x > 0 ? std::log(p.a) - std::log(p.b + x - 1) : 0;
        }
        for (std::size_t i = 0; i < recencies_.size(); ++i) log_alpha_plus_recency_[i] = std::log(p.alpha + recencies_[i]);
        for (std::size_t i = 0; i < ages_.size(); ++i) log_alpha_plus_age_[i] = std::log(p.alpha + ages_[i]);

        double sum = 0;
        for (const Triple& t : triples_) {
            const double x = xs_[t.x];
            const PerX& terms = per_x_[t.x];
            const double alive_at_T = -(p.r + x) * log_alpha_plus_age_[t.age];
            double ll = terms.base + alive_at_T;
            if (x > 0) {
                const double dropped = terms.log_dropout_weight - (p.r + x) * log_alpha_plus_recency_[t.recency];
                const double high = std::max(alive_at_T, dropped);
                ll = terms.base + high + std::log1p(std::exp(std::min(alive_at_T, dropped) - high));
            }
            sum += t.count * ll;
        }
        return sum;
    }

private:
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
    std::vector<PerX> per_x_;
    std::vector<double> log_alpha_plus_recency_, log_alpha_plus_age_;
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
    const auto negative_log_likelihood = [&](std::span<const double> log_parameters) -> double {
        for (const double v : log_parameters) {
            if (std::abs(v) > log_parameter_limit) return std::numeric_limits<double>::infinity();
        }
        return -log_likelihood(from_log(log_parameters));
    };
    const NelderMeadResult result = nelder_mead(negative_log_likelihood, {0, 0, 0, 0});
    BgNbdFit fit{from_log(result.point), -result.value, result.converged, result.evaluations, {}};
    fit.diverged_parameters =
        diverged_parameters(negative_log_likelihood, result.point, result.value, fit.evaluations);
    if (!fit.diverged_parameters.empty()) fit.converged = false;
    return fit;
}

}  // namespace sellerscore::kpi
