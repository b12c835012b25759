// Decides what to write back (KPIS.md §7): seller-level values on the seller's deals, customer-level
// values on the customer's contact or company, and only where they differ from what the CRM holds.
#pragma once

#include <vector>

#include "connectors/connector.hpp"
#include "field_catalog.hpp"
#include "held_values.hpp"
#include "plugin/kpi/scorecard.hpp"
#include "plugin/model/records.hpp"
#include "plugin_settings.hpp"

namespace sellerscore::plugin {

struct WritebackPlan {
    std::vector<connectors::FieldWrite> writes;
    std::size_t records_updated = 0;  // distinct records with at least one write
};

// Two values are the same when both are null, equal strings, or numbers within 1e-9 relative.
bool same_field_value(const connectors::FieldValue& a, const connectors::FieldValue& b);

// kpi_updated_at is written only together with another change on the same deal, so it says when that
// deal's KPI values last changed and a re-run with no new data writes nothing at all.
WritebackPlan plan_writeback(const model::Dataset& data, const kpi::Scorecard& scorecard, const FieldCatalog& catalog,
                             const HeldValues& held, const PluginSettings& settings);

}  // namespace sellerscore::plugin
