#include "report_kpi.hpp"

#include <array>

namespace sellerscore::host::report {

namespace {

struct KnownKpi {
    std::string_view id;
    std::string_view label;
    KpiUnit unit;
    Better better;
};

// KPIS.md §3, §3.1, §3.1.1 and §4 (channels), in the words a sales manager uses.
constexpr std::array<KnownKpi, 44> known_kpis{{
    {"contacts_count", "Contacts reached", KpiUnit::count, Better::higher},
    {"calls_count", "Calls", KpiUnit::count, Better::higher},
    {"avg_call_duration_s", "Avg call (s)", KpiUnit::seconds, Better::higher},
    {"visits_count", "Visits", KpiUnit::count, Better::higher},
    {"avg_visit_duration_s", "Avg visit (s)", KpiUnit::seconds, Better::higher},
    {"meetings_count", "Meetings", KpiUnit::count, Better::higher},
    {"emails_count", "Emails", KpiUnit::count, Better::higher},
    {"open_rate", "Open rate", KpiUnit::ratio, Better::higher},
    {"click_rate", "Click rate", KpiUnit::ratio, Better::higher},
    {"click_to_open_rate", "Click-to-open", KpiUnit::ratio, Better::higher},
    {"objections_count", "Objections", KpiUnit::count, Better::neither},
    {"response_rate", "Response rate", KpiUnit::ratio, Better::higher},
    {"follow_up_rate", "Follow-up rate", KpiUnit::ratio, Better::higher},
    {"lead_response_time_h", "Lead response (h)", KpiUnit::hours, Better::lower},
    {"deals_won_count", "Deals won", KpiUnit::count, Better::higher},
    {"deals_lost_count", "Deals lost", KpiUnit::count, Better::neither},
    {"win_rate", "Win rate", KpiUnit::ratio, Better::higher},
    {"revenue_won", "Revenue won", KpiUnit::money, Better::higher},
    {"avg_sale_value", "Avg sale", KpiUnit::money, Better::higher},
    {"avg_sales_cycle_days", "Cycle days", KpiUnit::days, Better::lower},
    {"proposals_count", "Proposals", KpiUnit::count, Better::higher},
    {"acceptance_rate", "Proposal acceptance", KpiUnit::ratio, Better::higher},
    {"open_deals_count", "Open deals", KpiUnit::count, Better::neither},
    {"pipeline_value", "Pipeline value", KpiUnit::money, Better::neither},
    {"weighted_pipeline_value", "Weighted pipeline", KpiUnit::money, Better::neither},
    {"sales_velocity_per_day", "Sales velocity / day", KpiUnit::money, Better::higher},
    {"conversion_rate", "Conversion", KpiUnit::ratio, Better::higher},
    {"new_customers_count", "New customers", KpiUnit::count, Better::higher},
    {"customers_at_start", "Customers at start", KpiUnit::count, Better::neither},
    {"retention_rate", "Retention", KpiUnit::ratio, Better::higher},
    {"churn_rate", "Churn", KpiUnit::ratio, Better::lower},
    {"repeat_purchase_rate", "Repeat purchase", KpiUnit::ratio, Better::higher},
    {"referrals_count", "Referrals", KpiUnit::count, Better::higher},
    {"customer_lifetime_value", "Customer lifetime value", KpiUnit::money, Better::higher},
    {"expected_churn", "Expected churn", KpiUnit::ratio, Better::lower},
    {"csat", "CSAT", KpiUnit::ratio, Better::higher},
    {"nps", "NPS", KpiUnit::points, Better::higher},
    {"survey_responses_count", "Survey responses", KpiUnit::count, Better::neither},
    {"on_time_delivery_rate", "On-time delivery", KpiUnit::ratio, Better::higher},
    {"leads_count", "Leads", KpiUnit::count, Better::higher},
    {"revenue_per_lead", "Revenue per lead", KpiUnit::money, Better::higher},
    {"cost_per_lead", "Cost per lead", KpiUnit::money, Better::lower},
    {"cpa", "CPA", KpiUnit::money, Better::lower},
    {"cpc", "CPC", KpiUnit::price, Better::lower},
}};

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// "new_kpi_rate" -> "New kpi rate": readable enough for a KPI this host version has not met.
std::string label_from_id(std::string_view id) {
    std::string label(id);
    for (char& c : label) {
        if (c == '_') c = ' ';
    }
    if (!label.empty() && label[0] >= 'a' && label[0] <= 'z') label[0] = static_cast<char>(label[0] - 'a' + 'A');
    return label;
}

KpiUnit unit_from_id(std::string_view id) {
    if (ends_with(id, "_rate") || id == "roi") return KpiUnit::ratio;
    if (ends_with(id, "_days")) return KpiUnit::days;
    if (ends_with(id, "_h")) return KpiUnit::hours;
    if (ends_with(id, "_s")) return KpiUnit::seconds;
    if (ends_with(id, "value") || ends_with(id, "revenue") || id == "spend") return KpiUnit::money;
    return KpiUnit::count;
}

}  // namespace

ReportKpi report_kpi(std::string_view id) {
    for (const KnownKpi& known : known_kpis) {
        if (known.id == id) return {std::string(id), std::string(known.label), known.unit, known.better};
    }
    if (id == "roi") return {"roi", "ROI", KpiUnit::ratio, Better::higher};
    if (id == "spend") return {"spend", "Spend", KpiUnit::money, Better::neither};
    if (id == "clicks") return {"clicks", "Clicks", KpiUnit::count, Better::neither};
    return {std::string(id), label_from_id(id), unit_from_id(id), Better::neither};
}

}  // namespace sellerscore::host::report
