// Salesforce records -> the model of KPIS.md §1.
//
// - User -> seller; team from Department or UserRole.Name (`salesforce.team_field`).
// - Opportunity + its OpportunityHistory rows -> deal + stage changes. A history row is written for
//   every change of stage, amount, probability or close date; a stage change is a row whose StageName
//   differs from the row before it (the first row is the deal entering its first stage). The close
//   instant is the CreatedDate of the row that moved the deal into its closed stage, since CloseDate
//   is a date only (CloseDate at 00:00 UTC when the history has no such row).
// - Contact, Lead -> contacts. A converted lead and its contact are one person, keyed by the
//   contact's id, with the lead's CreatedDate and LeadSource; an unconverted lead is a contact of its own.
// - Task -> call (TaskSubtype Call; CallType, CallDurationInSeconds, CallDisposition), email
//   (TaskSubtype Email; opened from its EmailMessage), proposal / note / task by Type; Event -> meeting,
//   or visit by the visit rule. WhoId (contact or lead) and WhatId (opportunity) link them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "plugin/model/records.hpp"
#include "plugin/model/status.hpp"
#include "stage_catalog.hpp"

namespace sellerscore::connectors::salesforce {

enum class TeamField { department, user_role };
enum class VisitRule { event_type, location };  // Event.Type in visit_types, or any Event with a Location

struct MappingOptions {
    TeamField team_field = TeamField::department;
    VisitRule visit_rule = VisitRule::event_type;
    std::vector<std::string> visit_types;        // empty = {"Visit", "In Person", "On Site"}
    std::vector<std::string> proposal_stages;    // stage names: entering one is a proposal sent
    std::vector<std::string> objection_markers;  // empty = {"objection", "#objection"}
    std::map<std::string, double> fx_rates;      // used when the org is not multi-currency-converted
    std::string referral_field;                  // Contact field holding the referring contact's id; "" = none
    bool converted_amounts = false;              // Amount was read as convertCurrency(Amount)
};

// An email Task's EmailMessage (Enhanced Email): its direction and whether it was opened.
struct EmailFacts {
    bool incoming = false;
    bool opened = false;
};

// What a converted lead contributes to its contact.
struct LeadOrigin {
    model::Timestamp created_at = 0;
    std::optional<std::string> channel;
};

class RecordMapper {
public:
    RecordMapper(MappingOptions options, const StageCatalog& stages);

    model::Seller seller(const boost::json::value& user) const;

    // The deal and its stage changes (history rows of this deal in any order). A deal in a currency
    // without a rate is a data error naming it.
    Status deal(const boost::json::value& opportunity, std::vector<boost::json::value> history,
                const std::optional<std::string>& primary_contact, model::Dataset& out) const;

    model::Contact contact(const boost::json::value& contact, const std::optional<LeadOrigin>& lead) const;
    model::Contact unconverted_lead(const boost::json::value& lead) const;

    // lead_contacts: converted lead id -> its contact id (a Task on a converted lead counts for the person).
    // email: the Task's EmailMessage, when the org has Enhanced Email and one exists.
    std::optional<model::Activity> task(const boost::json::value& task, const std::optional<EmailFacts>& email,
                                        const std::map<std::string, std::string>& lead_contacts) const;
    model::Activity event(const boost::json::value& event, const std::map<std::string, std::string>& lead_contacts) const;

private:
    bool is_objection(const std::optional<std::string>& disposition, const std::optional<std::string>& text) const;
    void link(const boost::json::value& record, const std::map<std::string, std::string>& lead_contacts,
              model::Activity& activity) const;

    MappingOptions options_;
    const StageCatalog& stages_;
};

}  // namespace sellerscore::connectors::salesforce
