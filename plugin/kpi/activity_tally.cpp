#include "activity_tally.hpp"

#include <algorithm>
#include <span>

#include "deal_snapshot.hpp"

namespace sellerscore::kpi {

namespace {

bool contains(std::span<const std::uint32_t> slots, std::uint32_t slot) {
    return std::find(slots.begin(), slots.end(), slot) != slots.end();
}

// One slot's touches of the contact being walked; a contact has few activities and few slots touch
// it, so a linear scan of a reused vector beats any map.
struct SlotTouches {
    std::uint32_t slot;
    model::Timestamp first_touch;
    std::uint32_t touches;
    bool responded;
};

SlotTouches& touches_of(std::vector<SlotTouches>& touches, std::uint32_t slot) {
    for (SlotTouches& t : touches) {
        if (t.slot == slot) return t;
    }
    return touches.emplace_back(SlotTouches{slot, never, 0, false});
}

SlotTouches* find_touches(std::vector<SlotTouches>& touches, std::uint32_t slot) {
    for (SlotTouches& t : touches) {
        if (t.slot == slot) return &t;
    }
    return nullptr;
}

// Click-to-open leaves out opened emails whose clicks were not tracked, as the other email rates
// leave out untracked emails.
void count_email(const model::Activity& email, KpiTally& tally) {
    tally.emails += 1;
    if (email.opened) tally.emails_opened.add(*email.opened);
    if (email.clicked) tally.emails_clicked.add(*email.clicked);
    if (email.opened == true && email.clicked) tally.opened_emails_clicked.add(*email.clicked);
}

void count_activity(const model::Activity& activity, const model::Deal* proposal_deal, model::Timestamp as_of,
                    KpiTally& tally) {
    tally.active_in_window = true;
    if (activity.objection) tally.objections += 1;
    const bool outbound = activity.direction == model::Direction::outbound;
    const bool timed = activity.duration_s && *activity.duration_s > 0;
    switch (activity.type) {
        case model::ActivityType::call:
            if (!outbound) break;
            tally.calls += 1;
            if (timed) tally.call_duration_s.add(*activity.duration_s);
            break;
        case model::ActivityType::visit:
            tally.visits += 1;
            if (timed) tally.visit_duration_s.add(*activity.duration_s);
            break;
        case model::ActivityType::meeting:
            tally.meetings += 1;
            break;
        case model::ActivityType::email:
            if (outbound) count_email(activity, tally);
            break;
        case model::ActivityType::proposal:
            tally.proposals += 1;
            if (proposal_deal != nullptr && closed_by(*proposal_deal, as_of)) {
                tally.proposals_accepted.add(proposal_deal->status == model::DealStatus::won);
            }
            break;
        case model::ActivityType::note:
        case model::ActivityType::task:
            break;
    }
}

// Eligibility and the per-activity counts and means, in one pass over the activities.
void tally_activity_records(const TallyContext& context, std::vector<KpiTally>& tallies) {
    const DatasetIndex& index = context.index;
    const auto& activities = index.data.activities;
    for (std::size_t a = 0; a < activities.size(); ++a) {
        const std::uint32_t owner = index.activity_owner[a];
        if (owner == no_index || !context.window.contains(activities[a].at)) continue;
        const std::uint32_t deal = index.proposal_deal[a];
        const model::Deal* proposal_deal = deal == no_index ? nullptr : &index.data.deals[deal];
        for (const std::uint32_t slot : context.slots.slots_of(owner)) {
            count_activity(activities[a], proposal_deal, context.window.as_of, tallies[slot]);
        }
    }
}

// T(s), response and follow-up: per contact, each slot's first touch in W, then the responses at
// or after it.
void tally_touched_contacts(const TallyContext& context, std::vector<KpiTally>& tallies) {
    const DatasetIndex& index = context.index;
    std::vector<SlotTouches> touches;
    for (std::uint32_t contact = 0; contact < index.contact_ids.size(); ++contact) {
        const std::span<const ContactActivity> activities = index.activities_by_contact[contact];
        touches.clear();
        for (const ContactActivity& activity : activities) {
            if (!activity.outbound_touch || !context.window.contains(activity.at)) continue;
            for (const std::uint32_t slot : context.slots.slots_of(activity.owner)) {
                SlotTouches& t = touches_of(touches, slot);
                t.first_touch = std::min(t.first_touch, activity.at);
                ++t.touches;
            }
        }
        if (touches.empty()) continue;
        for (const ContactActivity& activity : activities) {
            if (!activity.shows_response || !context.window.contains(activity.at)) continue;
            for (const std::uint32_t slot : context.slots.slots_of(activity.owner)) {
                SlotTouches* t = find_touches(touches, slot);
                if (t != nullptr && activity.at >= t->first_touch) t->responded = true;
            }
        }
        for (const SlotTouches& t : touches) {
            KpiTally& tally = tallies[t.slot];
            tally.contacts_touched += 1;
            tally.responded.add(t.responded);
            tally.followed_up.add(t.touches >= 2);
        }
    }
}

// lead_response_time_h: for each contact created in W, the delay to the owner's first outbound touch
// at or after creation and by as_of. For a pooled slot, the first touch by any seller of the slot.
void tally_lead_response(const TallyContext& context, std::vector<KpiTally>& tallies) {
    const DatasetIndex& index = context.index;
    const auto& contacts = index.data.contacts;
    for (std::size_t c = 0; c < contacts.size(); ++c) {
        const std::uint32_t owner = index.contact_record_owner[c];
        const model::Timestamp created_at = contacts[c].created_at;
        if (owner == no_index || !context.window.contains(created_at)) continue;
        const std::span<const ContactActivity> activities = index.activities_by_contact[index.contact_record_id[c]];
        for (const std::uint32_t slot : context.slots.slots_of(owner)) {
            model::Timestamp first_touch = never;
            for (const ContactActivity& activity : activities) {
                if (activity.outbound_touch && created_at <= activity.at && activity.at <= context.window.as_of &&
                    contains(context.slots.slots_of(activity.owner), slot)) {
                    first_touch = std::min(first_touch, activity.at);
                }
            }
            if (first_touch != never) {
                tallies[slot].lead_response_hours.push_back(static_cast<double>(first_touch - created_at) / model::ms_per_hour);
            }
        }
    }
}

}  // namespace

void tally_activities(const TallyContext& context, std::vector<KpiTally>& tallies) {
    tally_activity_records(context, tallies);
    tally_touched_contacts(context, tallies);
    tally_lead_response(context, tallies);
}

}  // namespace sellerscore::kpi
