// The compact plan of the demo CRM: every contact and deal decided up front in a few dozen bytes
// each, so that the records (and the far more numerous activities) can be produced page by page.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "deal_journey.hpp"
#include "demo_options.hpp"
#include "plugin/model/records.hpp"
#include "random_source.hpp"
#include "seller_roster.hpp"

namespace sellerscore::demo {

inline constexpr int no_one = -1;

struct ContactPlan {
    model::Timestamp created_at = 0;
    int owner = no_one;  // seller index; no_one for the few leads nobody was assigned
    int worker = 0;      // the seller who works the lead: the owner, or whoever picked it up
    int referred_by = no_one;
    int company = no_one;
    std::uint8_t channel = 0;  // index into lead_channels()
    // This contact's deals, oldest first, are deals_by_contact[first_deal, first_deal + deal_count).
    int first_deal = 0;
    int deal_count = 0;
    int activity_budget = 0;
};

struct DealPlan {
    int contact = 0;
    int owner = 0;
    model::Timestamp created_at = 0;
    std::optional<double> amount;
    DealJourney journey;
};

struct DemoCrmPlan {
    std::vector<ContactPlan> contacts;  // by creation time: the index is the contact's number
    std::vector<DealPlan> deals;        // by creation time: the index is the deal's number
    std::vector<int> deals_by_contact;

    // Contacts arrive at a rate that doubles over the months; about three fifths of the deals go to
    // the leads most likely to buy (by channel), the rest are repeat purchases, and further leads
    // when no customer's next purchase is due. Customers buy as the BG/NBD model assumes: each has
    // its own mean time between purchases (lognormal around 110 days) and, after each repeat
    // purchase, its own chance of dropping out (lower with skilled sellers), so some lapse early and
    // some keep buying; next purchases are planned in time order. Referred contacts point at an
    // earlier customer. The activities are shared out by deals, seller discipline and how long the
    // contact has existed.
    static DemoCrmPlan make(const DemoOptions& options, const SellerRoster& roster, const RandomSource& random);
};

}  // namespace sellerscore::demo
