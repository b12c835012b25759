#include "fake_pipedrive_experience_seeder.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "plugin/model/timestamp_format.hpp"

namespace sellerscore::fakes::pipedrive {
namespace {

std::string day_of(model::Timestamp t) { return model::format_rfc3339(model::utc_day_number(t) * model::ms_per_day).substr(0, 10); }

// The field `name` of `object`, made when the company has none.
std::string field_code(FakePipedrive& fake, const std::string& object, const char* name, const char* type) {
    if (auto existing = fake.field_by_name(object, name)) return existing->field_code;
    FakePipedriveField field;
    field.field_name = name;
    field.field_type = type;
    return fake.define_field(object, std::move(field)).field_code;
}

}  // namespace

Status seed_experience_fields(FakePipedrive& fake, const model::Dataset& source, const model::Dataset& held) {
    if (source.deals.size() != held.deals.size() || source.contacts.size() != held.contacts.size())
        return Status::invalid_argument("fake Pipedrive: held is not what seed(source) returned");
    std::unordered_map<std::string, std::size_t> deal_index, contact_index;
    for (std::size_t i = 0; i < source.deals.size(); ++i) deal_index[source.deals[i].id] = i;
    for (std::size_t i = 0; i < source.contacts.size(); ++i) contact_index[source.contacts[i].id] = i;

    // (object, Pipedrive id) -> field code -> text; later answers overwrite earlier ones, as in Pipedrive.
    std::map<std::pair<std::string, std::int64_t>, std::map<std::string, std::string>> edits;
    if (!source.deliveries.empty()) {
        const std::string promised = field_code(fake, "deals", promised_delivery_field_name, "date");
        const std::string delivered = field_code(fake, "deals", delivered_on_field_name, "date");
        std::map<std::size_t, const model::Delivery*> last_promised;
        for (const model::Delivery& d : source.deliveries) {
            const auto deal = deal_index.find(d.deal_id);
            if (deal == deal_index.end() || source.deals[deal->second].status != model::DealStatus::won) continue;
            auto& slot = last_promised[deal->second];
            if (slot == nullptr || d.promised_at >= slot->promised_at) slot = &d;
        }
        for (const auto& [index, d] : last_promised) {
            auto& fields = edits[{"deals", std::stoll(held.deals[index].id)}];
            fields[promised] = day_of(d->promised_at);
            fields[delivered] = d->delivered_at ? day_of(*d->delivered_at) : "";
        }
    }
    if (!source.survey_responses.empty()) {
        std::vector<const model::SurveyResponse*> in_time_order;
        for (const model::SurveyResponse& r : source.survey_responses) in_time_order.push_back(&r);
        std::stable_sort(in_time_order.begin(), in_time_order.end(),
                         [](const auto* a, const auto* b) { return a->at < b->at; });
        for (const model::SurveyResponse* r : in_time_order) {
            const bool nps = r->kind == model::SurveyKind::nps;
            std::string object;
            std::int64_t id = 0;
            if (const auto deal = r->deal_id ? deal_index.find(*r->deal_id) : deal_index.end(); deal != deal_index.end()) {
                object = "deals";
                id = std::stoll(held.deals[deal->second].id);
            } else if (const auto contact = r->contact_id ? contact_index.find(*r->contact_id) : contact_index.end();
                       contact != contact_index.end()) {
                object = "persons";
                id = std::stoll(held.contacts[contact->second].id);
            } else {
                continue;  // names only a seller: no Pipedrive record holds it
            }
            const std::string score = field_code(fake, object, nps ? nps_score_field_name : csat_score_field_name, "double");
            const std::string date = field_code(fake, object, nps ? nps_date_field_name : csat_date_field_name, "date");
            auto& fields = edits[{object, id}];
            fields[score] = std::to_string(r->score);
            fields[date] = day_of(r->at);
        }
    }
    for (const auto& [record, fields] : edits) {
        if (Status st = fake.touch(record.first, record.second, fields); !st) return st;
    }
    return Status::ok();
}

}  // namespace sellerscore::fakes::pipedrive
