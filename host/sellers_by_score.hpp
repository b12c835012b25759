// The order the terminal table and the report list sellers in: best score first, sellers without a
// score last, ties by name. Both front ends share it so a seller's rank is the same in each.
#pragma once

#include <vector>

#include <boost/json/object.hpp>

namespace sellerscore::host {

// Pointers into the scorecard's "sellers" array (entries that are not objects are skipped); they live
// as long as the scorecard does.
std::vector<const boost::json::object*> sellers_by_score(const boost::json::object& scorecard);

}  // namespace sellerscore::host
