#include "dataset_index.hpp"

#include <algorithm>

#include "customer_of_deal.hpp"

namespace sellerscore::kpi {

namespace {

std::uint32_t find_optional(const IdInterner& ids, const std::optional<std::string>& id) {
    return id ? ids.find(*id) : no_index;
}

std::uint32_t intern_optional(IdInterner& ids, const std::optional<std::string>& id) {
    return id ? ids.intern(*id) : no_index;
}

bool is_dated_win(const model::Deal& deal) {
    return deal.status == model::DealStatus::won && deal.closed_at.has_value();
}

}  // namespace

DatasetIndex::DatasetIndex(const model::Dataset& data, CustomerEntity customer_entity,
                           model::Timestamp activities_from, model::Timestamp as_of)
    : data(data),
      seller_ids(data.sellers.size()),
      contact_ids(data.contacts.size()),
      customer_ids(customer_entity == CustomerEntity::contact ? data.contacts.size() : 0),
      pipelines(data) {
    for (const model::Seller& seller : data.sellers) seller_ids.intern(seller.id);

    contact_record_id.reserve(data.contacts.size());
    contact_record_owner.reserve(data.contacts.size());
    for (const model::Contact& contact : data.contacts) {
        contact_record_id.push_back(contact_ids.intern(contact.id));
        contact_record_owner.push_back(find_optional(seller_ids, contact.owner_id));
    }
    std::vector<std::uint32_t> owner_of_contact(contact_ids.size(), no_index);
    for (std::size_t c = 0; c < data.contacts.size(); ++c) {
        owner_of_contact[contact_record_id[c]] = contact_record_owner[c];
    }
    contact_referrer_owner.reserve(data.contacts.size());
    for (const model::Contact& contact : data.contacts) {
        const std::uint32_t referrer = find_optional(contact_ids, contact.referred_by);
        contact_referrer_owner.push_back(referrer == no_index ? no_index : owner_of_contact[referrer]);
    }

    const CustomerOfDeal customer_of(data, customer_entity);
    std::vector<std::uint32_t> deal_contact;
    deal_contact.reserve(data.deals.size());
    deal_owner.reserve(data.deals.size());
    deal_customer.reserve(data.deals.size());
    for (const model::Deal& deal : data.deals) {
        deal_owner.push_back(seller_ids.find(deal.owner_id));
        deal_contact.push_back(intern_optional(contact_ids, deal.contact_id));
        const std::string* customer = is_dated_win(deal) ? customer_of(deal) : nullptr;
        deal_customer.push_back(customer != nullptr ? customer_ids.intern(*customer) : no_index);
    }

    std::vector<std::uint32_t> activity_contact;
    activity_contact.reserve(data.activities.size());
    activity_owner.reserve(data.activities.size());
    proposal_deal.reserve(data.activities.size());
    for (const model::Activity& activity : data.activities) {
        const bool in_span = activities_from <= activity.at && activity.at <= as_of;
        const std::uint32_t owner = in_span ? seller_ids.find(activity.owner_id) : no_index;
        activity_owner.push_back(owner);
        activity_contact.push_back(owner == no_index ? no_index : intern_optional(contact_ids, activity.contact_id));
        const bool proposal_in_span = owner != no_index && activity.type == model::ActivityType::proposal;
        const std::uint32_t deal = proposal_in_span ? find_optional(pipelines.deal_ids, activity.deal_id) : no_index;
        proposal_deal.push_back(deal == no_index ? no_index : pipelines.deal_record[deal]);
    }

    activities_by_contact =
        GroupedRecords<ContactActivity>(activity_contact, contact_ids.size(), [&](std::uint32_t a) {
            const model::Activity& activity = data.activities[a];
            return ContactActivity{activity.at, a, activity_owner[a], is_outbound_touch(activity),
                                   shows_response(activity)};
        });
    won_deals_by_customer =
        GroupedRecords<std::uint32_t>(deal_customer, customer_ids.size(), [](std::uint32_t d) { return d; });

    contact_first_won_at.assign(contact_ids.size(), never);
    for (std::size_t d = 0; d < data.deals.size(); ++d) {
        const model::Deal& deal = data.deals[d];
        if (deal_contact[d] == no_index || !is_dated_win(deal)) continue;
        model::Timestamp& first = contact_first_won_at[deal_contact[d]];
        first = std::min(first, *deal.closed_at);
    }
}

}  // namespace sellerscore::kpi
