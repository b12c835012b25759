#include "contact_activity_planner.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "demo_record_ids.hpp"

namespace sellerscore::demo {

namespace {

constexpr model::Timestamp hour = model::ms_per_hour;
constexpr model::Timestamp day = model::ms_per_day;

enum Priority { proposal_step = 0, lead_response = 1, deal_step = 2 };

// The follow-up mix: what a day of working an account consists of.
enum class FollowUp { email_out, call_out, reply, meeting, note, task, call_in };

model::Direction direction_of(FollowUp kind) {
    return kind == FollowUp::reply || kind == FollowUp::call_in ? model::Direction::inbound : model::Direction::outbound;
}

}  // namespace

struct ContactActivityPlanner::Context {
    const ContactPlan& contact;
    std::string contact_id;
    std::span<const int> deals;
    RandomSource random;
};

ContactActivityPlanner::ContactActivityPlanner(const SellerRoster& roster, std::span<const DealPlan> deals,
                                               model::Timestamp end)
    : roster_(roster), deals_(deals), end_(end) {}

double ContactActivityPlanner::skill_at(const Context& context, model::Timestamp t) const {
    return roster_.at(roster_.working_for(context.contact.worker, t)).skill;
}

model::Activity ContactActivityPlanner::make(const Context& context, model::ActivityType type,
                                             model::Direction direction, model::Timestamp at, int deal) const {
    model::Activity activity;
    activity.owner_id = roster_.at(roster_.working_for(context.contact.worker, at)).record.id;
    activity.type = type;
    activity.direction = direction;
    activity.at = at;
    activity.contact_id = context.contact_id;
    if (deal != no_one) activity.deal_id = deal_id(deal);
    return activity;
}

void ContactActivityPlanner::fill_call(Context& context, model::Activity& call) const {
    RandomSource& random = context.random;
    const double skill = skill_at(context, call.at);
    const bool inbound = call.direction == model::Direction::inbound;
    if (inbound || random.chance(0.30 + 0.35 * skill)) {
        call.outcome = model::Outcome::connected;
        // A few connected calls are logged without their length.
        call.duration_s = random.chance(0.03) ? 0.0 : std::round(15 + random.lognormal(150 + 200 * skill, 0.6));
    } else {
        const double draw = random.uniform();
        call.outcome = draw < 0.5 ? model::Outcome::no_answer
                                  : (draw < 0.85 ? model::Outcome::voicemail : model::Outcome::busy);
        call.duration_s = call.outcome == model::Outcome::voicemail ? std::round(random.uniform(15, 45)) : 0.0;
    }
    call.objection = call.outcome == model::Outcome::connected && random.chance(0.04 + 0.08 * (1 - skill));
}

void ContactActivityPlanner::fill_email(Context& context, model::Activity& email) const {
    RandomSource& random = context.random;
    if (email.direction == model::Direction::inbound) return;
    if (random.chance(0.15)) return;  // sent from a client without tracking: opened/clicked unknown
    const double skill = skill_at(context, email.at);
    email.opened = random.chance(0.30 + 0.30 * skill);
    email.clicked = *email.opened && random.chance(0.15 + 0.30 * skill);
}

void ContactActivityPlanner::fill_meeting(Context& context, model::Activity& meeting) const {
    RandomSource& random = context.random;
    const double skill = skill_at(context, meeting.at);
    const double draw = random.uniform();
    const double show_rate = 0.72 + 0.18 * skill;
    if (draw < show_rate) {
        meeting.outcome = model::Outcome::completed;
        const bool visit = meeting.type == model::ActivityType::visit;
        meeting.duration_s = 300.0 * std::round(random.uniform(visit ? 9 : 5, visit ? 24 : 12));
        meeting.objection = random.chance(0.05 + 0.10 * (1 - skill));
    } else {
        meeting.outcome = draw < show_rate + (1 - show_rate) / 2 ? model::Outcome::no_show : model::Outcome::canceled;
    }
}

void ContactActivityPlanner::add_lead_response(Context& context, std::vector<Draft>& drafts) const {
    RandomSource& random = context.random;
    const ContactPlan& contact = context.contact;
    const double skill = skill_at(context, contact.created_at);
    // The best sellers call back within the hour; the weakest take a day or two.
    const double mean_hours = 0.5 + 36.0 * (1 - skill) * (1 - skill);
    const auto first_touch = contact.created_at + static_cast<model::Timestamp>(random.exponential(mean_hours) * hour);
    if (first_touch >= end_) return;
    const bool responds = random.chance(0.25 + 0.50 * skill);
    if (random.chance(0.55)) {
        model::Activity call = make(context, model::ActivityType::call, model::Direction::outbound, first_touch, no_one);
        fill_call(context, call);
        if (responds && call.outcome != model::Outcome::connected) {
            call.outcome = model::Outcome::connected;
            call.duration_s = std::round(30 + random.lognormal(120 + 200 * skill, 0.5));
        }
        drafts.push_back({std::move(call), lead_response});
        return;
    }
    model::Activity email = make(context, model::ActivityType::email, model::Direction::outbound, first_touch, no_one);
    fill_email(context, email);
    drafts.push_back({std::move(email), lead_response});
    const auto reply_at = first_touch + static_cast<model::Timestamp>(random.exponential(1.5 * day));
    if (responds && reply_at < end_) {
        drafts.push_back({make(context, model::ActivityType::email, model::Direction::inbound, reply_at, no_one),
                          lead_response});
    }
}

void ContactActivityPlanner::add_deal_steps(Context& context, int deal, std::vector<Draft>& drafts) const {
    RandomSource& random = context.random;
    const DealPlan& plan = deals_[static_cast<std::size_t>(deal)];
    const std::vector<StageEntry>& entries = plan.journey.entries;
    const bool ends_lost = plan.journey.status == model::DealStatus::lost;

    for (std::size_t j = 0; j < entries.size(); ++j) {
        const model::Timestamp entered = entries[j].entered_at;
        const model::Timestamp stage_ends = (j + 1 < entries.size() ? entries[j + 1].entered_at : end_) - 1;
        // Something done about the deal within `max_delay` of entering the stage, before it leaves it.
        auto soon = [&](model::Timestamp max_delay) {
            return entered + random.uniform_int(0, std::max<model::Timestamp>(0, std::min(max_delay, stage_ends - entered)));
        };
        auto add = [&](model::ActivityType type, model::Timestamp at, Priority priority) -> model::Activity& {
            drafts.push_back({make(context, type, model::Direction::outbound, at, deal), priority});
            return drafts.back().activity;
        };
        auto add_meeting = [&](model::Timestamp max_delay) {
            const model::Timestamp at = soon(max_delay);
            const int seller = roster_.working_for(context.contact.worker, at);
            const bool visit = random.chance(roster_.visit_share(seller));
            model::Activity& meeting = add(visit ? model::ActivityType::visit : model::ActivityType::meeting, at, deal_step);
            fill_meeting(context, meeting);
            meeting.objection = meeting.objection || (ends_lost && random.chance(0.25));
        };
        const bool slipped_back = j > 0 && entries[j].stage < entries[j - 1].stage;
        if (slipped_back) {
            model::Activity& call = add(model::ActivityType::call, soon(day), deal_step);
            fill_call(context, call);
            call.objection = true;  // the customer pushed back: that is why the deal moved back
            continue;
        }
        switch (entries[j].stage) {
            case PipelineStage::prospecting: {
                model::Activity& call = add(model::ActivityType::call, soon(day), deal_step);
                fill_call(context, call);
                break;
            }
            case PipelineStage::qualification:
                add_meeting(3 * day);
                break;
            case PipelineStage::presentation:
                add(model::ActivityType::proposal, soon(2 * day), proposal_step);
                add_meeting(4 * day);
                break;
            case PipelineStage::demo:
                add_meeting(3 * day);
                break;
            case PipelineStage::closing: {
                if (random.chance(0.30)) add(model::ActivityType::proposal, soon(2 * day), proposal_step);  // revised offer
                model::Activity& call = add(model::ActivityType::call, soon(2 * day), deal_step);
                fill_call(context, call);
                call.objection = call.objection || (ends_lost && random.chance(0.3));
                break;
            }
            case PipelineStage::won:
                add(model::ActivityType::note, entered, deal_step);
                add(model::ActivityType::task, soon(5 * day), deal_step);  // onboarding hand-over
                break;
            case PipelineStage::lost:
                add(model::ActivityType::note, entered, deal_step).objection = random.chance(0.5);
                break;
        }
    }
}

void ContactActivityPlanner::add_follow_up(Context& context, int count, std::vector<model::Activity>& out) const {
    RandomSource& random = context.random;
    const ContactPlan& contact = context.contact;
    model::Timestamp last_business = contact.created_at;
    for (int deal : context.deals) {
        const DealJourney& journey = deals_[static_cast<std::size_t>(deal)].journey;
        last_business = std::max(last_business, journey.closed_at.value_or(end_));
    }
    const model::Timestamp window_end = std::min(end_, std::max(contact.created_at, last_business) + 30 * day);
    const model::Timestamp window_start = contact.created_at;

    model::Timestamp t = contact.created_at;
    for (int i = 0; i < count; ++i) {
        // Disciplined sellers follow up within days, the others let weeks go by.
        const double gap_days = 0.5 + 7.0 * (1 - skill_at(context, t));
        t += static_cast<model::Timestamp>(random.exponential(gap_days * day));
        if (t >= window_end) t = random.uniform_int(window_start, window_end - 1);

        int deal = no_one;
        for (int candidate : context.deals) {
            const DealPlan& plan = deals_[static_cast<std::size_t>(candidate)];
            if (plan.created_at <= t && t < plan.journey.closed_at.value_or(end_) && random.chance(0.5)) deal = candidate;
        }
        const int seller = roster_.working_for(contact.worker, t);
        const double skill = roster_.at(seller).skill;
        // Customers of good sellers write back more often.
        const std::array<double, 7> weights = {28, 28, 4 + 12 * skill, 10, 10, 9, 3};
        const auto kind = static_cast<FollowUp>(random.choice(weights));
        switch (kind) {
            case FollowUp::email_out:
            case FollowUp::reply: {
                model::Activity email = make(context, model::ActivityType::email, direction_of(kind), t, deal);
                fill_email(context, email);
                out.push_back(std::move(email));
                break;
            }
            case FollowUp::call_out:
            case FollowUp::call_in: {
                model::Activity call = make(context, model::ActivityType::call, direction_of(kind), t, deal);
                fill_call(context, call);
                out.push_back(std::move(call));
                break;
            }
            case FollowUp::meeting: {
                const bool visit = random.chance(roster_.visit_share(seller));
                model::Activity meeting = make(context, visit ? model::ActivityType::visit : model::ActivityType::meeting,
                                               model::Direction::outbound, t, deal);
                fill_meeting(context, meeting);
                out.push_back(std::move(meeting));
                break;
            }
            case FollowUp::note:
                out.push_back(make(context, model::ActivityType::note, model::Direction::outbound, t, deal));
                break;
            case FollowUp::task:
                out.push_back(make(context, model::ActivityType::task, model::Direction::outbound, t, deal));
                break;
        }
    }
}

void ContactActivityPlanner::plan(const ContactPlan& contact, int contact_index, std::span<const int> contact_deals,
                                  RandomSource random, std::vector<model::Activity>& out) const {
    if (contact.activity_budget == 0) return;
    Context context{contact, demo::contact_id(contact_index), contact_deals, random};

    std::vector<Draft> drafts;
    add_lead_response(context, drafts);
    for (int deal : contact_deals) add_deal_steps(context, deal, drafts);
    std::stable_sort(drafts.begin(), drafts.end(), [](const Draft& a, const Draft& b) { return a.priority < b.priority; });

    const std::size_t first = out.size();
    const std::size_t kept = std::min(drafts.size(), static_cast<std::size_t>(contact.activity_budget));
    for (std::size_t i = 0; i < kept; ++i) out.push_back(std::move(drafts[i].activity));
    add_follow_up(context, contact.activity_budget - static_cast<int>(kept), out);
    std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                     [](const model::Activity& a, const model::Activity& b) { return a.at < b.at; });
}

}  // namespace sellerscore::demo
