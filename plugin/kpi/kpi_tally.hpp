// The raw counts behind one slot's KPIs in one window (a seller, or the organisation; see
// TallySlots). Ratios keep numerator and denominator and means keep sum and count, because the
// score's shrinkage (KPIS.md §5.2) needs the number of trials, not just the quotient.
#pragma once

#include <optional>
#include <vector>

namespace sellerscore::kpi {

struct RatioTally {
    double successes = 0;
    double trials = 0;

    void add(bool success) {
        successes += success ? 1 : 0;
        trials += 1;
    }
    // Null on a zero denominator (KPIS.md §2), never 0.
    std::optional<double> value() const {
        return trials > 0 ? std::optional<double>(successes / trials) : std::nullopt;
    }
};

struct MeanTally {
    double sum = 0;
    double count = 0;

    void add(double x) {
        sum += x;
        count += 1;
    }
    std::optional<double> value() const {
        return count > 0 ? std::optional<double>(sum / count) : std::nullopt;
    }
};

struct KpiTally {
    // KPIS.md §5.3: an activity, or a deal created or closed, in the window.
    bool active_in_window = false;

    // §3, activities.
    double contacts_touched = 0;  // |T(s)|
    RatioTally responded;         // over T(s)
    RatioTally followed_up;       // over T(s)
    std::vector<double> lead_response_hours;

    // §3, activities in the window.
    double calls = 0;                 // outbound
    MeanTally call_duration_s;        // outbound calls with duration_s > 0
    double visits = 0;
    MeanTally visit_duration_s;       // visits with duration_s > 0
    double meetings = 0;
    double emails = 0;                // outbound
    RatioTally emails_opened;         // over outbound emails with opened not null
    RatioTally emails_clicked;        // over outbound emails with clicked not null
    RatioTally opened_emails_clicked; // over outbound emails opened, with clicked not null
    double objections = 0;
    double proposals = 0;
    RatioTally proposals_accepted;    // over proposals whose deal is won or lost by as_of

    // §3, deals open at as_of.
    double open_deals = 0;
    double pipeline_value = 0;
    double weighted_pipeline_value = 0;

    // §3 map KPIs, indexed by PipelineIndex open index; sized by the deal pass.
    std::vector<RatioTally> stage_conversion;
    std::vector<MeanTally> days_in_stage;

    // §3, deals closed in the window.
    double deals_won = 0;
    double deals_lost = 0;
    double revenue_won = 0;
    MeanTally sale_value;
    MeanTally sales_cycle_days;

    // §3.1, customers.
    RatioTally converted;  // over the cohort of contacts created in the window
    double new_customers = 0;
    RatioTally retained;   // over S, the customers active at the window's start
    RatioTally repeat_buyers;
    MeanTally lifetime_value;
    double referrals = 0;

    // §3.1.1, survey responses and deliveries (tally_experience).
    bool holds_survey_data = false;  // some survey response exists by as_of, rating anyone or nobody
    double survey_responses = 0;     // either kind, rating a seller of the slot, at in the window
    RatioTally csat_satisfied;       // over csat responses: those scoring 4 or 5
    MeanTally nps_points;            // over nps responses: +100 (9-10), 0 (7-8), −100 (0-6)
    RatioTally deliveries_on_time;   // over deliveries promised in the window

    // §6, filled after the window's tally by tally_expected_churn: churn_risk over the customers
    // active at as_of.
    MeanTally expected_churn;
};

}  // namespace sellerscore::kpi
