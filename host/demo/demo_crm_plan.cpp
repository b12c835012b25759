#include "demo_crm_plan.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <queue>
#include <utility>

#include "lead_channel.hpp"

namespace sellerscore::demo {

namespace {

constexpr model::Timestamp hour = model::ms_per_hour;
constexpr double day = model::ms_per_day;
enum Stream : std::uint64_t { contact_stream = 2, deal_stream, referral_stream };

constexpr double lead_growth = 1.0;  // the last month brings twice the leads of the first
constexpr double unassigned_lead_share = 0.03;
constexpr double company_share = 0.45;
constexpr double referrer_known_share = 0.70;

std::vector<ContactPlan> plan_contacts(const DemoOptions& options, const SellerRoster& roster, RandomSource random) {
    const model::Timestamp start = options.start();
    const double span = static_cast<double>(options.end - start);
    std::vector<model::Timestamp> times(static_cast<std::size_t>(options.contacts));
    for (model::Timestamp& t : times) {
        // Inverse of the CDF of a density rising linearly by lead_growth over the span.
        const double x = (std::sqrt(1 + random.uniform() * lead_growth * (2 + lead_growth)) - 1) / lead_growth;
        t = std::min(options.end - 1, start + static_cast<model::Timestamp>(x * span));
    }
    std::sort(times.begin(), times.end());

    std::vector<double> channel_shares;
    for (const LeadChannel& channel : lead_channels()) channel_shares.push_back(channel.share);
    const int companies = std::max(1, options.contacts / 4);

    std::vector<ContactPlan> contacts(times.size());
    for (std::size_t i = 0; i < contacts.size(); ++i) {
        ContactPlan& contact = contacts[i];
        contact.created_at = times[i];
        contact.channel = static_cast<std::uint8_t>(random.choice(channel_shares));
        contact.worker = roster.pick_on_duty(contact.created_at, random);
        contact.owner = random.chance(unassigned_lead_share) ? no_one : contact.worker;
        if (random.chance(company_share)) contact.company = static_cast<int>(random.uniform_int(0, companies - 1));
    }
    return contacts;
}

class DealPlanner {
public:
    DealPlanner(const DemoOptions& options, const SellerRoster& roster, const std::vector<ContactPlan>& contacts,
                RandomSource random)
        : options_(options), roster_(roster), contacts_(contacts), random_(random) {
        rank_leads();
    }

    std::vector<DealPlan> plan() {
        const auto total = static_cast<std::size_t>(options_.deals);
        const std::size_t repeat_target = total * 2 / 5;
        while (deals_.size() < total - repeat_target) add_new_business();
        // Loyal customers' next purchases in time order, so that those the deal count cuts off are the
        // latest ones (as if the data ended a little earlier for them), not a random share.
        while (deals_.size() < total) {
            if (next_purchases_.empty() || next_purchases_.top().first >= options_.end) {
                add_new_business();
                continue;
            }
            const auto [at, previous] = next_purchases_.top();
            next_purchases_.pop();
            add_deal(deals_[static_cast<std::size_t>(previous)].contact, at, true);
        }
        return std::move(deals_);
    }

private:
    // Efraimidis–Spirakis weighted sampling without replacement: the smallest Exp(1)/weight keys.
    void rank_leads() {
        std::vector<std::pair<double, int>> keys;
        keys.reserve(contacts_.size());
        for (std::size_t i = 0; i < contacts_.size(); ++i) {
            const ContactPlan& contact = contacts_[i];
            const double days_left = static_cast<double>(options_.end - contact.created_at) / day;
            const double weight =
                lead_channels()[contact.channel].deal_propensity * std::min(1.0, days_left / 30.0) + 0.01;
            keys.emplace_back(random_.exponential(1.0) / weight, static_cast<int>(i));
        }
        std::sort(keys.begin(), keys.end());
        for (const auto& key : keys) ranked_leads_.push_back(key.second);
    }

    void add_new_business() {
        // Past the ranking (more deals than contacts), leads buy a second time at random.
        const int contact = next_ranked_ < ranked_leads_.size()
                                ? ranked_leads_[next_ranked_++]
                                : static_cast<int>(random_.uniform_int(0, static_cast<std::int64_t>(contacts_.size()) - 1));
        const ContactPlan& plan = contacts_[static_cast<std::size_t>(contact)];
        const double skill = roster_.at(roster_.working_for(plan.worker, plan.created_at)).skill;
        model::Timestamp created =
            plan.created_at + hour / 2 + static_cast<model::Timestamp>(random_.exponential((3 + 10 * (1 - skill)) * day));
        if (created >= options_.end) created = random_.uniform_int(plan.created_at, options_.end - 1);
        add_deal(contact, created, false);
    }

