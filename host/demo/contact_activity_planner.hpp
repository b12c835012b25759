// Writes the activities about one demo contact: the first response to the lead, the meetings,
// calls and proposals that move its deals, and the day-to-day follow-up around them, shaped by the
// skill and style of whoever works the account.
#pragma once

#include <span>
#include <vector>

#include "demo_crm_plan.hpp"
#include "plugin/model/records.hpp"
#include "random_source.hpp"
#include "seller_roster.hpp"

namespace sellerscore::demo {

class ContactActivityPlanner {
public:
    ContactActivityPlanner(const SellerRoster& roster, std::span<const DealPlan> deals, model::Timestamp end);

    // Appends exactly contact.activity_budget activities, in time order, with no ids yet. When the
    // budget is short, proposals go first, then the first response to the lead, then the deals'
    // stage meetings and calls; spare budget becomes follow-up touches, replies, notes and tasks.
    void plan(const ContactPlan& contact, int contact_index, std::span<const int> contact_deals,
              RandomSource random, std::vector<model::Activity>& out) const;

private:
    struct Draft {
        model::Activity activity;
        int priority;  // lower survives a short budget
    };
    struct Context;

    model::Activity make(const Context& context, model::ActivityType type, model::Direction direction,
                         model::Timestamp at, int deal) const;
    void add_lead_response(Context& context, std::vector<Draft>& drafts) const;
    void add_deal_steps(Context& context, int deal, std::vector<Draft>& drafts) const;
    void add_follow_up(Context& context, int count, std::vector<model::Activity>& out) const;
    void fill_call(Context& context, model::Activity& call) const;
    void fill_email(Context& context, model::Activity& email) const;
    void fill_meeting(Context& context, model::Activity& meeting) const;
    double skill_at(const Context& context, model::Timestamp t) const;

    const SellerRoster& roster_;
    std::span<const DealPlan> deals_;
    model::Timestamp end_;
};

}  // namespace sellerscore::demo
