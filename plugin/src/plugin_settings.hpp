// The configuration document an instance is created from (DESIGN.md "config"), host-validated
// against the manifest's configSchema; this parser re-checks only what the plugin relies on.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugin/kpi/kpi_config.hpp"
#include "plugin/model/status.hpp"

namespace sellerscore::plugin {

enum class WritebackDeals { open, all };
enum class OnNull { clear, keep };

// The section of a remote CRM's connector (`hubspot`, `pipedrive`, ...); unset numbers keep the
// connector's defaults.
struct RemoteCrmSettings {
    std::string base_url;     // empty: the vendor's public API
    std::string ca_file;      // absolute (the host resolves paths)
    std::string path_prefix;  // empty: the connector's default ("/crm/v3")
    std::string token_url;    // OAuth token endpoint; empty: the vendor's
    std::optional<int> max_connections;
    std::optional<int> read_timeout_ms;  // one read or write on a connection making no progress
    std::optional<int> rate_limit_max;
    std::optional<int> rate_limit_interval_ms;
    std::optional<int> search_per_second;
    std::string referral_property;  // empty: the connector's default
    std::string channel_property;   // HubSpot: the contact property holding the lead source; empty: default
    // Pipedrive: the budget share left for the company's other tools, the currency amounts are kept
    // in, and the person fields holding the lead source and the referring person.
    std::optional<int> daily_token_reserve;
    std::string home_currency;
    std::string channel_field;
    std::string referral_field;
    // The two deal properties (HubSpot: `hubspot.delivery.promised_property`, `.delivered_property`)
    // or fields (Pipedrive, Salesforce: `<section>.delivery.promised_field`, `.delivered_field`) a
    // delivery is read from; empty: no deliveries.
    std::string delivery_promised_property;
    std::string delivery_delivered_property;
    // Pipedrive, Salesforce (`<section>.survey.*`): the fields one survey response per record is read
    // from; empty: none. kind "csat" (default) or "nps"; object "deal"/"person" (Pipedrive, default
    // deal) or "Opportunity"/"Contact" (Salesforce, default Opportunity).
    std::string survey_score_field;
    std::string survey_date_field;
    std::string survey_kind;
    std::string survey_object;
};

// The `salesforce` section beyond the common keys (base_url = login URL, ca_file, token_url,
// max_connections); empty / unset = the connector's defaults.
struct SalesforceSection {
    std::string instance_url;
    std::string api_version;
    std::string permission_set;
    std::string team_field;  // "Department" or "UserRole"
    std::string visit_rule;  // "type" or "location"
    bool multi_currency = false;
    std::optional<double> daily_reserve;  // share of the allocation, (0, 1]
    std::optional<std::int64_t> bulk_threshold;  // rows from which Bulk API 2.0 reads; 0 = never
    std::optional<std::int64_t> bulk_write_threshold;  // changed records from which Bulk API 2.0 writes; 0 = never
};

struct PluginSettings {
    std::string connector;                 // "local", "hubspot", ...
    std::string local_database;            // local.database, absolute (the host resolves paths)
    RemoteCrmSettings remote;              // the section named like `connector`, when it is a remote CRM
    SalesforceSection salesforce;          // read when connector is "salesforce"
    // Names the CRM the records come from (connector and base URL): a record cache filled from
    // another CRM is not reused.
    std::string data_source;
    // How the connector maps vendor activity types (KPIS.md §1 mapping notes); empty = its defaults.
    std::vector<std::string> visit_types;
    std::vector<std::string> proposal_stages;
    std::vector<std::string> objection_markers;
    std::map<std::string, double> fx_rates;  // kpi.fx_rates: home-currency units per unit of a currency
    std::optional<std::string> state_dir;  // falls back to the host's state_dir service
    std::optional<model::Timestamp> as_of; // kpi.as_of; nullopt = the host's clock at sync time
    kpi::KpiConfig kpi;                    // as_of left 0 here; the sync job fills it
    WritebackDeals writeback_deals = WritebackDeals::open;
    OnNull on_null = OnNull::clear;
    // Changes whenever a setting that affects computed values changes; with the data cursor it tells
    // a sync whether the last run's results still hold.
    std::string fingerprint;

    static Result<PluginSettings> parse(std::string_view settings_json);
};

}  // namespace sellerscore::plugin
