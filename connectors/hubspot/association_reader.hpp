// First associated ids through POST /crm/v4/associations/<from>/<to>/batch/read (at most 100 ids per
// request): search results carry no associations, unlike list reads.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "hubspot_api.hpp"
#include "object_type.hpp"
#include "record_mapper.hpp"

namespace sellerscore::connectors::hubspot {

// For each of `ids` (objects of `type`) the first associated id of every association_targets(type).
// Ids without associations are simply absent (HubSpot lists them as errors of a 207).
Result<std::map<std::string, FirstAssociations>> read_first_associations(HubSpotApi& api, ObjectType type,
                                                                         const std::vector<std::string>& ids);

}  // namespace sellerscore::connectors::hubspot
