// The settings the KPI engine reads (config section "kpi"), already validated by the host.
#pragma once

#include <map>
#include <string>

#include "../model/records.hpp"

namespace sellerscore::kpi {

enum class CustomerEntity { contact, company };

struct KpiConfig {
    model::Timestamp as_of = 0;
    int window_days = 90;
    int churn_horizon_days = 365;
    double prior_strength = 5;
    CustomerEntity customer_entity = CustomerEntity::contact;
    // KPI id -> weight; KPIS.md §5 defaults. Any scalar seller KPI id may be given a weight.
    std::map<std::string, double> score_weights = default_score_weights();
    // channel -> "branding" | "conversion" (KPIS.md §4 `kind`); channels not listed have no kind.
    std::map<std::string, std::string> channel_kinds;

    static std::map<std::string, double> default_score_weights() {
        return {{"win_rate", 0.20},          {"conversion_rate", 0.15},      {"retention_rate", 0.15},
                {"avg_sale_value", 0.10},    {"avg_sales_cycle_days", 0.10}, {"response_rate", 0.10},
                {"contacts_count", 0.10},    {"follow_up_rate", 0.05},       {"lead_response_time_h", 0.05}};
    }
};

}  // namespace sellerscore::kpi
