// The customer-experience records a Salesforce org holds in fields an admin names: one survey
// response per Opportunity or Contact from a score field and a date/datetime field
// (salesforce.survey.*), one delivery per won Opportunity from a promised and a delivered
// date/datetime field (salesforce.delivery.*). Where the org has Feedback Management with an NPS or
// CSAT question (feedback_surveys.hpp), survey responses come from there and the survey fields are
// not read. With neither source, install and every sync say so in one warning line.
// A named field the org does not have (or the integration user cannot read) is found by one probe
// query per object and left out, with its pair, after one warning line naming its setting.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "connectors/connector.hpp"
#include "connectors/http/http_client.hpp"
#include "plugin/model/records.hpp"

namespace sellerscore::connectors::salesforce {

class SalesforceApi;

struct ExperienceSettings {
    std::string survey_score_field;  // API names, e.g. CSAT_Score__c; empty: no survey responses
    std::string survey_date_field;
    model::SurveyKind survey_kind = model::SurveyKind::csat;
    bool survey_on_contact = false;  // Contact fields instead of Opportunity fields
    std::string delivery_promised_field;  // Opportunity fields; empty: no deliveries
    std::string delivery_delivered_field;
};

class ExperienceFields {
public:
    explicit ExperienceFields(ExperienceSettings settings) : settings_(std::move(settings)) {}

    // One query per object with named fields (SELECT Id, <fields> ... LIMIT 1); a field Salesforce
    // answers INVALID_FIELD for is dropped with its pair and one warning line. Other failures fail.
    // `feedback_surveys`: the org's survey responses come from Feedback Management, so the survey
    // fields are dropped (one info line when some were named).
    Status probe(SalesforceApi& api, const http::LogSink& log, bool feedback_surveys = false);

    // ", A, B": the named fields of `object` ("Opportunity" or "Contact") to select; "" when none.
    std::string select(std::string_view object) const;

    // The delivery and survey response an Opportunity row describes; in an incremental read, the
    // removal of those its cleared fields no longer describe.
    void add_from_opportunity(const boost::json::value& row, const model::Deal& deal, bool incremental,
                              ReadPage& page) const;
    void add_from_contact(const boost::json::value& row, const std::string& contact_id, bool incremental,
                          ReadPage& page) const;
    // What a deleted Opportunity or Contact takes with it.
    void remove_for(model::RecordType type, const std::string& id, ReadPage& page) const;

    // The settings as probe() left them: the fields the org lacks, or Feedback Management replaces, cleared.
    const ExperienceSettings& settings() const { return settings_; }

    static std::string survey_id(std::string_view record_id) { return "sf-survey:" + std::string(record_id); }
    static std::string delivery_id(std::string_view opportunity_id) { return "sf-delivery:" + std::string(opportunity_id); }

private:
    bool surveys() const { return !settings_.survey_score_field.empty() && !settings_.survey_date_field.empty(); }
    bool deliveries() const {
        return !settings_.delivery_promised_field.empty() && !settings_.delivery_delivered_field.empty();
    }
    void add_survey(const boost::json::value& row, const std::string& id, bool incremental, ReadPage& page,
                    bool on_contact) const;

    ExperienceSettings settings_;
};

}  // namespace sellerscore::connectors::salesforce
