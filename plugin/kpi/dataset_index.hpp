// The dataset with every cross-record reference resolved once to a dense index, plus the groupings
// the per-window tallies walk. Built once per run and shared by the current and previous windows.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "../model/records.hpp"
#include "contact_activity.hpp"
#include "grouped_records.hpp"
#include "id_interner.hpp"
#include "kpi_config.hpp"
#include "pipeline_index.hpp"

namespace sellerscore::kpi {

inline constexpr model::Timestamp never = std::numeric_limits<model::Timestamp>::max();

class DatasetIndex {
public:
    // The dataset must outlive the index (it is read through `data`). Only activities at a time in
    // [activities_from, as_of] are resolved: every activity KPI reads the current or the previous
    // window, and skipping the rest saves most of the id lookups on a long history.
    DatasetIndex(const model::Dataset& data, CustomerEntity customer_entity, model::Timestamp activities_from,
                 model::Timestamp as_of);

    const model::Dataset& data;

    // Seller index i is the i-th distinct seller id in input order.
    IdInterner seller_ids;
    // Every contact id seen on a contact, deal or activity, so that touches of a contact whose record
    // is missing still count as touches.
    IdInterner contact_ids;
    // Contact ids, or company ids when customers are companies (KPIS.md §3.1).
    IdInterner customer_ids;

    // Per data.contacts[i].
    std::vector<std::uint32_t> contact_record_id;
    std::vector<std::uint32_t> contact_record_owner;
    // Per data.deals[i].
    std::vector<std::uint32_t> deal_owner;
    std::vector<std::uint32_t> deal_customer;
    // Per data.activities[i]: the owner's seller index; no_index when unknown or outside the span.
    std::vector<std::uint32_t> activity_owner;
    // Per data.activities[i]: for a proposal in the span, the data.deals index of its deal_id;
    // no_index otherwise (only acceptance_rate reads an activity's deal).
    std::vector<std::uint32_t> proposal_deal;
    // Per data.contacts[i]: the seller owning its referred_by contact, or no_index (referrals_count).
    std::vector<std::uint32_t> contact_referrer_owner;

    PipelineIndex pipelines;

    // Activities in the span with a contact and a known owner, by contact index.
    GroupedRecords<ContactActivity> activities_by_contact;
    // Won deals with a closed_at (indices in data.deals), by customer index.
    GroupedRecords<std::uint32_t> won_deals_by_customer;
    // Per contact index: the earliest closed_at of a won deal on that contact (any owner), or never.
    std::vector<model::Timestamp> contact_first_won_at;
};

}  // namespace sellerscore::kpi
