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
    // The score and band a run at as_of − window_days would have given (KPIS.md §3.2 applied to §5):
    // null when the seller was not eligible then.
    std::optional<double> previous_score;
    std::optional<char> previous_band;
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

// One of the customers most at risk of churning (KPIS.md §6), for a manager to call first.
struct CustomerAtRisk {
    std::string customer_id;
    // The owner of its latest won deal closed by as_of: who sold to it last. The name is null when the
    // owner is not among the sellers.
    std::string seller_id;
    std::optional<std::string> seller_name;
    double churn_risk = 0;
    std::optional<double> lifetime_value;
    std::optional<double> expected_purchases_90d;
    model::Timestamp last_purchase_at = 0;  // closed_at of that latest won deal
};

struct ChurnModelSummary {
    bool fitted = false;
    std::string note;  // why it was not fitted, or how the fit went
    std::optional<double> r, alpha, a, b, log_likelihood;
    bool converged = false;
    // The parameters that ran off along a likelihood ridge ("r", "alpha", "a", "b"); empty otherwise.
    std::vector<std::string> diverged_parameters;
};

// A pipeline's open stages in funnel order (KPIS.md §1 stage `order`), so that a reader of the stage
// maps, which are keyed by stage id, can lay the funnel out as the CRM does.
struct StageOutline {
    std::string id;
    std::string name;
};

struct PipelineOutline {
    std::string id;
    std::string name;  // the input model has no pipeline names: the pipeline id
    std::vector<StageOutline> stages;
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
    // Pipelines in the order their first stage record comes in, each with its open stages.
    std::vector<PipelineOutline> pipelines;
    // The riskiest customers, riskiest first (customers_at_risk.hpp).
    std::vector<CustomerAtRisk> customers_at_risk;
};

}  // namespace sellerscore::kpi
