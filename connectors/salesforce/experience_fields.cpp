#include "experience_fields.hpp"

#include <cmath>
#include <cstdlib>
#include <optional>

#include <boost/json.hpp>

#include "salesforce_api.hpp"
#include "salesforce_time.hpp"
#include "sobject_fields.hpp"

namespace sellerscore::connectors::salesforce {

namespace json = boost::json;

namespace {

// A Date field reads "2026-03-10", a DateTime field "2026-03-10T12:00:00.000+0000". A promised day
// means by its end, so a promised Date reads as the day's last millisecond.
std::optional<model::Timestamp> time_at(const json::value& row, const std::string& field, bool end_of_day) {
    const auto text = text_at(row, field);
    if (!text) return std::nullopt;
    if (const auto day = parse_date(*text); day && text->size() == 10) {
        return end_of_day ? *day + model::ms_per_day - 1 : *day;
    }
    return parse_instant(*text);
}

// A whole number, from a Number field or a Text/Picklist field holding one ("4").
std::optional<int> score_at(const json::value& row, const std::string& field) {
    double number = 0;
    if (const auto n = number_at(row, field)) {
        number = *n;
    } else if (const auto text = text_at(row, field)) {
        char* end = nullptr;
        number = std::strtod(text->c_str(), &end);
        if (end != text->c_str() + text->size()) return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (!std::isfinite(number) || number != std::floor(number) || std::fabs(number) > 1000) return std::nullopt;
    return static_cast<int>(number);
}

bool names_field(const Status& failure, const std::string& field) {
    return failure.message().find("INVALID_FIELD") != std::string::npos && !field.empty() &&
           failure.message().find(field) != std::string::npos;
}

}  // namespace

Status ExperienceFields::probe(SalesforceApi& api, const http::LogSink& log, bool feedback_surveys) {
    struct Named {
        std::string* field;
        const char* setting;
        std::string* pair;
        const char* what;
    };
    if (feedback_surveys && surveys()) {
        if (log) {
            log(http::LogLevel::info, "salesforce: survey responses are read from Feedback Management; the fields "
                                      "salesforce.survey.score_field and salesforce.survey.date_field name are not read");
        }
        settings_.survey_score_field.clear();
        settings_.survey_date_field.clear();
    } else if (!feedback_surveys && !surveys() && log) {
        // csat and nps have no source at all: said once per install and per sync.
        log(http::LogLevel::warn, "salesforce: no Feedback Management NPS or CSAT question and no survey fields named "
                                  "(salesforce.survey.score_field, salesforce.survey.date_field): csat and nps are read "
                                  "without survey responses");
    }
    for (const char* object : {"Opportunity", "Contact"}) {
        // Each failure drops a field, so this ends after at most four queries per object.
        for (;;) {
            const std::string fields = select(object);
            if (fields.empty()) break;
            Status st = api.query("SELECT Id" + fields + " FROM " + object + " LIMIT 1",
                                  [](const json::array&) { return Status::ok(); });
            if (st) break;
            const Named named[] = {
                {&settings_.survey_score_field, "salesforce.survey.score_field", &settings_.survey_date_field,
                 "survey responses"},
                {&settings_.survey_date_field, "salesforce.survey.date_field", &settings_.survey_score_field,
                 "survey responses"},
                {&settings_.delivery_promised_field, "salesforce.delivery.promised_field",
                 &settings_.delivery_delivered_field, "deliveries"},
                {&settings_.delivery_delivered_field, "salesforce.delivery.delivered_field",
                 &settings_.delivery_promised_field, "deliveries"},
            };
            bool dropped = false;
            for (const Named& n : named) {
                if (!names_field(st, *n.field)) continue;
                if (log) {
                    log(http::LogLevel::warn, std::string("salesforce: ") + n.setting + " names " + object + " field '" +
                                                  *n.field + "', which the org does not have (or the integration user "
                                                  "cannot read): " + n.what + " are not read");
                }
                n.field->clear();
                n.pair->clear();
                dropped = true;
                break;
            }
            if (!dropped) return st;
        }
    }
    return Status::ok();
}

std::string ExperienceFields::select(std::string_view object) const {
    std::string out;
    if (surveys() && (object == "Contact") == settings_.survey_on_contact) {
        out += ", " + settings_.survey_score_field + ", " + settings_.survey_date_field;
    }
    if (deliveries() && object == "Opportunity") {
        out += ", " + settings_.delivery_promised_field + ", " + settings_.delivery_delivered_field;
    }
    return out;
}

void ExperienceFields::add_survey(const json::value& row, const std::string& id, bool incremental, ReadPage& page,
                                  bool on_contact) const {
    const auto score = score_at(row, settings_.survey_score_field);
    const auto at = time_at(row, settings_.survey_date_field, false);
    const bool nps = settings_.survey_kind == model::SurveyKind::nps;
    // A score off the kind's scale (a CSAT field holding 0-10) is not an answer on that scale.
    if (!score || !at || *score < (nps ? 0 : 1) || *score > (nps ? 10 : 5)) {
        if (incremental) page.removed.push_back({model::RecordType::survey_response, survey_id(id)});
        return;
    }
    model::SurveyResponse r;
    r.id = survey_id(id);
    r.kind = settings_.survey_kind;
    r.score = *score;
    r.at = *at;
    if (on_contact) {
        r.contact_id = id;
    } else {
        r.deal_id = id;
    }
    page.records.survey_responses.push_back(std::move(r));
}

void ExperienceFields::add_from_opportunity(const json::value& row, const model::Deal& deal, bool incremental,
                                            ReadPage& page) const {
    if (surveys() && !settings_.survey_on_contact) add_survey(row, deal.id, incremental, page, false);
    if (!deliveries()) return;
    const auto promised = deal.status == model::DealStatus::won
                              ? time_at(row, settings_.delivery_promised_field, true)
                              : std::nullopt;
    if (!promised) {
        if (incremental) page.removed.push_back({model::RecordType::delivery, delivery_id(deal.id)});
        return;
    }
    page.records.deliveries.push_back(
        {delivery_id(deal.id), deal.id, *promised, time_at(row, settings_.delivery_delivered_field, false)});
}

void ExperienceFields::add_from_contact(const json::value& row, const std::string& contact_id, bool incremental,
                                        ReadPage& page) const {
    if (surveys() && settings_.survey_on_contact) add_survey(row, contact_id, incremental, page, true);
}

void ExperienceFields::remove_for(model::RecordType type, const std::string& id, ReadPage& page) const {
    if (type == model::RecordType::deal) {
        if (surveys() && !settings_.survey_on_contact) page.removed.push_back({model::RecordType::survey_response, survey_id(id)});
        if (deliveries()) page.removed.push_back({model::RecordType::delivery, delivery_id(id)});
    } else if (type == model::RecordType::contact && surveys() && settings_.survey_on_contact) {
        page.removed.push_back({model::RecordType::survey_response, survey_id(id)});
    }
}

}  // namespace sellerscore::connectors::salesforce
