// Why a seller's score is what it is (issue 14): each weighted component's share of the distance
// from the middle (50), so a rep sees which KPIs lift the score and which hold it down.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace sellerscore::kpi {

struct ScoreDriver {
    std::string kpi;                   // the KPI id of KPIS.md §3
    std::optional<double> value;       // the seller's value as reported (before shrinkage)
    std::optional<double> team_value;  // the organisation's pooled value
    double percentile = 50;            // §5.4, of the shrunk component
    // w·(percentile − 50) ÷ Σw: the score points this component puts above (+) or below (−) 50.
    // Over all components these add up to the unrounded score − 50.
    double points = 0;
};

struct ScoreDrivers {
    std::vector<ScoreDriver> lifts;  // points > 0, largest first
    std::vector<ScoreDriver> holds;  // points < 0, most negative first
};

inline constexpr std::size_t max_drivers_each_way = 3;

// The components with the most points each way, at most `each` of each; a component at exactly 50
// neither lifts nor holds. Equal points are ordered by KPI id, so the choice is reproducible.
ScoreDrivers pick_score_drivers(std::vector<ScoreDriver> components, std::size_t each = max_drivers_each_way);

}  // namespace sellerscore::kpi
