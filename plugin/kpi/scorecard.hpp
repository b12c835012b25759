// What the KPI engine produces: the in-memory form of the KPIS.md §8 document.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "../model/records.hpp"
#include "seller_score_drivers.hpp"

namespace sellerscore::kpi {

using StageMap = std::map<std::string, std::optional<double>>;

// One scalar KPI with its trend (KPIS.md §3.2). Any part may be null.
struct KpiValue {
    std::optional<double> value;
    std::optional<double> previous;
    std::optional<double> change;
};

struct SellerResult {
    std::string seller_id;
    std::string name;
    std::optional<std::string> team;
    bool eligible = false;              // KPIS.md §5.3
    std::optional<double> score;        // rounded half up to one decimal; null when not eligible
    std::optional<char> band;           // 'A'..'D'; null when not eligible
    std::map<std::string, KpiValue> kpis;  // keyed by the KPI ids of KPIS.md §3 and §3.1
    // The map KPIs of §3 ("stage_conversion", "avg_days_in_stage"): stage id -> value, current
    // window only; every open stage of every pipeline is a key, null when undefined.
    std::map<std::string, StageMap> maps;
    ScoreDrivers drivers;  // what lifts the score and what holds it down; empty when not eligible
};

// Every seller KPI over the union of one team's sellers' records (KPIS.md §4).
struct TeamResult {
    std::string team;
    std::map<std::string, KpiValue> kpis;
    std::map<std::string, StageMap> maps;
};

// One lead channel (contact `channel`) over W (KPIS.md §4). Keys: leads_count, conversion_rate,
// new_customers_count, revenue_won, revenue_per_lead, spend, clicks, cost_per_lead, cpa, cpc, roi.
struct ChannelResult {
    std::string channel;
    std::optional<std::string> kind;  // "branding" | "conversion", from KpiConfig::channel_kinds
    std::map<std::string, std::optional<double>> kpis;
};

// A customer (contact or company, per KpiConfig::customer_entity) and what is written on it.
struct CustomerResult {
    std::string customer_id;
    std::optional<double> churn_risk;       // KPIS.md §6 (or the inactivity fallback)
    std::optional<double> lifetime_value;   // Σ amount of its won deals (any owner) by as_of
    std::optional<double> expected_purchases_90d;  // §6; null when the model is not fitted
};

struct ChurnModelSummary {
    bool fitted = false;
    std::string note;  // why it was not fitted, or how the fit went
    std::optional<double> r, alpha, a, b, log_likelihood;
    bool converged = false;
    // The parameters that ran off along a likelihood ridge ("r", "alpha", "a", "b"); empty otherwise.
    std::vector<std::string> diverged_parameters;
};

struct Scorecard {
    model::Timestamp as_of = 0;
    model::Timestamp window_start = 0;  // W = [window_start, window_end)
    model::Timestamp window_end = 0;
    std::vector<SellerResult> sellers;       // in the order of the input's sellers
    std::map<std::string, KpiValue> team;    // every seller KPI over all sellers' records
    std::map<std::string, StageMap> team_maps;
    std::vector<TeamResult> teams;           // per `team`, sorted by team name
    std::vector<ChannelResult> channels;     // per channel, sorted by channel name
    std::vector<CustomerResult> customers;
    ChurnModelSummary churn_model;
};

}  // namespace sellerscore::kpi
