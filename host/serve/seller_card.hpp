// The two renderings of one seller's score for a deal page: the JSON our HubSpot app card fetches
// (our own shape; packaging/hubspot-app renders it) and the JSON panel Pipedrive renders itself
// (Pipedrive's documented shape: {"data": [object]} with the fields the panel's JSON data
// structure declares, packaging/pipedrive-app/panel-data-structure.json).
#pragma once

#include <string>
#include <string_view>

#include <boost/json/object.hpp>

namespace sellerscore::host::serve {

struct CardContext {
    std::string_view deal_id;
    std::string_view as_of;       // the scorecard's
    std::string_view report_url;  // link to the full report; empty: none
};

// {"deal_id", "seller": {"id", "name"}, "score", "band", "as_of", "kpis": {id: {value, previous,
// change}} for the KPIs written back on deals, "drivers": {"lifts", "holds", "text"}, "report_url"}.
std::string hubspot_card_json(const boost::json::object& seller, const CardContext& context);

// {"data": [{"id", "header", "seller", "score", "band": {"label", "color"}, "lifts", "holds",
// "scored_at"}]}
std::string pipedrive_panel_json(const boost::json::object& seller, const CardContext& context);

}  // namespace sellerscore::host::serve
