#include "kpi_catalog.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace sellerscore::kpi {

namespace {

// Counts and money sums are never shrunk, so they need no observation count.
KpiReading total_of(double n) { return {n, 0}; }
KpiReading ratio_of(const RatioTally& r) { return {r.value(), r.trials}; }
KpiReading mean_of(const MeanTally& m) { return {m.value(), m.count}; }

// Median of an even count = mean of the two middle values (KPIS.md §3).
KpiReading median_of(std::vector<double> values) {
    if (values.empty()) return {std::nullopt, 0};
    const std::size_t n = values.size();
    const auto middle = values.begin() + static_cast<std::ptrdiff_t>(n / 2);
    std::nth_element(values.begin(), middle, values.end());
    double value = *middle;
    if (n % 2 == 0) value = (value + *std::max_element(values.begin(), middle)) / 2;
    return {value, static_cast<double>(n)};
}

KpiReading win_rate(const KpiTally& t) {
    const double closed = t.deals_won + t.deals_lost;
    return {closed > 0 ? std::optional<double>(t.deals_won / closed) : std::nullopt, closed};
}

// open_deals_count × win_rate × avg_sale_value ÷ avg_sales_cycle_days. A product of shrinkable
// factors is not itself a ratio or a mean, so the score reads it as it is (no observations).
KpiReading sales_velocity(const KpiTally& t) {
    const std::optional<double> win = win_rate(t).value;
    const std::optional<double> sale = t.sale_value.value();
    const std::optional<double> cycle = t.sales_cycle_days.value();
    if (!win || !sale || !cycle || *cycle == 0) return {std::nullopt, 0};
    return {t.open_deals * *win * *sale / *cycle, 0};
}

// churn_rate = 1 − retention_rate, over the same S.
KpiReading churn_rate(const KpiTally& t) {
    return ratio_of(RatioTally{t.retained.trials - t.retained.successes, t.retained.trials});
}

constexpr auto count = KpiUnit::count;
constexpr auto ratio = KpiUnit::ratio;
constexpr auto money = KpiUnit::money;
constexpr auto seconds = KpiUnit::seconds;
constexpr auto higher = Preference::higher;
constexpr auto lower = Preference::lower;
constexpr auto neither = Preference::neither;

constexpr std::array catalog{
    KpiDefinition{"contacts_count", count, higher, false,
                  [](const KpiTally& t) { return total_of(t.contacts_touched); }},
    KpiDefinition{"response_rate", ratio, higher, true, [](const KpiTally& t) { return ratio_of(t.responded); }},
    KpiDefinition{"follow_up_rate", ratio, higher, true, [](const KpiTally& t) { return ratio_of(t.followed_up); }},
    KpiDefinition{"lead_response_time_h", KpiUnit::hours, lower, true,
                  [](const KpiTally& t) { return median_of(t.lead_response_hours); }},
    KpiDefinition{"calls_count", count, higher, false, [](const KpiTally& t) { return total_of(t.calls); }},
    KpiDefinition{"avg_call_duration_s", seconds, higher, true,
                  [](const KpiTally& t) { return mean_of(t.call_duration_s); }},
    KpiDefinition{"visits_count", count, higher, false, [](const KpiTally& t) { return total_of(t.visits); }},
    KpiDefinition{"avg_visit_duration_s", seconds, higher, true,
                  [](const KpiTally& t) { return mean_of(t.visit_duration_s); }},
    KpiDefinition{"meetings_count", count, higher, false, [](const KpiTally& t) { return total_of(t.meetings); }},
    KpiDefinition{"emails_count", count, higher, false, [](const KpiTally& t) { return total_of(t.emails); }},
    KpiDefinition{"open_rate", ratio, higher, true, [](const KpiTally& t) { return ratio_of(t.emails_opened); }},
    KpiDefinition{"click_rate", ratio, higher, true, [](const KpiTally& t) { return ratio_of(t.emails_clicked); }},
    KpiDefinition{"click_to_open_rate", ratio, higher, true,
                  [](const KpiTally& t) { return ratio_of(t.opened_emails_clicked); }},
    KpiDefinition{"objections_count", count, neither, false,
                  [](const KpiTally& t) { return total_of(t.objections); }},
    KpiDefinition{"deals_won_count", count, higher, false, [](const KpiTally& t) { return total_of(t.deals_won); }},
    KpiDefinition{"deals_lost_count", count, neither, false, [](const KpiTally& t) { return total_of(t.deals_lost); }},
    KpiDefinition{"win_rate", ratio, higher, true, win_rate},
    KpiDefinition{"revenue_won", money, higher, false, [](const KpiTally& t) { return total_of(t.revenue_won); }},
    KpiDefinition{"avg_sale_value", money, higher, true, [](const KpiTally& t) { return mean_of(t.sale_value); }},
    KpiDefinition{"avg_sales_cycle_days", KpiUnit::days, lower, true,
                  [](const KpiTally& t) { return mean_of(t.sales_cycle_days); }},
    KpiDefinition{"proposals_count", count, higher, false, [](const KpiTally& t) { return total_of(t.proposals); }},
    KpiDefinition{"acceptance_rate", ratio, higher, true,
                  [](const KpiTally& t) { return ratio_of(t.proposals_accepted); }},
    KpiDefinition{"open_deals_count", count, neither, false, [](const KpiTally& t) { return total_of(t.open_deals); }},
    KpiDefinition{"pipeline_value", money, neither, false,
                  [](const KpiTally& t) { return total_of(t.pipeline_value); }},
    KpiDefinition{"weighted_pipeline_value", money, neither, false,
                  [](const KpiTally& t) { return total_of(t.weighted_pipeline_value); }},
    KpiDefinition{"sales_velocity_per_day", KpiUnit::money_per_day, higher, false, sales_velocity},
    KpiDefinition{"conversion_rate", ratio, higher, true, [](const KpiTally& t) { return ratio_of(t.converted); }},
    KpiDefinition{"new_customers_count", count, higher, false,
                  [](const KpiTally& t) { return total_of(t.new_customers); }},
    KpiDefinition{"customers_at_start", count, neither, false,
                  [](const KpiTally& t) { return total_of(t.retained.trials); }},
    KpiDefinition{"retention_rate", ratio, higher, true, [](const KpiTally& t) { return ratio_of(t.retained); }},
    KpiDefinition{"churn_rate", ratio, lower, true, churn_rate},
    KpiDefinition{"repeat_purchase_rate", ratio, higher, true,
                  [](const KpiTally& t) { return ratio_of(t.repeat_buyers); }},
    KpiDefinition{"customer_lifetime_value", money, higher, true,
                  [](const KpiTally& t) { return mean_of(t.lifetime_value); }},
    KpiDefinition{"referrals_count", count, higher, false, [](const KpiTally& t) { return total_of(t.referrals); }},
    // A mean of churn risks, each in [0, 1]: a ratio, so its trend is a difference (§3.2).
    KpiDefinition{"expected_churn", ratio, lower, true, [](const KpiTally& t) { return mean_of(t.expected_churn); }},
    // §3.1.1. Shrunk as ratios (csat, on-time) and as a mean of ±100 points (nps) when given a weight.
    KpiDefinition{"csat", ratio, higher, true, [](const KpiTally& t) { return ratio_of(t.csat_satisfied); }},
    KpiDefinition{"nps", KpiUnit::points, higher, true, [](const KpiTally& t) { return mean_of(t.nps_points); }},
    KpiDefinition{"survey_responses_count", count, neither, false,
                  [](const KpiTally& t) {
                      return t.holds_survey_data ? total_of(t.survey_responses) : KpiReading{std::nullopt, 0};
                  }},
    KpiDefinition{"on_time_delivery_rate", ratio, higher, true,
                  [](const KpiTally& t) { return ratio_of(t.deliveries_on_time); }},
};

}  // namespace

std::span<const KpiDefinition> kpi_catalog() { return catalog; }

const KpiDefinition* find_kpi(std::string_view id) {
    const auto it = std::find_if(catalog.begin(), catalog.end(), [&](const KpiDefinition& d) { return d.id == id; });
    return it == catalog.end() ? nullptr : &*it;
}

}  // namespace sellerscore::kpi
