// The seller score of KPIS.md §5: shrunk components, percentiles among eligible sellers, a weighted
// mean rounded half up to one decimal, and its band.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kpi_catalog.hpp"
#include "kpi_tally.hpp"
#include "seller_score_drivers.hpp"

namespace sellerscore::kpi {

struct SellerScore {
    std::optional<double> score;
    std::optional<char> band;
    ScoreDrivers drivers;  // empty when the score is null
};

// Ineligible sellers get a null score and band. Weights naming a KPI the engine does not compute
// are left out of both sums of §5.5; a score whose weights sum to 0 is null.
std::vector<SellerScore> score_sellers(std::span<const KpiTally> sellers, const std::vector<bool>& eligible,
                                       const KpiTally& organisation, const std::map<std::string, double>& weights,
                                       double prior_strength);

// (n·value + k·team) ÷ (n + k); the team value when n = 0 (§5.2).
std::optional<double> shrink_towards_team(const KpiReading& reading, std::optional<double> team_value,
                                          double prior_strength);

// Half up to one decimal. Scores are sums of products of weights like 0.15 and multiples of 0.5, so
// an exact half can come out a few ulps short; offsets below 1e-9 of a tenth are taken as noise.
double round_half_up_to_tenth(double score);

// A ≥ 75, B ≥ 50, C ≥ 25, else D, read from the rounded score.
char score_band(double rounded_score);

}  // namespace sellerscore::kpi
