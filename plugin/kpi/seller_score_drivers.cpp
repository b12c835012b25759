#include "seller_score_drivers.hpp"

#include <algorithm>
#include <cmath>

namespace sellerscore::kpi {

ScoreDrivers pick_score_drivers(std::vector<ScoreDriver> components, std::size_t each) {
    ScoreDrivers drivers;
    for (ScoreDriver& c : components) {
        if (c.points > 0) drivers.lifts.push_back(std::move(c));
        else if (c.points < 0) drivers.holds.push_back(std::move(c));
    }
    const auto by_weight = [](const ScoreDriver& a, const ScoreDriver& b) {
        const double pa = std::abs(a.points);
        const double pb = std::abs(b.points);
        return pa != pb ? pa > pb : a.kpi < b.kpi;
    };
    std::sort(drivers.lifts.begin(), drivers.lifts.end(), by_weight);
    std::sort(drivers.holds.begin(), drivers.holds.end(), by_weight);
    if (drivers.lifts.size() > each) drivers.lifts.resize(each);
    if (drivers.holds.size() > each) drivers.holds.resize(each);
    return drivers;
}

}  // namespace sellerscore::kpi
