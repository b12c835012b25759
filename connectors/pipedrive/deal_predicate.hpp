// query_deals' predicates evaluated on the values a deal holds. Pipedrive's filters API could do
// this server-side, but a filter is a saved object in the company's account (visible to every user
// in the UI, created and deleted per query with v1 calls) and its conditions are v1-shaped; reading
// the deals with their custom fields (10 tokens per 500 deals) and matching here is lighter and
// exact for our number, option and date fields.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "connectors/connector.hpp"

namespace sellerscore::connectors::pipedrive {

// Whether `fields` (field id -> held value; absent = null) satisfies every predicate. Numbers
// compare numerically, strings (option labels, RFC 3339 instants) lexicographically. A null value
// equals only null, differs from everything else, and is neither less nor greater than anything.
bool matches_all(const std::map<std::string, FieldValue>& fields, const std::vector<FieldPredicate>& predicates);

}  // namespace sellerscore::connectors::pipedrive
