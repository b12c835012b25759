#include "digamma.hpp"

#include <cmath>

namespace sellerscore::kpi {

double digamma(double x) {
    double shift = 0;
    while (x < 10) {
        shift -= 1 / x;
        x += 1;
    }
    const double inverse_square = 1 / (x * x);
    // B₂/2, B₄/4, …, B₁₂/12.
    const double series =
        inverse_square *
        (1.0 / 12 -
         inverse_square * (1.0 / 120 -
                           inverse_square * (1.0 / 252 -
                                             inverse_square * (1.0 / 240 -
                                                               inverse_square * (1.0 / 132 -
                                                                                 inverse_square * 691.0 / 32760)))));
    return shift + std::log(x) - 0.5 / x - series;
}

}  // namespace sellerscore::kpi
