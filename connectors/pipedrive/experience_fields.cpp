#include "experience_fields.hpp"

#include <cmath>
#include <utility>

#include <boost/json.hpp>

#include "content_fingerprint.hpp"
#include "json_access.hpp"
#include "pipedrive_time.hpp"
#include "plugin/model/timestamp_format.hpp"
#include "record_mapper.hpp"

namespace sellerscore::connectors::pipedrive {

namespace json = boost::json;

namespace {

Result<std::optional<CustomField>> lookup(FieldDirectory& fields, RecordObject object, const std::string& name,
                                          std::string_view setting, const http::LogSink& log) {
    if (name.empty()) return std::optional<CustomField>{};
    auto found = fields.named(object, name);
    if (!found) return found.status();
    if (!*found && log) {
        log(http::LogLevel::warn, "pipedrive: " + std::string(setting) + " names " +
                                      (object == RecordObject::deal ? "deal" : "person") + " field '" + name +
                                      "', which the company does not have: read without it");
    }
    return std::move(*found);
}

// A custom field's value from custom_fields, a system field's (add_time, won_time ...) from the item.
FieldValue value_of(const json::value& item, const CustomField& field) {
    if (is_custom_code(field.code)) return field.held_value(custom_field_value(item, field.code));
    const json::value* v = member(item, field.code);
    if (v == nullptr || v->is_null()) return {};
    if (v->is_number()) return v->to_number<double>();
    if (const json::string* s = v->if_string(); s != nullptr && !s->empty()) return std::string(*s);
    return {};
}

// A date field holds a day ("YYYY-MM-DD", held_value makes it midnight UTC); a system time field an
// instant. A promise of a day means by its end, so a promised day reads as its last millisecond.
std::optional<model::Timestamp> time_of(const json::value& item, const CustomField& field, bool end_of_day) {
    const FieldValue v = value_of(item, field);
    const std::string* text = std::get_if<std::string>(&v);
    if (text == nullptr) return std::nullopt;
    auto at = parse_time(*text);
    if (!at) at = parse_date(*text);
    if (!at) return std::nullopt;
    if (end_of_day && field.type == "date") return *at + model::ms_per_day - 1;
    return at;
}

// A whole number, from a numeric field or a text/option holding one ("4", "4.0").
std::optional<int> score_of(const json::value& item, const CustomField& field) {
    const FieldValue v = value_of(item, field);
    double number = 0;
    if (const double* d = std::get_if<double>(&v)) {
        number = *d;
    } else if (const std::string* s = std::get_if<std::string>(&v)) {
        char* end = nullptr;
        number = std::strtod(s->c_str(), &end);
        if (s->empty() || end != s->c_str() + s->size()) return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (!std::isfinite(number) || number != std::floor(number) || std::fabs(number) > 1000) return std::nullopt;
    return static_cast<int>(number);
}

}  // namespace

Result<ExperienceFields> ExperienceFields::resolve(FieldDirectory& fields, const ExperienceSettings& settings,
                                                   const http::LogSink& log) {
    ExperienceFields out;
    out.settings_ = settings;
    const RecordObject survey_object = settings.survey_object;
    const std::pair<std::optional<CustomField>*, std::tuple<RecordObject, const std::string*, std::string_view>> wanted[] = {
        {&out.score_, {survey_object, &settings.survey_score_field, "pipedrive.survey.score_field"}},
        {&out.date_, {survey_object, &settings.survey_date_field, "pipedrive.survey.date_field"}},
        {&out.promised_, {RecordObject::deal, &settings.delivery_promised_field, "pipedrive.delivery.promised_field"}},
        {&out.delivered_, {RecordObject::deal, &settings.delivery_delivered_field, "pipedrive.delivery.delivered_field"}},
    };
    for (const auto& [slot, what] : wanted) {
        const auto& [object, name, setting] = what;
        auto found = lookup(fields, object, *name, setting, log);
        if (!found) return found.status();
        *slot = std::move(*found);
    }
    return out;
}

std::string ExperienceFields::fingerprint() const {
    ContentFingerprint print;
    print.add(settings_.survey_kind == model::SurveyKind::nps ? "nps" : "csat");
    print.add(settings_.survey_object == RecordObject::deal ? "deal" : "person");
    for (const auto* field : {&score_, &date_, &promised_, &delivered_}) {
        print.add(*field ? (*field)->code + ":" + (*field)->type : "-");
    }
    return print.hex();
}

std::optional<model::SurveyResponse> ExperienceFields::survey(const json::value& item) const {
    if (!score_ || !date_) return std::nullopt;
    const auto score = score_of(item, *score_);
    const auto at = time_of(item, *date_, false);
    if (!score || !at) return std::nullopt;
    const bool nps = settings_.survey_kind == model::SurveyKind::nps;
    // Out of the kind's range (a CSAT field holding 0-10, a typo): not an answer on that scale.
    if (*score < (nps ? 0 : 1) || *score > (nps ? 10 : 5)) return std::nullopt;
    model::SurveyResponse r;
    r.kind = settings_.survey_kind;
    r.score = *score;
    r.at = *at;
    return r;
}

void ExperienceFields::add_from_deal(const json::value& item, const model::Deal& deal, ReadPage& page) const {
    if (settings_.survey_object == RecordObject::deal && score_ && date_) {
        if (auto r = survey(item)) {
            r->id = deal_survey_id(deal.id);
            r->deal_id = deal.id;
            page.records.survey_responses.push_back(std::move(*r));
        } else {
            page.removed.push_back(RemovedRecord{model::RecordType::survey_response, deal_survey_id(deal.id)});
        }
    }
    if (!promised_) return;
    const auto promised = deal.status == model::DealStatus::won ? time_of(item, *promised_, true) : std::nullopt;
    if (!promised) {
        page.removed.push_back(RemovedRecord{model::RecordType::delivery, delivery_id(deal.id)});
        return;
    }
    page.records.deliveries.push_back(
        {delivery_id(deal.id), deal.id, *promised, delivered_ ? time_of(item, *delivered_, false) : std::nullopt});
}

void ExperienceFields::add_from_person(const json::value& item, const std::string& person_id, ReadPage& page) const {
    if (settings_.survey_object != RecordObject::contact || !score_ || !date_) return;
    if (auto r = survey(item)) {
        r->id = person_survey_id(person_id);
        r->contact_id = person_id;
        page.records.survey_responses.push_back(std::move(*r));
    } else {
        page.removed.push_back(RemovedRecord{model::RecordType::survey_response, person_survey_id(person_id)});
    }
}

void ExperienceFields::remove_for_deal(const std::string& deal_id, ReadPage& page) const {
    if (settings_.survey_object == RecordObject::deal && score_ && date_) {
        page.removed.push_back(RemovedRecord{model::RecordType::survey_response, deal_survey_id(deal_id)});
    }
    if (promised_) page.removed.push_back(RemovedRecord{model::RecordType::delivery, delivery_id(deal_id)});
}

void ExperienceFields::remove_for_person(const std::string& person_id, ReadPage& page) const {
    if (settings_.survey_object == RecordObject::contact && score_ && date_) {
        page.removed.push_back(RemovedRecord{model::RecordType::survey_response, person_survey_id(person_id)});
    }
}

}  // namespace sellerscore::connectors::pipedrive
