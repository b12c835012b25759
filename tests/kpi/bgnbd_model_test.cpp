// The BG/NBD formulas (KPIS.md §6) on small cases worked out by hand from Fader, Hardie & Lee (2005).
#include <catch2/catch.hpp>

#include <cmath>

#include "plugin/kpi/bgnbd_model.hpp"
#include "plugin/kpi/customer_summary.hpp"
#include "plugin/kpi/hypergeometric_2f1.hpp"

using namespace sellerscore;
using namespace sellerscore::kpi;

namespace {

const BgNbdParameters cdnow{0.243, 4.414, 0.793, 2.426};
const BgNbdParameters unit{1, 1, 1, 1};

}  // namespace

TEST_CASE("a customer without repeat purchases is alive with probability 1", "[kpi][bgnbd]") {
    // eq. (13): 1 / (1 + δ(x>0)·…) with δ = 0
    CHECK(probability_alive(cdnow, {0, 0, 30}) == 1.0);
}

TEST_CASE("P(alive) follows eq. 13 for a repeat customer", "[kpi][bgnbd]") {
    // x = 2, t_x = 1, T = 3: 1 / (1 + 1/(1+2−1) · ((1+3)/(1+1))^(1+2)) = 1 / (1 + ½·8) = 0.2
    CHECK(probability_alive(unit, {2, 1, 3}) == Approx(0.2).epsilon(1e-12));
}

TEST_CASE("the log-likelihood of one customer follows eq. 6", "[kpi][bgnbd]") {
    // r = α = a = b = 1, x = 0, T = 1: B(1,1)/B(1,1) · Γ(1)·1 / (Γ(1)·2¹) = ½
    CHECK(bgnbd_log_likelihood(unit, {0, 0, 1}) == Approx(std::log(0.5)).epsilon(1e-12));
    // x = 1, t_x = 1, T = 2: B(1,2)/B(1,1) · 1/3² + B(2,1)/B(1,1) · 1/2² = 1/18 + 1/8 = 13/72
    CHECK(bgnbd_log_likelihood(unit, {1, 1, 2}) == Approx(std::log(13.0 / 72)).epsilon(1e-12));
}

TEST_CASE("expected purchases of a customer without repeat purchases follow eq. 10", "[kpi][bgnbd]") {
    // r = 2, α = 10, a = 2, b = 1, x = 0, T = 0, t = 90/7: z = t/(α+T+t) = (90/7)/(160/7) = 0.5625;
    // 2F1(2, 1; 2; z) = Σ zᵏ = 1/(1−z), so E = (a+b−1)/(a−1) · [1 − (1−z)² / (1−z)] = 2z = 1.125
    const std::optional<double> expected = expected_purchases({2, 10, 2, 1}, {0, 0, 0}, 90.0 / 7);
    REQUIRE(expected);
    CHECK(*expected == Approx(1.125).epsilon(1e-12));
}

TEST_CASE("a customer with 5000 repeat purchases gives finite values", "[kpi][bgnbd]") {
    const CustomerSummary steady{5000, 100, 100};
    CHECK(std::isfinite(bgnbd_log_likelihood(cdnow, steady)));
    CHECK(probability_alive(cdnow, steady) == Approx(1).margin(1e-3));
    const std::optional<double> expected = expected_purchases(cdnow, steady, 90.0 / 7);
    REQUIRE(expected);
    // At most E[λ | x, T]·t = (r+x)/(α+T) · 90/7 = 5000.243/104.414 · 12.857 ≈ 615.7 purchases; it
    // may drop out after each of them with probability about a/(a+b+x) ≈ 1.585e-4, so on average
    // about 615.7 · 1.585e-4 / 2 ≈ 4.9 % of them are lost: ≈ 585.6 (a little more, the mixing over p
    // being convex).
    CHECK(*expected < 615.8);
    CHECK(*expected > 580);

    const CustomerSummary silent{5000, 10, 100};
    CHECK(std::isfinite(bgnbd_log_likelihood(cdnow, silent)));
    CHECK(probability_alive(cdnow, silent) == Approx(0).margin(1e-12));
}

TEST_CASE("2F1 matches its closed form including close to z = 1", "[kpi][bgnbd]") {
    // 2F1(1, 1; 2; z) = −ln(1 − z)/z
    CHECK(*hypergeometric_2f1(1, 1, 2, 0.5) == Approx(2 * std::log(2.0)).epsilon(1e-13));
    CHECK(*hypergeometric_2f1(1, 1, 2, 0.999) == Approx(-std::log(0.001) / 0.999).epsilon(1e-12));
    // 2F1(−2, 1; 1; z) = (1 − z)² terminates
    CHECK(*hypergeometric_2f1(-2, 1, 1, 0.3) == Approx(0.49).epsilon(1e-14));
}

TEST_CASE("2F1 gives up rather than truncating where the series is too slow", "[kpi][bgnbd]") {
    CHECK_FALSE(hypergeometric_2f1(1, 1, 1.5, 1 - 1e-9).has_value());
}

TEST_CASE("a summary counts UTC calendar days and measures weeks up to the day of as_of", "[kpi][bgnbd]") {
    constexpr model::Timestamp day = model::ms_per_day;
    constexpr model::Timestamp hour = model::ms_per_hour;
    // days 986 (twice), 993, and 1001 after as_of = day 1000 + 5 h
    const std::vector<model::Timestamp> purchases{986 * day + hour, 986 * day + 22 * hour, 993 * day + 10, 1001 * day};
    const std::optional<CustomerSummary> summary = summarise_purchases(purchases, 1000 * day + 5 * hour);
    REQUIRE(summary);
    CHECK(summary->x == 1);
    CHECK(summary->t_x == 1);
    CHECK(summary->T == 2);
}

TEST_CASE("a customer with no purchase by as_of has no summary", "[kpi][bgnbd]") {
    const std::vector<model::Timestamp> purchases{2'000'000};
    CHECK_FALSE(summarise_purchases(purchases, 1'000'000).has_value());
}
