#include "customer_results.hpp"

#include <string>

#include "bgnbd_fit.hpp"
#include "customer_summary.hpp"

namespace sellerscore::kpi {

namespace {

constexpr double prediction_weeks = 90.0 / 7;

// Purchases of one customer, kept to apply either churn rule once the fit is decided.
struct CustomerHistory {
    std::uint32_t customer;
    CustomerSummary summary;
    bool active;
    double lifetime_value;
};

std::string horizon_days(const Window& window) { return std::to_string(window.churn_horizon_ms / model::ms_per_day); }

std::string fit_outcome(const BgNbdFit& fit) {
    if (fit.converged) return "converged";
    if (fit.diverged_parameters.empty()) return "did NOT converge, the best point found is used";
    std::string names;
    for (const std::string& name : fit.diverged_parameters) names += (names.empty() ? "" : ", ") + name;
    return "did NOT converge: the likelihood has no maximum at a finite " + names +
           " (it keeps rising as they run off, as when no customer shows signs of dropping out); the best point "
           "found is used";
}

}  // namespace

CustomerResults customer_results(const DatasetIndex& index, const Window& window) {
    const auto& deals = index.data.deals;
    std::vector<CustomerHistory> histories;
    std::vector<CustomerSummary> summaries;
    std::vector<model::Timestamp> purchases;
    int repeat_customers = 0;
    for (std::uint32_t customer = 0; customer < index.customer_ids.size(); ++customer) {
        purchases.clear();
        bool active = false;
        double lifetime_value = 0;
        for (const std::uint32_t d : index.won_deals_by_customer[customer]) {
            const model::Timestamp closed_at = *deals[d].closed_at;
            if (closed_at > window.as_of) continue;
            purchases.push_back(closed_at);
            active = active || window.keeps_active_at(closed_at, window.as_of);
            lifetime_value += deals[d].amount.value_or(0);
        }
        const std::optional<CustomerSummary> summary = summarise_purchases(purchases, window.as_of);
        if (!summary) continue;
        repeat_customers += summary->x > 0 ? 1 : 0;
        histories.push_back({customer, *summary, active, lifetime_value});
        summaries.push_back(*summary);
    }

    CustomerResults results;
    results.churn_risk.assign(index.customer_ids.size(), std::nullopt);
    results.customers.reserve(histories.size());
    std::optional<BgNbdFit> fit;
    if (repeat_customers >= min_repeat_customers_to_fit) {
        fit = fit_bgnbd(summaries);
        ChurnModelSummary& model = results.churn_model;
        model.fitted = true;
        model.converged = fit->converged;
        model.r = fit->parameters.r;
        model.alpha = fit->parameters.alpha;
        model.a = fit->parameters.a;
        model.b = fit->parameters.b;
        model.log_likelihood = fit->log_likelihood;
        model.diverged_parameters = fit->diverged_parameters;
        model.note = "BG/NBD fitted on " + std::to_string(summaries.size()) + " customers (" +
                     std::to_string(repeat_customers) + " with repeat purchases); " + fit_outcome(*fit) + " after " +
                     std::to_string(fit->evaluations) + " likelihood evaluations";
    } else {
        results.churn_model.note = "churn model not fitted: " + std::to_string(repeat_customers) +
                                   " customers with repeat purchases, at least " +
                                   std::to_string(min_repeat_customers_to_fit) +
                                   " needed; churn_risk uses the inactivity rule, 1 when the customer has no won "
                                   "deal closed in the last " + horizon_days(window) + " days, else 0";
    }

    for (const CustomerHistory& h : histories) {
        CustomerResult result{std::string(index.customer_ids.id(h.customer)), h.active ? 0.0 : 1.0, h.lifetime_value,
                              std::nullopt};
        if (fit) {
            result.churn_risk = 1 - probability_alive(fit->parameters, h.summary);
            result.expected_purchases_90d = expected_purchases(fit->parameters, h.summary, prediction_weeks);
        }
        results.churn_risk[h.customer] = result.churn_risk;
        results.customers.push_back(std::move(result));
    }
    return results;
}

}  // namespace sellerscore::kpi
