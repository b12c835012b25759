// The BG/NBD fit where the likelihood has no finite maximum (KPIS.md §6: report whether it converged).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "plugin/kpi/bgnbd_fit.hpp"

using namespace sellerscore;
using namespace sellerscore::kpi;

namespace {

// 120 customers who all made their last purchase on the last day observed (t_x = T): nobody shows a
// sign of dropping out, so the likelihood grows as the dropout probability a/(a+b) shrinks to 0.
// Purchase counts vary widely (0 to 24 repeats over 20 to 50 weeks), so r and α stay finite.
std::vector<CustomerSummary> nobody_drops_out() {
    std::vector<CustomerSummary> customers;
    const double repeats[] = {0, 1, 2, 3, 5, 8, 12, 24};
    for (int i = 0; i < 120; ++i) {
        const double T = 20 + (i * 7) % 31;
        const double x = repeats[(i * 5) % 8];
        customers.push_back({x, x > 0 ? T : 0, T});
    }
    return customers;
}

}  // namespace

TEST_CASE("a fit running off along the no-dropout ridge is not converged and names a and b", "[kpi][bgnbd]") {
    const BgNbdFit fit = fit_bgnbd(nobody_drops_out());
    CHECK_FALSE(fit.converged);
    CHECK(fit.diverged_parameters == std::vector<std::string>{"a", "b"});
    // The dropout probability the fit ran towards: none.
    CHECK(fit.parameters.a / (fit.parameters.a + fit.parameters.b) < 1e-6);
}

TEST_CASE("an interior maximum names no diverged parameter", "[kpi][bgnbd]") {
    // Half the customers stopped buying long before the end: dropout is visible in the data.
    std::vector<CustomerSummary> customers = nobody_drops_out();
    for (std::size_t i = 0; i < customers.size(); i += 2) customers[i].t_x = customers[i].x > 0 ? 4 : 0;
    const BgNbdFit fit = fit_bgnbd(customers);
    CHECK(fit.converged);
    CHECK(fit.diverged_parameters.empty());
}
