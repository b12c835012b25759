#include "experience_attribution.hpp"

#include <optional>
#include <string>

namespace sellerscore::kpi {

namespace {

std::uint32_t owner_by_id(const IdInterner& ids, const std::vector<std::uint32_t>& owners,
                          const std::optional<std::string>& id) {
    if (!id) return no_index;
    const std::uint32_t i = ids.find(*id);
    return i == no_index ? no_index : owners[i];
}

}  // namespace

ExperienceAttribution attribute_experience(const DatasetIndex& index) {
    const model::Dataset& data = index.data;
    ExperienceAttribution result;
    if (data.survey_responses.empty() && data.deliveries.empty()) return result;

    // Deal and contact ids in record order, so that an id's index is its record's (the first record
    // when an id repeats, as everywhere else in the engine).
    IdInterner deal_ids(data.deals.size());
    std::vector<std::uint32_t> deal_owner;
    for (std::size_t d = 0; d < data.deals.size(); ++d) {
        if (deal_ids.intern(data.deals[d].id) == deal_owner.size()) deal_owner.push_back(index.deal_owner[d]);
    }
    IdInterner contact_ids(data.survey_responses.empty() ? 0 : data.contacts.size());
    std::vector<std::uint32_t> contact_owner;
    if (!data.survey_responses.empty()) {
        for (std::size_t c = 0; c < data.contacts.size(); ++c) {
            if (contact_ids.intern(data.contacts[c].id) == contact_owner.size()) {
                contact_owner.push_back(index.contact_record_owner[c]);
            }
        }
    }

    result.response_seller.reserve(data.survey_responses.size());
    for (const model::SurveyResponse& r : data.survey_responses) {
        std::uint32_t seller = r.seller_id ? index.seller_ids.find(*r.seller_id) : no_index;
        if (seller == no_index) seller = owner_by_id(deal_ids, deal_owner, r.deal_id);
        if (seller == no_index) seller = owner_by_id(contact_ids, contact_owner, r.contact_id);
        result.response_seller.push_back(seller);
    }
    result.delivery_seller.reserve(data.deliveries.size());
    for (const model::Delivery& v : data.deliveries) {
        result.delivery_seller.push_back(owner_by_id(deal_ids, deal_owner, v.deal_id));
    }
    return result;
}

}  // namespace sellerscore::kpi
