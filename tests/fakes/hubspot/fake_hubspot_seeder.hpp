// Stores a model::Dataset in the fake the way HubSpot would hold it (hubspot_mapping.md read
// backwards) and returns the dataset a faithful reader gets back, with HubSpot ids.
#pragma once

#include "fake_hubspot_store.hpp"
#include "plugin/model/records.hpp"

namespace sellerscore::fakes {

// What HubSpot cannot hold is dropped from the returned set: stage re-entries (one date entered
// per stage), call outcomes other than the four dispositions, meeting outcomes other than
// completed/no_show/canceled, directions of meetings/notes/tasks/proposals (always outbound),
// records whose owner is not a seller, and spend. Proposals become APPROVED quotes. Survey responses
// become feedback submissions of their contact (none without one; CSAT on HubSpot's 0-2 scale);
// deliveries become the two delivery properties below on their deal, one per deal.
inline constexpr const char* delivery_promised_property = "promised_delivery_date";
inline constexpr const char* delivery_delivered_property = "delivered_date";
model::Dataset seed_fake_hubspot(FakeHubSpotStore& store, const model::Dataset& source);

}  // namespace sellerscore::fakes