    void add_deal(int contact, model::Timestamp created, bool repeat_purchase) {
        const ContactPlan& plan = contacts_[static_cast<std::size_t>(contact)];
        const int seller = roster_.working_for(plan.worker, created);
        const double skill = roster_.at(seller).skill;
        DealJourneyTraits traits;
        traits.skill = skill;
        traits.advance_bonus = lead_channels()[plan.channel].advance_bonus + (repeat_purchase ? 0.12 : 0.0);
        traits.repeat_purchase = repeat_purchase;

        DealPlan deal;
        deal.contact = contact;
        deal.created_at = created;
        if (!random_.chance(0.02)) {  // a few deals never got an amount
            const double median = 5000 * roster_.deal_size_factor(seller) * (0.8 + 0.5 * skill) * (repeat_purchase ? 0.6 : 1.0);
            deal.amount = std::max(50.0, 50 * std::round(random_.lognormal(median, 0.75) / 50));
        }
        deal.journey = walk_pipeline(created, options_.end, traits, random_);
        deal.owner = roster_.working_for(plan.worker, deal.journey.closed_at.value_or(options_.end - 1));
        // Buying as the BG/NBD model assumes (KPIS.md §6): a customer may drop out after each repeat
        // purchase, with its own probability (the model's beta-distributed p; skilled sellers keep
        // customers longer), and while it stays its next purchase comes after an exponential wait at
        // its own rate.
        const double dropout =
            std::clamp((0.45 - 0.35 * roster_.at(deal.owner).skill) * loyalty_factor(contact), 0.02, 0.95);
        if (deal.journey.status == model::DealStatus::won && !(repeat_purchase && random_.chance(dropout))) {
            const model::Timestamp next = *deal.journey.closed_at + static_cast<model::Timestamp>(random_.exponential(
                                                                        mean_days_between_purchases(contact) * day));
            next_purchases_.emplace(next, static_cast<int>(deals_.size()));
        }
        deals_.push_back(std::move(deal));
    }

    // A customer's own mean time between purchases, drawn once: customers differ widely (a few buy
    // monthly, most a few times a year), as the model's gamma-distributed purchase rates do.
    double mean_days_between_purchases(int contact) {
        if (purchase_gap_days_.empty()) purchase_gap_days_.assign(contacts_.size(), 0);
        double& gap = purchase_gap_days_[static_cast<std::size_t>(contact)];
        if (gap == 0) gap = std::clamp(random_.lognormal(110, 0.8), 15.0, 1000.0);
        return gap;
    }

    // How much more (> 1) or less likely than its seller's usual this customer is to drop out after a
    // purchase, drawn once.
    double loyalty_factor(int contact) {
        if (loyalty_factors_.empty()) loyalty_factors_.assign(contacts_.size(), 0);
        double& factor = loyalty_factors_[static_cast<std::size_t>(contact)];
        if (factor == 0) factor = random_.lognormal(1, 1.5);
        return factor;
    }

    const DemoOptions& options_;
    const SellerRoster& roster_;
    const std::vector<ContactPlan>& contacts_;
    RandomSource random_;
    std::vector<int> ranked_leads_;
    std::size_t next_ranked_ = 0;
    std::vector<DealPlan> deals_;
    // (when, the won deal before it) of loyal customers' next purchases, soonest on top.
    std::priority_queue<std::pair<model::Timestamp, int>, std::vector<std::pair<model::Timestamp, int>>,
                        std::greater<>>
        next_purchases_;
    std::vector<double> purchase_gap_days_;  // by contact; 0 until drawn
    std::vector<double> loyalty_factors_;    // by contact; 0 until drawn
};

void order_deals_by_creation(DemoCrmPlan& plan) {
    std::vector<int> order(plan.deals.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        const auto ta = plan.deals[static_cast<std::size_t>(a)].created_at;
        const auto tb = plan.deals[static_cast<std::size_t>(b)].created_at;
        return ta != tb ? ta < tb : a < b;
    });
    std::vector<DealPlan> ordered;
    ordered.reserve(order.size());
    for (int i : order) ordered.push_back(std::move(plan.deals[static_cast<std::size_t>(i)]));
    plan.deals = std::move(ordered);

