#include "nelder_mead.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sellerscore::kpi {

namespace {

struct Vertex {
    std::vector<double> point;
    double value;
};

class Minimiser {
public:
    Minimiser(const std::function<double(std::span<const double>)>& f, const NelderMeadOptions& options)
        : f_(f), options_(options) {}

    Vertex evaluate(std::vector<double> point) {
        ++evaluations_;
        const double value = f_(point);
        return {std::move(point), std::isnan(value) ? std::numeric_limits<double>::infinity() : value};
    }

    // One run from a fresh simplex around start; true when it met the tolerances.
    bool run(Vertex& best, double step) {
        const std::size_t n = best.point.size();
        std::vector<Vertex> simplex{best};
        for (std::size_t i = 0; i < n; ++i) {
            std::vector<double> point = best.point;
            point[i] += step;
            simplex.push_back(evaluate(std::move(point)));
        }
        const int budget_end = evaluations_ + options_.max_evaluations_per_run;
        bool met = false;
        while (evaluations_ < budget_end) {
            std::sort(simplex.begin(), simplex.end(), [](const Vertex& u, const Vertex& v) { return u.value < v.value; });
            if (within_tolerance(simplex)) {
                met = true;
                break;
            }
            step_simplex(simplex);
        }
        std::sort(simplex.begin(), simplex.end(), [](const Vertex& u, const Vertex& v) { return u.value < v.value; });
        best = simplex.front();
        return met;
    }

    int evaluations() const { return evaluations_; }

private:
    bool within_tolerance(const std::vector<Vertex>& sorted) const {
        const Vertex& best = sorted.front();
        if (!std::isfinite(best.value)) return false;
        for (const Vertex& v : sorted) {
            if (!(v.value - best.value <= options_.value_tolerance * (1 + std::abs(best.value)))) return false;
            for (std::size_t i = 0; i < best.point.size(); ++i) {
                if (std::abs(v.point[i] - best.point[i]) > options_.point_tolerance) return false;
            }
        }
        return true;
    }

    // centroid + t·(worst − centroid)
    static std::vector<double> along(const std::vector<double>& centroid, const std::vector<double>& worst, double t) {
        std::vector<double> point(centroid.size());
        for (std::size_t i = 0; i < point.size(); ++i) point[i] = centroid[i] + t * (worst[i] - centroid[i]);
        return point;
    }

    void step_simplex(std::vector<Vertex>& simplex) {
        const std::size_t n = simplex.size() - 1;
        std::vector<double> centroid(n, 0);
        for (std::size_t v = 0; v < n; ++v) {
            for (std::size_t i = 0; i < n; ++i) centroid[i] += simplex[v].point[i] / static_cast<double>(n);
        }
        Vertex& worst = simplex.back();
        const double second_worst = simplex[n - 1].value;
        Vertex reflected = evaluate(along(centroid, worst.point, -1));
        if (reflected.value < simplex.front().value) {
            Vertex expanded = evaluate(along(centroid, worst.point, -2));
            worst = expanded.value < reflected.value ? std::move(expanded) : std::move(reflected);
            return;
        }
        if (reflected.value < second_worst) {
            worst = std::move(reflected);
            return;
        }
        const bool outside = reflected.value < worst.value;
        Vertex contracted = evaluate(along(centroid, worst.point, outside ? -0.5 : 0.5));
        if (contracted.value < (outside ? reflected.value : worst.value)) {
            worst = std::move(contracted);
            return;
        }
        for (std::size_t v = 1; v <= n; ++v) simplex[v] = evaluate(along(simplex.front().point, simplex[v].point, 0.5));
    }

    const std::function<double(std::span<const double>)>& f_;
    const NelderMeadOptions& options_;
    int evaluations_ = 0;
};

}  // namespace

NelderMeadResult nelder_mead(const std::function<double(std::span<const double>)>& f, std::vector<double> start,
                             const NelderMeadOptions& options) {
    Minimiser minimiser(f, options);
    Vertex best = minimiser.evaluate(std::move(start));
    minimiser.run(best, options.initial_step);
    bool converged = false;
    for (int restart = 0; restart < options.max_restarts && !converged; ++restart) {
        const double before = best.value;
        const bool met = minimiser.run(best, options.restart_step);
        converged = met && before - best.value <= options.value_tolerance * (1 + std::abs(best.value));
    }
    return {best.point, best.value, converged, minimiser.evaluations()};
}

}  // namespace sellerscore::kpi
