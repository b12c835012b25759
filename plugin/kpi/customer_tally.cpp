#include "customer_tally.hpp"

namespace sellerscore::kpi {

namespace {

// One slot's purchases from the customer being walked (few slots per customer: a linear scan of a
// reused vector).
struct SlotPurchases {
    std::uint32_t slot;
    std::uint32_t won_deals;
    double amount;
    bool active_at_start;
    bool active_at_as_of;
};

SlotPurchases& purchases_of(std::vector<SlotPurchases>& purchases, std::uint32_t slot) {
    for (SlotPurchases& p : purchases) {
        if (p.slot == slot) return p;
    }
    return purchases.emplace_back(SlotPurchases{slot, 0, 0, false, false});
}

// conversion_rate: a lead converts when a deal on that very contact is won (any owner) by as_of; with
// customer_entity = company the cohort is still contacts, and a win on the company alone does not
// convert each of its contacts.
//
// referrals_count: a contact referred by another contact counts for the referrer's owner only (not
// for its own owner); a contact from the `referral` channel with no referred_by counts for its owner.
void tally_new_contacts(const TallyContext& context, std::vector<KpiTally>& tallies) {
    const DatasetIndex& index = context.index;
    const auto& contacts = index.data.contacts;
    for (std::size_t c = 0; c < contacts.size(); ++c) {
        if (!context.window.contains(contacts[c].created_at)) continue;
        const std::uint32_t owner = index.contact_record_owner[c];
        const std::uint32_t referrer =
            contacts[c].referred_by ? index.contact_referrer_owner[c]
                                    : (contacts[c].channel == "referral" ? owner : no_index);
        if (referrer != no_index) {
            for (const std::uint32_t slot : context.slots.slots_of(referrer)) tallies[slot].referrals += 1;
        }
        if (owner == no_index) continue;
        const bool converted = index.contact_first_won_at[index.contact_record_id[c]] <= context.window.as_of;
        for (const std::uint32_t slot : context.slots.slots_of(owner)) tallies[slot].converted.add(converted);
    }
}

// Per customer, its won deals closed by as_of: the first one decides who won the customer; each
// slot's share decides retention, repeat purchase and lifetime value for that slot.
void tally_purchases(const TallyContext& context, std::vector<KpiTally>& tallies) {
    const DatasetIndex& index = context.index;
    const auto& deals = index.data.deals;
    const Window& window = context.window;
    std::vector<SlotPurchases> purchases;
    for (std::uint32_t customer = 0; customer < index.customer_ids.size(); ++customer) {
        purchases.clear();
        std::uint32_t first_win = no_index;
        for (const std::uint32_t d : index.won_deals_by_customer[customer]) {
            const model::Timestamp closed_at = *deals[d].closed_at;
            if (closed_at > window.as_of) continue;
            // Deals of a customer are in input order, so a tie goes to the deal listed first.
            if (first_win == no_index || closed_at < *deals[first_win].closed_at) first_win = d;
            const std::uint32_t owner = index.deal_owner[d];
            if (owner == no_index) continue;
            for (const std::uint32_t slot : context.slots.slots_of(owner)) {
                SlotPurchases& p = purchases_of(purchases, slot);
                ++p.won_deals;
                p.amount += deals[d].amount.value_or(0);
                p.active_at_start = p.active_at_start || window.keeps_active_at(closed_at, window.start);
                p.active_at_as_of = p.active_at_as_of || window.keeps_active_at(closed_at, window.as_of);
            }
        }
        if (first_win != no_index && window.contains(*deals[first_win].closed_at) &&
            index.deal_owner[first_win] != no_index) {
            for (const std::uint32_t slot : context.slots.slots_of(index.deal_owner[first_win])) {
                tallies[slot].new_customers += 1;
            }
        }
        for (const SlotPurchases& p : purchases) {
            KpiTally& tally = tallies[p.slot];
            tally.repeat_buyers.add(p.won_deals >= 2);
            tally.lifetime_value.add(p.amount);
            if (p.active_at_start) tally.retained.add(p.active_at_as_of);
        }
    }
}

}  // namespace

void tally_customers(const TallyContext& context, std::vector<KpiTally>& tallies) {
    tally_new_contacts(context, tallies);
    tally_purchases(context, tallies);
}

}  // namespace sellerscore::kpi
