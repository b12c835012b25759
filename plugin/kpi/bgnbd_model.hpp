// The BG/NBD model of Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way": while
// alive a customer buys at rate λ ~ Gamma(r, α) per week; after each purchase it drops out with
// probability p ~ Beta(a, b) (KPIS.md §6). Everything here is evaluated in log space (log-gamma,
// log-sum-exp), so a customer with thousands of repeat purchases gives finite values.
#pragma once

#include <optional>

#include "customer_summary.hpp"

namespace sellerscore::kpi {

struct BgNbdParameters {
    double r = 0;
    double alpha = 0;  // in weeks, the unit of CustomerSummary
    double a = 0;
    double b = 0;
};

// ln L(r, α, a, b | x, t_x, T), FHL 2005 eq. (6):
// ln[Γ(r+x) αʳ / Γ(r)] + ln[B(a, b+x) / B(a, b)]
//   + ln[(α+T)^−(r+x) + 1{x>0} · a/(b+x−1) · (α+t_x)^−(r+x)].
double bgnbd_log_likelihood(const BgNbdParameters& p, const CustomerSummary& c);

// P(alive | x, t_x, T) = 1 / (1 + 1{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)), FHL 2005 eq. (13).
// A customer with no repeat purchase is alive with probability 1: in BG/NBD a customer can only
// drop out right after a purchase, and the first one is its birth, not a repeat.
double probability_alive(const BgNbdParameters& p, const CustomerSummary& c);

// E[Y(t) | x, t_x, T], the expected purchases in the next t weeks, FHL 2005 eq. (10):
// P(alive) · (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; z)],
// z = t/(α+T+t). The series of (1−z)^(r+x)·2F1 can blow up before it converges: for large x its
// terms grow like x·z/k at first (x = 5000 overflows), for large a and b (the likelihood's ridge when
// every customer drops out alike) like a·z/k in Euler's form (1−z)^(a−1)·2F1(a+b−1−r, a−1;
// a+b+x−1; z), whose parameters do not grow with x. The form with the smaller early growth is summed
// first, the other if it fails. What stays slow in both is z near 1, i.e. α + T tiny next to t (a
// customer first seen today under a fitted α of minutes): nullopt when neither series converges (see
// hypergeometric_2f1.hpp). At a = 1 the formula is 0/0; within 1e-9 of it the result is nullopt
// rather than a cancelled difference.
std::optional<double> expected_purchases(const BgNbdParameters& p, const CustomerSummary& c, double weeks);

}  // namespace sellerscore::kpi
