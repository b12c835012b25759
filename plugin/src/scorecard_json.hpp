// The KPIS.md §8 document: `scorecard --format json`, and what the state store keeps per run.
#pragma once

#include <string>

#include "plugin/kpi/scorecard.hpp"

namespace sellerscore::plugin {

// Numbers at full precision; nulls stay null. Customer-level values are not part of the document
// (they are written to the CRM instead).
std::string scorecard_to_json(const kpi::Scorecard& scorecard);

}  // namespace sellerscore::plugin
