// The customer-experience records Pipedrive can only hold in fields an admin names (it has no survey
// or delivery object): one survey response per deal or person from a score field and a date field
// (pipedrive.survey.*), one delivery per won deal from a promised and a delivered date field
// (pipedrive.delivery.*). Named fields are looked up by name like the channel field; one the company
// does not have is left out with one warning line naming its setting.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "connectors/connector.hpp"
#include "connectors/http/http_client.hpp"
#include "custom_field.hpp"
#include "field_directory.hpp"
#include "plugin/model/records.hpp"

namespace sellerscore::connectors::pipedrive {

struct ExperienceSettings {
    std::string survey_score_field;  // empty: no survey responses
    std::string survey_date_field;
    model::SurveyKind survey_kind = model::SurveyKind::csat;
    RecordObject survey_object = RecordObject::deal;  // deal or contact (a Pipedrive person)
    std::string delivery_promised_field;  // empty: no deliveries
    std::string delivery_delivered_field;
};

class ExperienceFields {
public:
    // The named fields as the company has them; one warning per named field it does not have.
    static Result<ExperienceFields> resolve(FieldDirectory& fields, const ExperienceSettings& settings,
                                            const http::LogSink& log);

    // Changes when a named field's code or type does: the deals and persons must be read again.
    std::string fingerprint() const;

    // The survey response and delivery a deal's fields describe, or their removal when its fields
    // are empty (a cleared value is a withdrawn answer or promise).
    void add_from_deal(const boost::json::value& item, const model::Deal& deal, ReadPage& page) const;
    void add_from_person(const boost::json::value& item, const std::string& person_id, ReadPage& page) const;
    // What a deleted deal or person takes with it.
    void remove_for_deal(const std::string& deal_id, ReadPage& page) const;
    void remove_for_person(const std::string& person_id, ReadPage& page) const;

    static std::string deal_survey_id(std::string_view deal_id) { return "deal-survey:" + std::string(deal_id); }
    static std::string person_survey_id(std::string_view person_id) { return "person-survey:" + std::string(person_id); }
    static std::string delivery_id(std::string_view deal_id) { return "deal-delivery:" + std::string(deal_id); }

private:
    std::optional<model::SurveyResponse> survey(const boost::json::value& item) const;

    ExperienceSettings settings_;
    std::optional<CustomField> score_, date_, promised_, delivered_;
};

}  // namespace sellerscore::connectors::pipedrive
