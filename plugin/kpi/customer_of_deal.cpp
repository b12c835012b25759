#include "customer_of_deal.hpp"

namespace sellerscore::kpi {

CustomerOfDeal::CustomerOfDeal(const model::Dataset& data, CustomerEntity entity) : entity_(entity) {
    if (entity_ != CustomerEntity::company) return;
    contact_company_.reserve(data.contacts.size());
    for (const model::Contact& contact : data.contacts) {
        if (contact.company_id) contact_company_.try_emplace(contact.id, &*contact.company_id);
    }
}

const std::string* CustomerOfDeal::operator()(const model::Deal& deal) const {
    if (entity_ == CustomerEntity::contact) return deal.contact_id ? &*deal.contact_id : nullptr;
    if (deal.company_id) return &*deal.company_id;
    if (!deal.contact_id) return nullptr;
    const auto company = contact_company_.find(*deal.contact_id);
    return company == contact_company_.end() ? nullptr : company->second;
}

}  // namespace sellerscore::kpi
