// rapidcheck generators of small, random but valid Datasets for the KPI engine's property tests.
// Everything is dated around the as_of of kpi_test_data.hpp (day 1000), so records fall in W, in
// the previous window P, before both, exactly at as_of, and (in later_records) after as_of.
#pragma once

#include <rapidcheck.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "kpi_test_data.hpp"
#include "plugin/model/record_json.hpp"
#include "plugin/model/records.hpp"

namespace sellerscore::model {

// rapidcheck prints a failing case through this (found by ADL): the records as interchange NDJSON.
inline void showValue(const Dataset& data, std::ostream& os) {
    const auto lines = [&os](const auto& records) {
        for (const auto& r : records) os << '\n' << to_ndjson(r);
    };
    lines(data.sellers);
    lines(data.stages);
    lines(data.contacts);
    lines(data.deals);
    lines(data.stage_changes);
    lines(data.activities);
    lines(data.spend);
}

}  // namespace sellerscore::model

namespace sellerscore::kpi::test {

// Day 1000 is 1972-09-27: spend months around W = [1972-06-29, 1972-09-27).
inline const std::vector<std::string> spend_months_by_as_of{"1972-05", "1972-06", "1972-07", "1972-08", "1972-09"};
inline const std::vector<std::string> spend_months_after_as_of{"1972-10", "1972-11"};
inline const std::vector<std::optional<std::string>> channels{std::nullopt, "web", "referral", "ads"};

template <class T>
rc::Gen<std::optional<T>> optional_of(rc::Gen<T> gen) {
    return rc::gen::oneOf(rc::gen::just(std::optional<T>()),
                          rc::gen::map(std::move(gen), [](T v) { return std::optional<T>(std::move(v)); }));
}

template <class T>
T pick_one_of(const std::vector<T>& values) {
    return values[static_cast<std::size_t>(*rc::gen::inRange<std::size_t>(0, values.size()))];
}

// Mostly anywhere in [day 500, as_of], with the instants where off-by-one errors live (the edges of
// W and P, and as_of itself, which exists but lies outside the half-open W) over-represented.
inline model::Timestamp instant_by_as_of() {
    return *rc::gen::weightedOneOf<model::Timestamp>(
        {{4, rc::gen::inRange<model::Timestamp>(day(500), as_of + 1)},
         {1, rc::gen::element(day(820), day(910) - 1, day(910), as_of - 1, as_of)}});
}

inline model::Timestamp instant_after_as_of() {
    return *rc::gen::inRange<model::Timestamp>(as_of + 1, as_of + day(200));
}

inline model::Timestamp later_by(model::Timestamp t, double max_days) {
    return t + *rc::gen::inRange<model::Timestamp>(0, day(max_days));
}

inline std::string seller_id(std::size_t i) { return "s" + std::to_string(i); }

inline std::string open_stage_id(int pipeline, int order) {
    return "p" + std::to_string(pipeline) + "-open" + std::to_string(order);
}
inline std::string won_stage_id(int pipeline) { return "p" + std::to_string(pipeline) + "-won"; }
inline std::string lost_stage_id(int pipeline) { return "p" + std::to_string(pipeline) + "-lost"; }
inline constexpr int open_stages_per_pipeline = 3;

inline int pipeline_count(const model::Dataset& data) {
    return static_cast<int>(data.stages.size()) / (open_stages_per_pipeline + 2);
}

inline std::vector<model::Stage> random_pipeline(int pipeline) {
    const std::string pipeline_id = "p" + std::to_string(pipeline);
    std::vector<model::Stage> stages;
    for (int order = 1; order <= open_stages_per_pipeline; ++order) {
        stages.push_back({open_stage_id(pipeline, order), pipeline_id, "Open " + std::to_string(order), order,
                          model::StageKind::open, *optional_of(rc::gen::element(0.1, 0.25, 0.5, 0.8))});
    }
    stages.push_back({won_stage_id(pipeline), pipeline_id, "Won", open_stages_per_pipeline + 1, model::StageKind::won, 1.0});
    stages.push_back({lost_stage_id(pipeline), pipeline_id, "Lost", open_stages_per_pipeline + 2, model::StageKind::lost, 0.0});
    return stages;
}

// A deal created at `created_at` walking through random open stages (forwards, backwards, skipping),
// with one stage change per entry, closed won or lost when its status says so. Nothing is dated
// after `latest`: a deal whose next step would be stops there, open. Two stage changes may share a
// second (an automation moving a deal twice at once): the engine must order them without regard to
// input order, which the shuffle property checks.
inline void add_random_deal(model::Dataset& data, std::string id, model::Timestamp created_at, model::Timestamp latest) {
    const int pipeline = *rc::gen::inRange(0, pipeline_count(data));
    auto status = *rc::gen::element(model::DealStatus::open, model::DealStatus::won, model::DealStatus::lost);
    model::Timestamp entered_at = created_at;
    std::string stage;
    const int entries = *rc::gen::inRange(1, 4);
    for (int e = 0; e < entries && entered_at <= latest; ++e) {
        stage = open_stage_id(pipeline, *rc::gen::inRange(1, open_stages_per_pipeline + 1));
        data.stage_changes.push_back({id, stage, entered_at});
        entered_at = later_by(entered_at, 60);
    }
    if (entered_at > latest) status = model::DealStatus::open;
    std::optional<model::Timestamp> closed_at;
    if (status != model::DealStatus::open) {
        closed_at = entered_at;
        stage = status == model::DealStatus::won ? won_stage_id(pipeline) : lost_stage_id(pipeline);
        data.stage_changes.push_back({id, stage, *closed_at});
    }
    const std::size_t contact_count = data.contacts.size();
    std::optional<std::string> contact_id;
    if (contact_count > 0 && *rc::gen::arbitrary<bool>()) {
        contact_id = data.contacts[*rc::gen::inRange<std::size_t>(0, contact_count)].id;
    }
    data.deals.push_back({.id = std::move(id),
                          .owner_id = seller_id(*rc::gen::inRange<std::size_t>(0, data.sellers.size())),
                          .contact_id = std::move(contact_id),
                          .company_id = *rc::gen::element<std::optional<std::string>>(std::nullopt, "co0", "co1"),
                          .pipeline_id = "p" + std::to_string(pipeline),
                          .stage_id = stage,
                          .amount = *optional_of(rc::gen::map(rc::gen::inRange(0, 40'000), [](int q) { return q / 4.0; })),
                          .created_at = created_at,
                          .closed_at = closed_at,
                          .status = status});
}

inline model::Contact random_contact(const model::Dataset& data, std::string id, model::Timestamp created_at) {
    std::optional<std::string> referred_by;
    if (!data.contacts.empty() && *rc::gen::arbitrary<bool>()) {
        referred_by = data.contacts[*rc::gen::inRange<std::size_t>(0, data.contacts.size())].id;
    }
    std::optional<std::string> owner;
    if (*rc::gen::weightedElement<bool>({{4, true}, {1, false}})) {
        owner = seller_id(*rc::gen::inRange<std::size_t>(0, data.sellers.size()));
    }
    return {.id = std::move(id), .owner_id = std::move(owner), .created_at = created_at,
            .channel = pick_one_of(channels), .referred_by = std::move(referred_by),
            .company_id = *rc::gen::element<std::optional<std::string>>(std::nullopt, "co0", "co1")};
}

inline model::Activity random_activity(const model::Dataset& data, std::string id, model::Timestamp at) {
    using model::ActivityType;
    const auto type = *rc::gen::element(ActivityType::call, ActivityType::email, ActivityType::meeting,
                                        ActivityType::visit, ActivityType::proposal, ActivityType::note,
                                        ActivityType::task);
    const bool email = type == ActivityType::email;
    std::optional<std::string> contact_id;
    if (!data.contacts.empty() && *rc::gen::weightedElement<bool>({{4, true}, {1, false}})) {
        contact_id = data.contacts[*rc::gen::inRange<std::size_t>(0, data.contacts.size())].id;
    }
    std::optional<std::string> deal_id;
    if (!data.deals.empty() && *rc::gen::arbitrary<bool>()) {
        deal_id = data.deals[*rc::gen::inRange<std::size_t>(0, data.deals.size())].id;
    }
    return {.id = std::move(id),
            .owner_id = seller_id(*rc::gen::inRange<std::size_t>(0, data.sellers.size())),
            .type = type,
            .direction = *rc::gen::element(model::Direction::outbound, model::Direction::inbound),
            .at = at,
            .contact_id = std::move(contact_id),
            .deal_id = std::move(deal_id),
            .duration_s = *optional_of(rc::gen::map(rc::gen::inRange(0, 3'600), [](int s) { return double(s); })),
            .outcome = *optional_of(rc::gen::element(model::Outcome::connected, model::Outcome::no_answer,
                                                     model::Outcome::busy, model::Outcome::voicemail,
                                                     model::Outcome::completed, model::Outcome::no_show,
                                                     model::Outcome::canceled)),
            .opened = email ? *optional_of(rc::gen::arbitrary<bool>()) : std::nullopt,
            .clicked = email ? *optional_of(rc::gen::arbitrary<bool>()) : std::nullopt,
            .objection = *rc::gen::weightedElement<bool>({{1, true}, {4, false}})};
}

inline model::Spend random_spend(const std::vector<std::string>& months) {
    return {.channel = *rc::gen::element<std::string>("web", "ads", "referral"),
            .month = pick_one_of(months),
            .amount = double(*rc::gen::inRange(0, 5'000)),
            .clicks = *optional_of(rc::gen::map(rc::gen::inRange(0, 2'000), [](int c) { return double(c); }))};
}

// One to four sellers (some inactive, some in a team), one or two pipelines, and up to a dozen
// contacts and deals and forty activities, nothing dated after as_of.
inline rc::Gen<model::Dataset> random_dataset() {
    return rc::gen::exec([] {
        model::Dataset data;
        const std::size_t sellers = *rc::gen::inRange<std::size_t>(1, 5);
        for (std::size_t i = 0; i < sellers; ++i) {
            model::Seller s = seller(seller_id(i), *rc::gen::weightedElement<bool>({{4, true}, {1, false}}));
            s.team = *rc::gen::element<std::optional<std::string>>(std::nullopt, "north", "south");
            data.sellers.push_back(std::move(s));
        }
        const int pipelines = *rc::gen::inRange(1, 3);
        for (int p = 0; p < pipelines; ++p) {
            for (model::Stage& stage : random_pipeline(p)) data.stages.push_back(std::move(stage));
        }
        const int contacts = *rc::gen::inRange(0, 13);
        for (int i = 0; i < contacts; ++i) {
            data.contacts.push_back(random_contact(data, "c" + std::to_string(i), instant_by_as_of()));
        }
        const int deals = *rc::gen::inRange(0, 13);
        for (int i = 0; i < deals; ++i) add_random_deal(data, "d" + std::to_string(i), instant_by_as_of(), as_of);
        const int activities = *rc::gen::inRange(0, 41);
        for (int i = 0; i < activities; ++i) {
            data.activities.push_back(random_activity(data, "a" + std::to_string(i), instant_by_as_of()));
        }
        const int spend_rows = *rc::gen::inRange(0, 5);
        for (int i = 0; i < spend_rows; ++i) data.spend.push_back(random_spend(spend_months_by_as_of));
        return data;
    });
}

// `data` as the CRM would show it later: new contacts, deals, stage changes, activities and spend
// dated after as_of, and some open deals moved on or closed after as_of.
inline model::Dataset with_later_records(model::Dataset data) {
    const std::size_t original_deals = data.deals.size();
    for (std::size_t i = 0; i < original_deals; ++i) {
        model::Deal& deal = data.deals[i];
        if (deal.status != model::DealStatus::open || !*rc::gen::arbitrary<bool>()) continue;
        const model::Timestamp closed_at = instant_after_as_of();
        const int pipeline = deal.pipeline_id == "p0" ? 0 : 1;
        deal.status = *rc::gen::element(model::DealStatus::won, model::DealStatus::lost);
        deal.stage_id = deal.status == model::DealStatus::won ? won_stage_id(pipeline) : lost_stage_id(pipeline);
        deal.closed_at = closed_at;
        data.stage_changes.push_back({deal.id, deal.stage_id, closed_at});
    }
    const int contacts = *rc::gen::inRange(0, 4);
    for (int i = 0; i < contacts; ++i) {
        data.contacts.push_back(random_contact(data, "late-c" + std::to_string(i), instant_after_as_of()));
    }
    const int deals = *rc::gen::inRange(0, 4);
    for (int i = 0; i < deals; ++i) {
        const model::Timestamp created_at = instant_after_as_of();
        add_random_deal(data, "late-d" + std::to_string(i), created_at, created_at + day(100));
    }
    const int activities = *rc::gen::inRange(0, 10);
    for (int i = 0; i < activities; ++i) {
        data.activities.push_back(random_activity(data, "late-a" + std::to_string(i), instant_after_as_of()));
    }
    const int spend_rows = *rc::gen::inRange(0, 3);
    for (int i = 0; i < spend_rows; ++i) data.spend.push_back(random_spend(spend_months_after_as_of));
    return data;
}

}  // namespace sellerscore::kpi::test
