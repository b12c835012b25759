#include "record_mapper.hpp"

#include <algorithm>
#include <cctype>

#include "salesforce_time.hpp"
#include "sobject_fields.hpp"

namespace sellerscore::connectors::salesforce {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool equals_any(const std::optional<std::string>& value, const std::vector<std::string>& options) {
    if (!value) return false;
    const std::string v = lower(*value);
    return std::any_of(options.begin(), options.end(), [&v](const std::string& o) { return lower(o) == v; });
}

// Salesforce's CallDisposition is free text set by the dialer; the usual values map to outcomes.
std::optional<model::Outcome> call_outcome(const std::optional<std::string>& disposition) {
    if (!disposition) return std::nullopt;
    const std::string d = lower(*disposition);
    if (d.find("voicemail") != std::string::npos) return model::Outcome::voicemail;
    if (d.find("no answer") != std::string::npos || d == "no_answer") return model::Outcome::no_answer;
    if (d.find("busy") != std::string::npos) return model::Outcome::busy;
    if (d.find("connected") != std::string::npos || d == "answered") return model::Outcome::connected;
    return std::nullopt;
}

}  // namespace

RecordMapper::RecordMapper(MappingOptions options, const StageCatalog& stages)
    : options_(std::move(options)), stages_(stages) {
    if (options_.visit_types.empty()) options_.visit_types = {"Visit", "In Person", "On Site"};
    if (options_.objection_markers.empty()) options_.objection_markers = {"objection", "#objection"};
}

model::Seller RecordMapper::seller(const boost::json::value& user) const {
    model::Seller seller;
    seller.id = id_at(user);
    seller.name = text_at(user, "Name").value_or("");
    seller.email = text_at(user, "Email").value_or("");
    seller.team = options_.team_field == TeamField::department ? text_at(user, "Department")
                                                               : text_at(user, "UserRole.Name");
    seller.active = field_at(user, "IsActive") == nullptr || flag_at(user, "IsActive");
    return seller;
}

Status RecordMapper::deal(const boost::json::value& opportunity, std::vector<boost::json::value> history,
                          const std::optional<std::string>& primary_contact, model::Dataset& out) const {
    model::Deal deal;
    deal.id = id_at(opportunity);
    deal.owner_id = id_at(opportunity, "OwnerId");
    deal.contact_id = text_at(opportunity, "ContactId");
    if (!deal.contact_id) deal.contact_id = primary_contact;
    deal.company_id = text_at(opportunity, "AccountId");
    const std::string record_type = id_at(opportunity, "RecordTypeId");
    deal.pipeline_id = stages_.pipeline_of(record_type);
    const std::string stage_name = text_at(opportunity, "StageName").value_or("");
    deal.stage_id = stages_.stage_id(record_type, stage_name);
    deal.created_at = instant_at(opportunity, "CreatedDate").value_or(0);
    deal.status = !flag_at(opportunity, "IsClosed") ? model::DealStatus::open
                  : flag_at(opportunity, "IsWon")   ? model::DealStatus::won
                                                    : model::DealStatus::lost;
    if (auto amount = number_at(opportunity, "Amount")) {
        const auto currency = text_at(opportunity, "CurrencyIsoCode");
        if (options_.converted_amounts || !currency || options_.fx_rates.empty()) {
            deal.amount = *amount;
        } else {
            const auto rate = options_.fx_rates.find(*currency);
            if (rate == options_.fx_rates.end()) {
                return Status::data("salesforce: Opportunity " + deal.id + ": amount in " + *currency +
                                    ", which has no rate in kpi.fx_rates");
            }
            deal.amount = *amount * rate->second;
        }
    }

    std::sort(history.begin(), history.end(), [](const auto& a, const auto& b) {
        const auto ta = instant_at(a, "CreatedDate").value_or(0), tb = instant_at(b, "CreatedDate").value_or(0);
        return ta != tb ? ta < tb : id_at(a) < id_at(b);
    });
    std::string previous;
    std::optional<model::Timestamp> entered_current;
    for (const auto& row : history) {
        const std::string name = text_at(row, "StageName").value_or("");
        if (name.empty() || name == previous) continue;
        previous = name;
        const model::Timestamp at = instant_at(row, "CreatedDate").value_or(deal.created_at);
        out.stage_changes.push_back({deal.id, stages_.stage_id(record_type, name), at});
        if (name == stage_name) entered_current = at;
        else entered_current.reset();
        if (equals_any(name, options_.proposal_stages)) {
            model::Activity proposal;
            proposal.id = "proposal:" + deal.id + ":" + std::to_string(at);
            proposal.owner_id = deal.owner_id;
            proposal.type = model::ActivityType::proposal;
            proposal.at = at;
            proposal.deal_id = deal.id;
            proposal.contact_id = deal.contact_id;
            out.activities.push_back(std::move(proposal));
        }
    }
    if (deal.status != model::DealStatus::open) {
        if (entered_current) deal.closed_at = *entered_current;
        else if (auto text = text_at(opportunity, "CloseDate")) deal.closed_at = parse_date(*text);
    }
    out.deals.push_back(std::move(deal));
    return Status::ok();
}

