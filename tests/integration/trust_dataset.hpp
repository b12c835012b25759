// A small CRM with the shapes real exports have and that cost trust when a connector gets them
// wrong (issue 9): sub-second times, several spend rows per channel and month, deals that move into
// another pipeline (and back), deals that go back through stages, and deals that name only a contact
// whose company is the customer. Built from the demo generator, then reshaped deterministically.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine_expectations.hpp"

namespace sellerscore::testing {

inline constexpr const char* expansion_pipeline = "expansion";

inline demo::DemoOptions trust_options() {
    demo::DemoOptions o;
    o.seed = 19;
    o.sellers = 5;
    o.contacts = 300;
    o.deals = 240;
    o.activities = 2'400;
    o.months = 24;
    return o;
}

namespace trust_detail {

inline std::vector<model::StageChange*> changes_of(model::Dataset& data, const std::string& deal_id) {
    std::vector<model::StageChange*> changes;
    for (model::StageChange& c : data.stage_changes)
        if (c.deal_id == deal_id) changes.push_back(&c);
    std::stable_sort(changes.begin(), changes.end(),
                     [](const model::StageChange* a, const model::StageChange* b) { return a->entered_at < b->entered_at; });
    return changes;
}

}  // namespace trust_detail

inline model::Dataset trust_dataset() {
    model::Dataset data = generate_demo(trust_options());
    const model::Timestamp end = trust_options().end;
    const std::string sales = data.stages.front().pipeline_id;

    data.stages.push_back({"exp_discovery", expansion_pipeline, "Expansion discovery", 1, model::StageKind::open, 0.2});
    data.stages.push_back({"exp_proposal", expansion_pipeline, "Expansion proposal", 2, model::StageKind::open, 0.5});
    data.stages.push_back({"exp_negotiation", expansion_pipeline, "Expansion negotiation", 3, model::StageKind::open, 0.8});
    data.stages.push_back({"exp_won", expansion_pipeline, "Expansion won", 4, model::StageKind::won, 1.0});
    data.stages.push_back({"exp_lost", expansion_pipeline, "Expansion lost", 5, model::StageKind::lost, 0.0});

    std::unordered_map<std::string, std::optional<std::string>> company_of_contact;
    for (const model::Contact& c : data.contacts) company_of_contact[c.id] = c.company_id;

    std::vector<model::StageChange> added;
    for (std::size_t i = 0; i < data.deals.size(); ++i) {
        model::Deal& deal = data.deals[i];
        const auto changes = trust_detail::changes_of(data, deal.id);
        if (changes.empty()) continue;
        const model::Timestamp last = changes.back()->entered_at;
        if (i % 6 == 0 && deal.status == model::DealStatus::open && last + 2 < end) {
            // Moved into the expansion pipeline, in its middle stage: the stage below counts as skipped.
            added.push_back({deal.id, "exp_proposal", last + (end - last) / 2});
            deal.pipeline_id = expansion_pipeline;
            deal.stage_id = "exp_proposal";
        } else if (i % 6 == 3 && deal.status == model::DealStatus::won && changes.size() >= 2) {
            // Moved into the expansion pipeline before the win, and won there.
            const model::Timestamp before = changes[changes.size() - 2]->entered_at;
            added.push_back({deal.id, "exp_negotiation", before + (last - before) / 2});
            changes.back()->stage_id = "exp_won";
            deal.pipeline_id = expansion_pipeline;
            deal.stage_id = "exp_won";
        } else if (i % 10 == 5 && deal.status == model::DealStatus::open && last + 4 < end) {
            // Out to the expansion pipeline and back to an early stage of the sales pipeline.
            added.push_back({deal.id, "exp_discovery", last + (end - last) / 4});
            added.push_back({deal.id, "qualification", last + (end - last) / 2});
            deal.pipeline_id = sales;
            deal.stage_id = "qualification";
        }
        // Many deals name only their contact: the contact's company is the customer (KPIS.md §3.1).
        if (i % 4 == 1 && deal.contact_id && company_of_contact[*deal.contact_id]) deal.company_id.reset();
    }
    data.stage_changes.insert(data.stage_changes.end(), added.begin(), added.end());

    // One row per campaign, as ad platforms export: the rows of a channel and month add up.
    std::vector<model::Spend> campaigns;
    for (const model::Spend& row : data.spend) {
        model::Spend first = row, second = row;
        first.amount = row.amount * 0.625;
        second.amount = row.amount - first.amount;
        if (row.clicks) {
            first.clicks = std::floor(*row.clicks * 0.5);
            second.clicks = *row.clicks - *first.clicks;
        }
        campaigns.push_back(first);
        campaigns.push_back(second);
    }
    data.spend = std::move(campaigns);
    return data;
}

}  // namespace sellerscore::testing
