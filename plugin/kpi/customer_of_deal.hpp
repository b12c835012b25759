// "The customer of a deal" of KPIS.md §3.1, the one place it is decided: every customer KPI
// (retention, churn, repeat purchase, new customers, lifetime value, the channels' new customers and
// the churn model's customer summaries) groups won deals by what this returns.
//
// With customers counted by contact, the deal's contact_id. With customers counted by company, the
// deal's company_id, or when that is null its contact's company_id: many CRMs let a deal name only a
// contact, and the manager still means the contact's company. A deal with neither has no customer.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "../model/records.hpp"
#include "kpi_config.hpp"

namespace sellerscore::kpi {

class CustomerOfDeal {
public:
    // `data` must outlive this object (the ids returned point into it).
    CustomerOfDeal(const model::Dataset& data, CustomerEntity entity);

    // The deal's customer id, or nullptr when it has none.
    const std::string* operator()(const model::Deal& deal) const;

private:
    CustomerEntity entity_;
    // Contact id → its company_id, for contacts that name one (a contact listed twice: its first record).
    std::unordered_map<std::string_view, const std::string*> contact_company_;
};

}  // namespace sellerscore::kpi
