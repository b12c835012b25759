// The KPI engine: records in, scorecard out. Pure: no I/O, no globals, as_of comes in the config.
#pragma once

#include "../model/records.hpp"
#include "kpi_config.hpp"
#include "scorecard.hpp"

namespace sellerscore::kpi {

Scorecard compute_scorecard(const model::Dataset& data, const KpiConfig& config);

}  // namespace sellerscore::kpi
