// A scorecard (KPIS.md §8) written by hand for the report's tests, with the edge cases of issue 13:
// a seller with no eligible score, a pipeline with one open stage, no spend data, an unfitted churn
// model. Every figure the tests expect is worked out from these numbers in the test itself.
#pragma once

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace sellerscore::host::testing {

inline boost::json::value report_test_scorecard() {
    return boost::json::parse(R"json({
  "as_of": "2026-10-01T00:00:00Z",
  "window": {"start": "2026-07-03T00:00:00Z", "end": "2026-10-01T00:00:00Z"},
  "sellers": [
    {"id": "s-bob", "name": "Bob <Stone> & Co", "team": "South", "eligible": true, "score": 48.0, "band": "C",
     "kpis": {"win_rate": {"value": 0.25, "previous": 0.3, "change": -0.05},
              "revenue_won": {"value": 8000, "previous": 10000, "change": -0.2},
              "conversion_rate": {"value": null, "previous": 0.1, "change": null},
              "retention_rate": {"value": 0.5, "previous": 0.5, "change": 0},
              "churn_rate": {"value": 0.5, "previous": 0.5, "change": 0},
              "customers_at_start": {"value": 4, "previous": 4, "change": 0},
              "stage_conversion": {"only_stage": 0.2},
              "avg_days_in_stage": {"only_stage": 9.04}}},
    {"id": "s-ana", "name": "Ana López", "team": "North", "eligible": true, "score": 82.46, "band": "A",
     "kpis": {"win_rate": {"value": 0.4, "previous": 0.35, "change": 0.05},
              "revenue_won": {"value": 125000.4, "previous": 100000, "change": 0.250004},
              "conversion_rate": {"value": 0.125, "previous": 0.1, "change": 0.025},
              "avg_sale_value": {"value": 12500.04, "previous": 11000, "change": 0.1364},
              "avg_sales_cycle_days": {"value": 21.36, "previous": 25, "change": -0.1456},
              "retention_rate": {"value": 0.8, "previous": 0.75, "change": 0.05},
              "churn_rate": {"value": 0.2, "previous": 0.25, "change": -0.05},
              "customers_at_start": {"value": 10, "previous": 8, "change": 0.25},
              "new_kpi_rate": {"value": 0.5, "previous": null, "change": null},
              "stage_conversion": {"only_stage": 0.75},
              "avg_days_in_stage": {"only_stage": 2.56}}},
    {"id": "s-carla", "name": "Carla Ruiz", "team": "North", "eligible": false, "score": null, "band": null,
     "kpis": {"win_rate": {"value": null, "previous": null, "change": null},
              "stage_conversion": {"only_stage": null},
              "avg_days_in_stage": {"only_stage": null}}}
  ],
  "team": {"kpis": {"win_rate": {"value": 0.3, "previous": 0.32, "change": -0.02},
                    "revenue_won": {"value": 133000.4, "previous": 110000, "change": 0.2091},
                    "avg_sale_value": {"value": 11083.37, "previous": 11000, "change": 0.0076},
                    "avg_sales_cycle_days": {"value": 24.04, "previous": 26, "change": -0.0754},
                    "conversion_rate": {"value": 0.11, "previous": 0.1, "change": 0.01},
                    "retention_rate": {"value": 0.7143, "previous": 0.6667, "change": 0.0476},
                    "churn_rate": {"value": 0.2857, "previous": 0.3333, "change": -0.0476},
                    "customers_at_start": {"value": 14, "previous": 12, "change": 0.1667},
                    "stage_conversion": {"only_stage": 0.5},
                    "avg_days_in_stage": {"only_stage": 3.26}}},
  "teams": [{"team": "North", "kpis": {"win_rate": {"value": 0.4, "previous": 0.35, "change": 0.05},
                                       "stage_conversion": {"only_stage": 0.75}}},
            {"team": "South", "kpis": {"win_rate": {"value": 0.25, "previous": 0.3, "change": -0.05}}}],
  "channels": [{"channel": "referral", "kind": null, "leads_count": 12, "conversion_rate": 0.25,
                "new_customers_count": 3, "revenue_won": 36000, "revenue_per_lead": 3000, "spend": 0, "clicks": null,
                "cost_per_lead": 0, "cpa": 0, "cpc": null, "roi": null},
               {"channel": "web", "kind": "conversion", "leads_count": 1234, "conversion_rate": 0.05,
                "new_customers_count": 20, "revenue_won": 97000.4, "revenue_per_lead": 78.6, "spend": 0, "clicks": null,
                "cost_per_lead": 0, "cpa": 0, "cpc": null, "roi": null}],
  "churn_model": {"fitted": false, "converged": false, "diverged_parameters": [],
                  "note": "3 customers with repeat purchases, fewer than the 50 the model needs",
                  "r": null, "alpha": null, "a": null, "b": null, "log_likelihood": null},
  "a_member_from_a_newer_plugin": {"anything": [1, 2, 3]}
})json");
}

}  // namespace sellerscore::host::testing
