// ψ(x), the derivative of ln Γ, that the BG/NBD gradient is built on.
#include <catch2/catch.hpp>

#include <cmath>

#include "plugin/kpi/digamma.hpp"

using sellerscore::kpi::digamma;

namespace {
// Euler–Mascheroni constant γ = −ψ(1).
constexpr double euler_gamma = 0.57721566490153286;
}  // namespace

TEST_CASE("digamma at 1 is minus the Euler-Mascheroni constant", "[kpi][digamma]") {
    CHECK(digamma(1) == Approx(-euler_gamma).epsilon(1e-14));
}

TEST_CASE("digamma at one half is -gamma - 2 ln 2", "[kpi][digamma]") {
    CHECK(digamma(0.5) == Approx(-euler_gamma - 2 * std::log(2.0)).epsilon(1e-14));
}

TEST_CASE("digamma at an integer n is the harmonic number H(n-1) minus gamma", "[kpi][digamma]") {
    // H(9) = 1 + 1/2 + … + 1/9 = 7129/2520.
    CHECK(digamma(10) == Approx(7129.0 / 2520 - euler_gamma).epsilon(1e-14));
    // Past the recurrence's threshold of 10: the asymptotic series alone. H(99) = H(100) − 1/100, with
    // H(100) = 5.18737751763962026.
    CHECK(digamma(100) == Approx(5.18737751763962026 - 0.01 - euler_gamma).epsilon(1e-14));
}

TEST_CASE("digamma of a small argument follows the recurrence psi(x) = psi(x+1) - 1/x", "[kpi][digamma]") {
    // ψ(0.01) = ψ(1.01) − 100; ψ(1.01) = −0.5608854753…: ψ(0.01) = −100.5608854753…
    CHECK(digamma(0.01) == Approx(-100.56088545786867).epsilon(1e-12));
}
