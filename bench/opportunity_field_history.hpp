// Salesforce writes an OpportunityHistory row for every change of StageName, Amount, CloseDate,
// Probability or ForecastCategory, so a real org holds several rows per stay in a stage. The demo
// generator gives each deal only its stage moves (about four), which left the bench at ~194,000
// history rows for 50,000 opportunities instead of the 400,000. This adds field-edit rows
// (the stage unchanged) inside the deals' stays until the data holds `rows_per_deal` per deal: a
// reader keeps only the rows where the stage changed, so the KPIs are those of the stage moves alone.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <vector>

#include "plugin/model/records.hpp"

namespace sellerscore::bench {

inline void add_opportunity_field_history(model::Dataset& data, std::size_t rows_per_deal, model::Timestamp as_of) {
    const std::size_t target = rows_per_deal * data.deals.size();
    if (data.stage_changes.size() >= target) return;
    std::map<std::string, std::vector<const model::StageChange*>> by_deal;
    for (const auto& change : data.stage_changes) by_deal[change.deal_id].push_back(&change);
    std::vector<const model::Deal*> eligible;  // deals with stage moves to add edits between
    for (const auto& deal : data.deals)
        if (by_deal.contains(deal.id)) eligible.push_back(&deal);
    if (eligible.empty()) return;

    std::size_t missing = target - data.stage_changes.size();
    std::vector<model::StageChange> added;
    added.reserve(missing);
    // Rounds over the deals, one edit per deal per round, until enough rows exist.
    for (std::size_t round = 0; missing > 0 && round < 64; ++round) {
        for (const model::Deal* deal : eligible) {
            if (missing == 0) break;
            auto changes = by_deal[deal->id];
            std::sort(changes.begin(), changes.end(), [](const auto* a, const auto* b) { return a->entered_at < b->entered_at; });
            // Stays: [entered, next entered or the close or as_of).
            const std::size_t stay = round % changes.size();
            const model::Timestamp start = changes[stay]->entered_at;
            const model::Timestamp end = stay + 1 < changes.size() ? changes[stay + 1]->entered_at
                                                                   : std::min(deal->closed_at.value_or(as_of), as_of);
            const std::size_t edits_in_stay = round / changes.size() + 1;  // this edit's number in its stay
            const model::Timestamp span = end - start;
            // Spread over the stay: the k-th edit at k/(k+1) of it (later edits closer to the end).
            const model::Timestamp at = start + span * static_cast<model::Timestamp>(edits_in_stay) /
                                                    static_cast<model::Timestamp>(edits_in_stay + 1);
            if (span < 2 || at <= start || at >= end) continue;
            added.push_back({deal->id, changes[stay]->stage_id, at});
            --missing;
        }
    }
    data.stage_changes.insert(data.stage_changes.end(), added.begin(), added.end());
}

}  // namespace sellerscore::bench