    for (const DealPlan& deal : plan.deals) ++plan.contacts[static_cast<std::size_t>(deal.contact)].deal_count;
    int offset = 0;
    for (ContactPlan& contact : plan.contacts) {
        contact.first_deal = offset;
        offset += contact.deal_count;
        contact.deal_count = 0;
    }
    plan.deals_by_contact.resize(plan.deals.size());
    for (std::size_t d = 0; d < plan.deals.size(); ++d) {
        ContactPlan& contact = plan.contacts[static_cast<std::size_t>(plan.deals[d].contact)];
        plan.deals_by_contact[static_cast<std::size_t>(contact.first_deal + contact.deal_count++)] = static_cast<int>(d);
    }
}

// Referrals come from happy customers: a referred contact points at a contact whose first purchase
// closed before the referral arrived (or, early on, at any earlier contact).
void plan_referrals(DemoCrmPlan& plan, RandomSource random) {
    std::vector<model::Timestamp> first_purchase(plan.contacts.size(), 0);
    std::vector<std::pair<model::Timestamp, int>> customers;
    for (const DealPlan& deal : plan.deals) {
        if (deal.journey.status != model::DealStatus::won) continue;
        model::Timestamp& first = first_purchase[static_cast<std::size_t>(deal.contact)];
        if (first == 0 || *deal.journey.closed_at < first) first = *deal.journey.closed_at;
    }
    for (std::size_t i = 0; i < first_purchase.size(); ++i) {
        if (first_purchase[i] != 0) customers.emplace_back(first_purchase[i], static_cast<int>(i));
    }
    std::sort(customers.begin(), customers.end());

    for (std::size_t i = 0; i < plan.contacts.size(); ++i) {
        ContactPlan& contact = plan.contacts[i];
        if (contact.channel != referral_channel() || !random.chance(referrer_known_share)) continue;
        const auto known = std::lower_bound(customers.begin(), customers.end(), std::make_pair(contact.created_at, -1)) -
                           customers.begin();
        if (known > 0) {
            contact.referred_by = customers[static_cast<std::size_t>(random.uniform_int(0, known - 1))].second;
        } else if (i > 0) {
            contact.referred_by = static_cast<int>(random.uniform_int(0, static_cast<std::int64_t>(i) - 1));
        }
    }
}

// Shares the activities out in proportion to each contact's weight; cumulative rounding makes
// the budgets sum to exactly `activities`.
void plan_activity_budgets(DemoCrmPlan& plan, const SellerRoster& roster, model::Timestamp end, int activities) {
    std::vector<double> weights;
    weights.reserve(plan.contacts.size());
    double total = 0;
    for (const ContactPlan& contact : plan.contacts) {
        const double days_left = static_cast<double>(end - contact.created_at) / day;
        const double recency = 0.1 + 0.9 * std::min(1.0, days_left / 60.0);
        const double discipline = 0.7 + 0.6 * roster.at(contact.worker).skill;
        const double weight = contact.owner == no_one ? 1.0 : (4.0 + 10.0 * contact.deal_count) * discipline * recency;
        weights.push_back(weight);
        total += weight;
    }
    double cumulative = 0;
    std::int64_t handed_out = 0;
    for (std::size_t i = 0; i < plan.contacts.size(); ++i) {
        cumulative += weights[i];
        const bool last = i + 1 == plan.contacts.size();
        const auto due = last ? activities : static_cast<std::int64_t>(std::floor(activities * (cumulative / total)));
        const std::int64_t budget = std::max<std::int64_t>(0, due - handed_out);
        plan.contacts[i].activity_budget = static_cast<int>(budget);
        handed_out += budget;
    }
}

}  // namespace

DemoCrmPlan DemoCrmPlan::make(const DemoOptions& options, const SellerRoster& roster, const RandomSource& random) {
    DemoCrmPlan plan;
    plan.contacts = plan_contacts(options, roster, random.fork(contact_stream));
    plan.deals = DealPlanner(options, roster, plan.contacts, random.fork(deal_stream)).plan();
    order_deals_by_creation(plan);
    plan_referrals(plan, random.fork(referral_stream));
    plan_activity_budgets(plan, roster, options.end, options.activities);
    return plan;
}

}  // namespace sellerscore::demo
