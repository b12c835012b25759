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
    return {from_log(result.point), -result.value, result.converged, result.evaluations};
}

}  // namespace sellerscore::kpi
