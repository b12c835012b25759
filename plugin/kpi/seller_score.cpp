#include "seller_score.hpp"

#include <algorithm>
#include <cmath>

namespace sellerscore::kpi {

namespace {

// §5.4: values within 1e-9 relative of each other tie.
bool ties(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b)); }

bool is_worse(double other, double mine, Preference better) {
    switch (better) {
        case Preference::higher:
            return other < mine;
        case Preference::lower:
            return other > mine;
        case Preference::neither:
            return false;
    }
    return false;
}

// §5.4 over the eligible sellers' component values; a null counts as a tie for the others and 50
// for itself.
std::vector<double> percentiles(const std::vector<std::optional<double>>& values, Preference better) {
    const std::size_t n = values.size();
    std::vector<double> result(n, 50.0);
    if (n < 2) return result;
    for (std::size_t i = 0; i < n; ++i) {
        if (!values[i]) continue;
        double worse = 0;
        double tied = 0;
        for (std::size_t j = 0; j < n; ++j) {
            if (j == i) continue;
            if (!values[j] || ties(*values[j], *values[i])) {
                tied += 1;
            } else if (is_worse(*values[j], *values[i], better)) {
                worse += 1;
            }
        }
        result[i] = (worse + 0.5 * tied) / static_cast<double>(n - 1) * 100.0;
    }
    return result;
}

}  // namespace

std::optional<double> shrink_towards_team(const KpiReading& reading, std::optional<double> team_value,
                                          double prior_strength) {
    if (reading.observations <= 0 || !reading.value) return team_value;
    if (!team_value) return reading.value;
    return (reading.observations * *reading.value + prior_strength * *team_value) /
           (reading.observations + prior_strength);
}

double round_half_up_to_tenth(double score) { return std::floor(score * 10.0 + 0.5 + 1e-9) / 10.0; }

char score_band(double rounded_score) {
    if (rounded_score >= 75) return 'A';
    if (rounded_score >= 50) return 'B';
    if (rounded_score >= 25) return 'C';
    return 'D';
}

std::vector<SellerScore> score_sellers(std::span<const KpiTally> sellers, const std::vector<bool>& eligible,
                                       const KpiTally& organisation, const std::map<std::string, double>& weights,
                                       double prior_strength) {
    std::vector<std::size_t> ranked;
    for (std::size_t s = 0; s < sellers.size(); ++s) {
        if (eligible[s]) ranked.push_back(s);
    }
    std::vector<double> weighted_sum(ranked.size(), 0.0);
    double weight_total = 0;
    std::vector<std::optional<double>> component(ranked.size());
    std::vector<std::optional<double>> reported(ranked.size());
    std::vector<std::vector<ScoreDriver>> parts(ranked.size());
    for (const auto& [id, weight] : weights) {
        const KpiDefinition* kpi = find_kpi(id);
        if (kpi == nullptr || weight == 0) continue;
        const std::optional<double> team_value = kpi->read(organisation).value;
        for (std::size_t r = 0; r < ranked.size(); ++r) {
            const KpiReading reading = kpi->read(sellers[ranked[r]]);
            component[r] = kpi->shrunk ? shrink_towards_team(reading, team_value, prior_strength) : reading.value;
            reported[r] = reading.value;
        }
        const std::vector<double> percentile = percentiles(component, kpi->better);
        for (std::size_t r = 0; r < ranked.size(); ++r) {
            weighted_sum[r] += weight * percentile[r];
            // Points are weighted here and divided by Σw once every weight is known.
            parts[r].push_back(
                {std::string(kpi->id), reported[r], team_value, percentile[r], weight * (percentile[r] - 50)});
        }
        weight_total += weight;
    }
    std::vector<SellerScore> scores(sellers.size());
    if (weight_total == 0) return scores;
    for (std::size_t r = 0; r < ranked.size(); ++r) {
        const double rounded = round_half_up_to_tenth(weighted_sum[r] / weight_total);
        for (ScoreDriver& part : parts[r]) part.points /= weight_total;
        scores[ranked[r]] = {rounded, score_band(rounded), pick_score_drivers(std::move(parts[r]))};
    }
    return scores;
}

}  // namespace sellerscore::kpi