model::Contact RecordMapper::contact(const boost::json::value& record, const std::optional<LeadOrigin>& lead) const {
    model::Contact contact;
    contact.id = id_at(record);
    contact.owner_id = text_at(record, "OwnerId");
    contact.company_id = text_at(record, "AccountId");
    contact.created_at = lead ? lead->created_at : instant_at(record, "CreatedDate").value_or(0);
    contact.channel = lead && lead->channel ? lead->channel : text_at(record, "LeadSource");
    if (!options_.referral_field.empty()) contact.referred_by = text_at(record, options_.referral_field);
    return contact;
}

model::Contact RecordMapper::unconverted_lead(const boost::json::value& lead) const {
    model::Contact contact;
    contact.id = id_at(lead);
    contact.owner_id = text_at(lead, "OwnerId");
    contact.created_at = instant_at(lead, "CreatedDate").value_or(0);
    contact.channel = text_at(lead, "LeadSource");
    return contact;
}

bool RecordMapper::is_objection(const std::optional<std::string>& disposition,
                                const std::optional<std::string>& text) const {
    if (equals_any(disposition, options_.objection_markers)) return true;
    if (!text) return false;
    const std::string body = lower(*text);
    return std::any_of(options_.objection_markers.begin(), options_.objection_markers.end(), [&body](const auto& m) {
        return m.starts_with('#') && body.find(lower(m)) != std::string::npos;
    });
}

void RecordMapper::link(const boost::json::value& record, const std::map<std::string, std::string>& lead_contacts,
                        model::Activity& activity) const {
    const std::string who = id_at(record, "WhoId");
    if (key_prefix(who) == "003") {
        activity.contact_id = who;
    } else if (key_prefix(who) == "00Q") {
        const auto converted = lead_contacts.find(who);
        activity.contact_id = converted == lead_contacts.end() ? who : converted->second;
    }
    const std::string what = id_at(record, "WhatId");
    if (key_prefix(what) == "006") activity.deal_id = what;
}

std::optional<model::Activity> RecordMapper::task(const boost::json::value& record, const std::optional<EmailFacts>& email,
                                                  const std::map<std::string, std::string>& lead_contacts) const {
    model::Activity activity;
    activity.id = id_at(record);
    activity.owner_id = id_at(record, "OwnerId");
    activity.at = instant_at(record, "CompletedDateTime").value_or(instant_at(record, "CreatedDate").value_or(0));
    const std::string subtype = text_at(record, "TaskSubtype").value_or("Task");
    const std::string type = lower(text_at(record, "Type").value_or(""));
    const auto disposition = text_at(record, "CallDisposition");
    const auto description = text_at(record, "Description");
    if (subtype == "Call" || type == "call") {
        activity.type = model::ActivityType::call;
        activity.direction = text_at(record, "CallType") == std::optional<std::string>("Inbound")
                                 ? model::Direction::inbound
                                 : model::Direction::outbound;
        activity.duration_s = number_at(record, "CallDurationInSeconds");
        activity.outcome = call_outcome(disposition);
    } else if (subtype == "Email" || type == "email") {
        activity.type = model::ActivityType::email;
        if (email) {
            activity.direction = email->incoming ? model::Direction::inbound : model::Direction::outbound;
            activity.opened = email->opened;
        }
    } else if (type == "proposal" || type == "quote") {
        activity.type = model::ActivityType::proposal;
    } else if (type == "note") {
        activity.type = model::ActivityType::note;
    } else if (type == "meeting") {
        activity.type = model::ActivityType::meeting;
    } else {
        activity.type = model::ActivityType::task;
        if (text_at(record, "Status") == std::optional<std::string>("Completed")) {
            activity.outcome = model::Outcome::completed;
        }
    }
    activity.objection = is_objection(disposition, description);
    link(record, lead_contacts, activity);
    return activity;
}

model::Activity RecordMapper::event(const boost::json::value& record,
                                    const std::map<std::string, std::string>& lead_contacts) const {
    model::Activity activity;
    activity.id = id_at(record);
    activity.owner_id = id_at(record, "OwnerId");
    activity.at = instant_at(record, "StartDateTime").value_or(instant_at(record, "ActivityDateTime").value_or(0));
    const bool visit = options_.visit_rule == VisitRule::location ? text_at(record, "Location").has_value()
                                                                  : equals_any(text_at(record, "Type"), options_.visit_types);
    activity.type = visit ? model::ActivityType::visit : model::ActivityType::meeting;
    if (auto minutes = number_at(record, "DurationInMinutes")) {
        activity.duration_s = *minutes * 60.0;
    } else if (auto end = instant_at(record, "EndDateTime")) {
        activity.duration_s = static_cast<double>(*end - activity.at) / 1000.0;
    }
    activity.objection = is_objection(std::nullopt, text_at(record, "Description"));
    link(record, lead_contacts, activity);
    return activity;
}

}  // namespace sellerscore::connectors::salesforce
