// The demo's sales team: who is employed when, who inherits whose accounts, and each seller's
// working style.
#pragma once

#include <vector>

#include "demo_options.hpp"
#include "demo_seller.hpp"
#include "random_source.hpp"

namespace sellerscore::demo {

class SellerRoster {
public:
    // Three teams (Inside Sales calls and emails, Field Sales visits, Key Accounts sells bigger
    // deals); skills spread evenly from 0.15 to 0.95 in a seeded order; with 4+ sellers the weakest
    // has left, with 10+ a second one too; with 6+ the last one joined four months before the end.
    SellerRoster(const DemoOptions& options, RandomSource random);

    const std::vector<DemoSeller>& sellers() const { return sellers_; }
    const DemoSeller& at(int index) const { return sellers_[static_cast<std::size_t>(index)]; }

    // A seller on duty at t, to take a new lead; every seller on duty is equally likely.
    int pick_on_duty(model::Timestamp t, RandomSource& random) const;
    // Who works an account of `owner` at t: the owner while employed, then their successor.
    int working_for(int owner, model::Timestamp t) const;
    // Share of a seller's meetings that are in-person visits.
    double visit_share(int index) const;
    // Multiplier on the seller's typical deal size.
    double deal_size_factor(int index) const;

private:
    std::vector<DemoSeller> sellers_;
    std::vector<int> successor_;  // −1 for sellers who never leave
    std::vector<int> team_style_;
};

}  // namespace sellerscore::demo
