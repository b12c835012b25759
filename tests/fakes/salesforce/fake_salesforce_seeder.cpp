#include "fake_salesforce_seeder.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "fake_salesforce_time.hpp"
#include "plugin/model/timestamp_format.hpp"

namespace sellerscore::fakes {
namespace {

constexpr const char* objection_text = "The prospect pushed back on the price #objection";
constexpr std::int64_t lead_conversion_delay_ms = 3'600'000;
constexpr double default_event_minutes = 60;

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

const char* disposition_of(model::Outcome outcome) {
    switch (outcome) {
        case model::Outcome::connected: return "Connected";
        case model::Outcome::no_answer: return "No Answer";
        case model::Outcome::busy: return "Busy";
        case model::Outcome::voicemail: return "Left Voicemail";
        default: return nullptr;
    }
}

double cents(double amount) { return std::round(amount * 100.0) / 100.0; }

struct SeenStage {
    std::string name;
    int order = 0;
    model::StageKind kind = model::StageKind::open;
    double probability_percent = 0;
};

class Seeder {
public:
    Seeder(SfOrg& org, const FakeSalesforceOptions& options, std::string integration_user)
        : org_(org), options_(options), integration_user_(std::move(integration_user)) {}

    model::Dataset run(const model::Dataset& source) {
        seed_users(source);
        seed_stages(source);
        seed_accounts(source);
        seed_contacts(source);
        seed_deals(source);
        seed_activities(source);
        if (options_.feedback_management) seed_feedback_management(source);
        if (options_.experience_fields) seed_experience_fields(source);
        return std::move(result_);
    }

private:
    SfObject& object(const char* name) { return *org_.object(name); }

    // Sets text, skipping empty optionals.
    void put(SfObject& type, SfRecord& record, const char* field, SfValue value) { org_.set(type, record, field, std::move(value)); }

    std::string owner_of(const std::optional<std::string>& model_id) const {
        if (!model_id) return integration_user_;
        const auto found = users_.find(*model_id);
        return found == users_.end() ? integration_user_ : found->second;
    }

    void seed_users(const model::Dataset& source) {
        SfObject& users = object("User");
        SfObject& roles = object("UserRole");
        std::unordered_map<std::string, std::string> role_ids;
        // The integration user is a User like any other: a reader sees it among the sellers.
        {
            const SfRecord& integration = *users.find(integration_user_);
            model::Seller seen;
            seen.id = integration_user_;
            seen.name = integration.at(*users.slot_of("Name")).text;
            seen.email = integration.at(*users.slot_of("Email")).text;
            seen.active = true;
            result_.sellers.push_back(std::move(seen));
        }
        for (const model::Seller& seller : source.sellers) {
            std::optional<std::string> role;
            if (seller.team) {
                auto [entry, inserted] = role_ids.try_emplace(*seller.team);
                if (inserted) {
                    SfRecord& r = org_.create(roles, org_.now_ms());
                    entry->second = r.id;
                    put(roles, r, "Name", SfValue::of_text(*seller.team));
                }
                role = entry->second;
            }
            // Salesforce composes Name from FirstName and LastName (LastName is required).
            const std::string full = trimmed(seller.name);
            const std::size_t space = full.find(' ');
            const std::string first = space == std::string::npos ? "" : full.substr(0, space);
            const std::string last = space == std::string::npos ? full : trimmed(full.substr(space + 1));
            const std::string name = first.empty() ? last : first + " " + last;
            SfRecord& user = org_.create(users, org_.now_ms());
            users_[seller.id] = user.id;
            if (!first.empty()) put(users, user, "FirstName", SfValue::of_text(first));
            put(users, user, "LastName", SfValue::of_text(last));
            put(users, user, "Name", SfValue::of_text(name));
            put(users, user, "Email", SfValue::of_text(seller.email));
            put(users, user, "Username", SfValue::of_text(seller.email));
            put(users, user, "IsActive", SfValue::of_bool(seller.active));
            put(users, user, "UserType", SfValue::of_text("Standard"));
            if (seller.team) put(users, user, "Department", SfValue::of_text(*seller.team));
            if (role) put(users, user, "UserRoleId", SfValue::of_text(*role));

            model::Seller seen;
            seen.id = user.id;
            seen.name = name;
            seen.email = seller.email;
            seen.team = seller.team;
            seen.active = seller.active;
            result_.sellers.push_back(std::move(seen));
        }
    }

    void seed_stages(const model::Dataset& source) {
        SfObject& stages = object("OpportunityStage");
        SfObject& processes = object("BusinessProcess");
        SfObject& record_types = object("RecordType");
        std::vector<SeenStage> seen_stages;
        for (const model::Stage& stage : source.stages) {
            stage_names_[stage.id] = stage.name;
            if (stage.kind == model::StageKind::open) {
                auto [first, inserted] = first_open_order_.try_emplace(stage.pipeline_id, stage.order);
                if (inserted || stage.order < first->second) {
                    first->second = stage.order;
                    first_open_stage_[stage.pipeline_id] = stage.name;
                }
            }
            if (!pipeline_processes_.contains(stage.pipeline_id)) {
                SfRecord& process = org_.create(processes, org_.now_ms());
                const std::string process_id = process.id;
                put(processes, process, "Name", SfValue::of_text("Pipeline " + stage.pipeline_id));
                put(processes, process, "TableEnumOrId", SfValue::of_text("Opportunity"));
                put(processes, process, "IsActive", SfValue::of_bool(true));
                SfRecord& type = org_.create(record_types, org_.now_ms());
                put(record_types, type, "Name", SfValue::of_text("Pipeline " + stage.pipeline_id));
                put(record_types, type, "DeveloperName", SfValue::of_text("Pipeline_" + std::to_string(pipeline_order_.size() + 1)));
                put(record_types, type, "SobjectType", SfValue::of_text("Opportunity"));
                put(record_types, type, "IsActive", SfValue::of_bool(true));
                put(record_types, type, "BusinessProcessId", SfValue::of_text(process_id));
                pipeline_processes_[stage.pipeline_id] = process_id;
                pipeline_record_types_[stage.pipeline_id] = type.id;
                pipeline_order_.push_back(process_id);
            }
            if (stage_kinds_.contains(stage.name)) continue;  // one OpportunityStage per name: the first definition wins
            // Salesforce keeps a won stage at 100 % and a lost one at 0 % unless an admin says otherwise; the model's value is kept.
            const double percent = stage.probability.value_or(0.0) * 100.0;
            SfRecord& row = org_.create(stages, org_.now_ms());
            put(stages, row, "MasterLabel", SfValue::of_text(stage.name));
            put(stages, row, "ApiName", SfValue::of_text(stage.name));
            put(stages, row, "SortOrder", SfValue::of_number(stage.order));
            put(stages, row, "IsClosed", SfValue::of_bool(stage.kind != model::StageKind::open));
            put(stages, row, "IsWon", SfValue::of_bool(stage.kind == model::StageKind::won));
            put(stages, row, "IsActive", SfValue::of_bool(true));
            put(stages, row, "DefaultProbability", SfValue::of_number(percent));
            put(stages, row, "ForecastCategoryName",
                SfValue::of_text(stage.kind == model::StageKind::won ? "Closed" : (stage.kind == model::StageKind::lost ? "Omitted" : "Pipeline")));
            stage_kinds_[stage.name] = stage.kind;
            seen_stages.push_back({stage.name, stage.order, stage.kind, percent});
        }
        for (const std::string& process : pipeline_order_) {
            for (const SeenStage& stage : seen_stages) {
                model::Stage seen;
                seen.id = reader_stage_id(process, stage.name);
                seen.pipeline_id = process;
                seen.name = stage.name;
                seen.order = stage.order;
                seen.kind = stage.kind;
                seen.probability = stage.probability_percent / 100.0;
                result_.stages.push_back(std::move(seen));
            }
        }
    }

    std::string reader_stage_id(const std::string& process, const std::string& name) const {
        return pipeline_order_.size() > 1 ? process + ":" + name : name;
    }

    void seed_accounts(const model::Dataset& source) {
        SfObject& accounts = object("Account");
        auto add = [&](const std::optional<std::string>& company, model::Timestamp created, const std::optional<std::string>& owner) {
            if (!company || accounts_.contains(*company)) return;
            SfRecord& account = org_.create(accounts, created);
            accounts_[*company] = account.id;
            put(accounts, account, "Name", SfValue::of_text("Company " + *company));
            put(accounts, account, "OwnerId", SfValue::of_text(owner_of(owner)));
        };
        for (const model::Contact& contact : source.contacts) add(contact.company_id, contact.created_at, contact.owner_id);
        for (const model::Deal& deal : source.deals) add(deal.company_id, deal.created_at, deal.owner_id);
    }

    std::optional<std::string> account_of(const std::optional<std::string>& company) const {
        if (!company) return std::nullopt;
        const auto found = accounts_.find(*company);
        return found == accounts_.end() ? std::nullopt : std::optional<std::string>(found->second);
    }

    void seed_contacts(const model::Dataset& source) {
        SfObject& contacts = object("Contact");
        SfObject& leads = object("Lead");
        if (!contacts.slot_of("Referred_By__c")) {
            SfField referral;
            referral.name = "Referred_By__c";
            referral.type = SfFieldType::reference;
            referral.custom = true;
            referral.reference_to = "Contact";
            referral.relationship_name = "Referred_By__r";
            contacts.add_field(std::move(referral));
        }
        for (std::size_t i = 0; i < source.contacts.size(); ++i) {
            const model::Contact& contact = source.contacts[i];
            const bool from_lead = i % 2 == 0;
            SfRecord& record = org_.create(contacts, contact.created_at + (from_lead ? lead_conversion_delay_ms : 0));
            const std::string id = record.id;
            contacts_[contact.id] = id;
            put(contacts, record, "LastName", SfValue::of_text("Contact " + contact.id));
            put(contacts, record, "OwnerId", SfValue::of_text(owner_of(contact.owner_id)));
            if (auto account = account_of(contact.company_id)) put(contacts, record, "AccountId", SfValue::of_text(*account));
            // Lead conversion copies LeadSource onto the contact.
            if (contact.channel) put(contacts, record, "LeadSource", SfValue::of_text(*contact.channel));
            if (from_lead) {
                SfRecord& lead = org_.create(leads, contact.created_at);
                put(leads, lead, "LastName", SfValue::of_text("Contact " + contact.id));
                put(leads, lead, "Company", SfValue::of_text(contact.company_id ? "Company " + *contact.company_id : "[not provided]"));
                put(leads, lead, "OwnerId", SfValue::of_text(owner_of(contact.owner_id)));
                if (contact.channel) put(leads, lead, "LeadSource", SfValue::of_text(*contact.channel));
                put(leads, lead, "Status", SfValue::of_text("Closed - Converted"));
                put(leads, lead, "IsConverted", SfValue::of_bool(true));
                put(leads, lead, "ConvertedContactId", SfValue::of_text(id));
                if (auto account = account_of(contact.company_id)) put(leads, lead, "ConvertedAccountId", SfValue::of_text(*account));
                put(leads, lead, "ConvertedDate", SfValue::of_date(model::utc_day_number(contact.created_at + lead_conversion_delay_ms) *
                                                                   model::ms_per_day));
            }
            model::Contact seen;
            seen.id = id;
            seen.owner_id = owner_of(contact.owner_id);
            seen.created_at = contact.created_at;
            seen.channel = contact.channel;
            seen.company_id = account_of(contact.company_id);
            result_.contacts.push_back(std::move(seen));
        }
        const std::size_t referral = *contacts.slot_of("Referred_By__c");
        for (std::size_t i = 0; i < source.contacts.size(); ++i) {
            const auto& referrer = source.contacts[i].referred_by;
            if (!referrer || !contacts_.contains(*referrer)) continue;
            contacts.set(*contacts.find(result_.contacts[i].id), referral, SfValue::of_text(contacts_.at(*referrer)));
            result_.contacts[i].referred_by = contacts_.at(*referrer);
        }
    }

    void seed_deals(const model::Dataset& source) {
        SfObject& opportunities = object("Opportunity");
        SfObject& history = object("OpportunityHistory");
        SfObject& roles = object("OpportunityContactRole");
        std::unordered_map<std::string, std::vector<const model::StageChange*>> changes;
        for (const model::StageChange& change : source.stage_changes) changes[change.deal_id].push_back(&change);
        const bool euro = options_.multi_currency && options_.conversion_rates.contains("EUR");

        for (std::size_t i = 0; i < source.deals.size(); ++i) {
            const model::Deal& deal = source.deals[i];
            const std::string stage = stage_names_.contains(deal.stage_id) ? stage_names_.at(deal.stage_id) : deal.stage_id;
            const model::StageKind kind = stage_kinds_.contains(stage) ? stage_kinds_.at(stage) : model::StageKind::open;
            const std::string process = pipeline_processes_.contains(deal.pipeline_id) ? pipeline_processes_.at(deal.pipeline_id) : "";
            SfRecord& record = org_.create(opportunities, deal.created_at);
            const std::string id = record.id;
            deals_[deal.id] = id;
            put(opportunities, record, "Name", SfValue::of_text("Deal " + deal.id));
            put(opportunities, record, "OwnerId", SfValue::of_text(owner_of(deal.owner_id)));
            if (auto account = account_of(deal.company_id)) put(opportunities, record, "AccountId", SfValue::of_text(*account));
            const std::optional<std::string> contact =
                deal.contact_id && contacts_.contains(*deal.contact_id) ? std::optional<std::string>(contacts_.at(*deal.contact_id)) : std::nullopt;
            if (contact) put(opportunities, record, "ContactId", SfValue::of_text(*contact));
            std::optional<double> amount;
            if (deal.amount) {
                amount = cents(*deal.amount);
                const bool in_euro = euro && i % 2 == 1;
                put(opportunities, record, "Amount", SfValue::of_number(in_euro ? cents(*amount * options_.conversion_rates.at("EUR")) : *amount));
                if (options_.multi_currency)
                    put(opportunities, record, "CurrencyIsoCode", SfValue::of_text(in_euro ? "EUR" : options_.corporate_currency));
            }
            put(opportunities, record, "StageName", SfValue::of_text(stage));
            put(opportunities, record, "IsClosed", SfValue::of_bool(kind != model::StageKind::open));
            put(opportunities, record, "IsWon", SfValue::of_bool(kind == model::StageKind::won));
            const model::Timestamp close = deal.closed_at.value_or(deal.created_at + 30 * model::ms_per_day);
            put(opportunities, record, "CloseDate", SfValue::of_date(model::utc_day_number(close) * model::ms_per_day));
            if (pipeline_record_types_.contains(deal.pipeline_id))
                put(opportunities, record, "RecordTypeId", SfValue::of_text(pipeline_record_types_.at(deal.pipeline_id)));
            if (contact) {
                SfRecord& role = org_.create(roles, deal.created_at);
                put(roles, role, "OpportunityId", SfValue::of_text(id));
                put(roles, role, "ContactId", SfValue::of_text(*contact));
                put(roles, role, "IsPrimary", SfValue::of_bool(true));
                put(roles, role, "Role", SfValue::of_text("Decision Maker"));
            }

            // OpportunityHistory: the model's changes in time order (stable for equal instants).
            std::vector<const model::StageChange*> rows = changes[deal.id];
            std::stable_sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) { return a->entered_at < b->entered_at; });
            std::vector<std::pair<std::string, model::Timestamp>> entries;
            for (const model::StageChange* change : rows)
                entries.emplace_back(stage_names_.contains(change->stage_id) ? stage_names_.at(change->stage_id) : change->stage_id,
                                     change->entered_at);
            if (entries.empty()) {
                // Salesforce writes a history row when the opportunity is created; a deal the model only
                // knows as closed was created in its pipeline's first open stage and closed at closed_at.
                const auto first_open = first_open_stage_.find(deal.pipeline_id);
                if (kind != model::StageKind::open && first_open != first_open_stage_.end())
                    entries.emplace_back(first_open->second, deal.created_at);
                else
                    entries.emplace_back(stage, deal.created_at);
            }
            if (entries.back().first != stage)
                entries.emplace_back(stage, std::max(deal.closed_at.value_or(entries.back().second), entries.back().second));
            std::optional<model::Timestamp> entered_current;
            for (const auto& [name, at] : entries) {
                SfRecord& row = org_.create(history, at);
                put(history, row, "OpportunityId", SfValue::of_text(id));
                put(history, row, "StageName", SfValue::of_text(name));
                if (amount) put(history, row, "Amount", SfValue::of_number(*amount));
                result_.stage_changes.push_back({id, reader_stage_id(process, name), at});
                entered_current = name == stage ? std::optional<model::Timestamp>(entered_current.value_or(at)) : std::nullopt;
            }

            model::Deal seen;
            seen.id = id;
            seen.owner_id = owner_of(deal.owner_id);
            seen.contact_id = contact;
            seen.company_id = account_of(deal.company_id);
            seen.pipeline_id = process.empty() ? "default" : process;
            seen.stage_id = reader_stage_id(process, stage);
            seen.amount = amount;
            seen.created_at = deal.created_at;
            seen.status = kind == model::StageKind::won ? model::DealStatus::won
                          : kind == model::StageKind::lost ? model::DealStatus::lost
                                                           : model::DealStatus::open;
            if (kind != model::StageKind::open) seen.closed_at = entered_current;
            result_.deals.push_back(std::move(seen));
        }
    }

    void seed_activities(const model::Dataset& source) {
        SfObject& tasks = object("Task");
        SfObject& events = object("Event");
        SfObject* emails = org_.object("EmailMessage");
        for (const model::Activity& activity : source.activities) {
            model::Activity seen;
            seen.owner_id = owner_of(activity.owner_id);
            seen.type = activity.type;
            seen.at = activity.at;
            seen.objection = activity.objection;
            seen.contact_id = activity.contact_id && contacts_.contains(*activity.contact_id)
                                  ? std::optional<std::string>(contacts_.at(*activity.contact_id)) : std::nullopt;
            seen.deal_id = activity.deal_id && deals_.contains(*activity.deal_id)
                               ? std::optional<std::string>(deals_.at(*activity.deal_id)) : std::nullopt;
            const bool is_event = activity.type == model::ActivityType::meeting || activity.type == model::ActivityType::visit;
            SfObject& type = is_event ? events : tasks;
            SfRecord& record = org_.create(type, activity.at);
            seen.id = record.id;
            put(type, record, "OwnerId", SfValue::of_text(seen.owner_id));
            if (seen.contact_id) put(type, record, "WhoId", SfValue::of_text(*seen.contact_id));
            if (seen.deal_id) put(type, record, "WhatId", SfValue::of_text(*seen.deal_id));
            put(type, record, "ActivityDate", SfValue::of_date(model::utc_day_number(activity.at) * model::ms_per_day));
            if (activity.objection) put(type, record, "Description", SfValue::of_text(objection_text));
            if (is_event) {
                const bool visit = activity.type == model::ActivityType::visit;
                const double minutes = activity.duration_s ? std::round(*activity.duration_s / 60.0) : default_event_minutes;
                put(type, record, "Subject", SfValue::of_text(visit ? "Visit" : "Meeting"));
                put(type, record, "Type", SfValue::of_text(visit ? "Visit" : "Meeting"));
                if (visit) put(type, record, "Location", SfValue::of_text("Customer site"));
                put(type, record, "StartDateTime", SfValue::of_datetime(activity.at));
                put(type, record, "EndDateTime", SfValue::of_datetime(activity.at + static_cast<std::int64_t>(minutes) * 60'000));
                put(type, record, "DurationInMinutes", SfValue::of_number(minutes));
                seen.duration_s = minutes * 60.0;
                result_.activities.push_back(std::move(seen));
                continue;
            }
            const bool completed = activity.type != model::ActivityType::task || activity.outcome == model::Outcome::completed;
            put(type, record, "Status", SfValue::of_text(completed ? "Completed" : "Not Started"));
            if (completed) put(type, record, "CompletedDateTime", SfValue::of_datetime(activity.at));
            switch (activity.type) {
                case model::ActivityType::call: {
                    put(type, record, "Subject", SfValue::of_text("Call"));
                    put(type, record, "TaskSubtype", SfValue::of_text("Call"));
                    put(type, record, "Type", SfValue::of_text("Call"));
                    put(type, record, "CallType", SfValue::of_text(activity.direction == model::Direction::inbound ? "Inbound" : "Outbound"));
                    seen.direction = activity.direction;
                    if (activity.duration_s) {
                        seen.duration_s = std::round(*activity.duration_s);
                        put(type, record, "CallDurationInSeconds", SfValue::of_number(*seen.duration_s));
                    }
                    if (activity.outcome && disposition_of(*activity.outcome)) {
                        put(type, record, "CallDisposition", SfValue::of_text(disposition_of(*activity.outcome)));
                        seen.outcome = activity.outcome;
                    }
                    break;
                }
                case model::ActivityType::email: {
                    put(type, record, "Subject", SfValue::of_text("Email"));
                    put(type, record, "TaskSubtype", SfValue::of_text("Email"));
                    put(type, record, "Type", SfValue::of_text("Email"));
                    if (emails) {
                        const std::string task_id = record.id;
                        SfRecord& message = org_.create(*emails, activity.at);
                        put(*emails, message, "ActivityId", SfValue::of_text(task_id));
                        put(*emails, message, "Incoming", SfValue::of_bool(activity.direction == model::Direction::inbound));
                        put(*emails, message, "MessageDate", SfValue::of_datetime(activity.at));
                        put(*emails, message, "Subject", SfValue::of_text("Email"));
                        put(*emails, message, "Status", SfValue::of_text(activity.direction == model::Direction::inbound ? "0" : "3"));
                        const bool opened = activity.opened.value_or(false);
                        put(*emails, message, "IsOpened", SfValue::of_bool(opened));
                        if (opened) put(*emails, message, "FirstOpenedDate", SfValue::of_datetime(activity.at + model::ms_per_hour));
                        seen.direction = activity.direction;
                        seen.opened = opened;
                    }
                    break;  // no click tracking in Salesforce: clicked is never known
                }
                case model::ActivityType::proposal:
                    put(type, record, "Subject", SfValue::of_text("Proposal"));
                    put(type, record, "TaskSubtype", SfValue::of_text("Task"));
                    put(type, record, "Type", SfValue::of_text("Proposal"));
                    break;
                case model::ActivityType::note:
                    put(type, record, "Subject", SfValue::of_text("Note"));
                    put(type, record, "TaskSubtype", SfValue::of_text("Task"));
                    put(type, record, "Type", SfValue::of_text("Note"));
                    break;
                default:
                    put(type, record, "Subject", SfValue::of_text("Task"));
                    put(type, record, "TaskSubtype", SfValue::of_text("Task"));
                    put(type, record, "Type", SfValue::of_text("Other"));
                    if (completed) seen.outcome = model::Outcome::completed;
                    break;
            }
            result_.activities.push_back(std::move(seen));
        }
    }

    std::optional<std::string> mapped(const std::unordered_map<std::string, std::string>& ids,
                                      const std::optional<std::string>& model_id) const {
        if (!model_id) return std::nullopt;
        const auto found = ids.find(*model_id);
        return found == ids.end() ? std::nullopt : std::optional<std::string>(found->second);
    }

    // One survey with a CSAT and an NPS question; per response an invitation to its contact, a
    // completed SurveyResponse, the answer to its kind's question, and a SurveySubject naming its
    // Opportunity. A response's seller has no place: Feedback Management does not name whom it rates.
    void seed_feedback_management(const model::Dataset& source) {
        SfObject& surveys = object("Survey");
        SfObject& versions = object("SurveyVersion");
        SfObject& questions = object("SurveyQuestion");
        SfObject& invitations = object("SurveyInvitation");
        SfObject& responses = object("SurveyResponse");
        SfObject& answers = object("SurveyQuestionResponse");
        SfObject& subjects = object("SurveySubject");
        const std::int64_t now = org_.now_ms();
        SfRecord& survey_record = org_.create(surveys, now);
        const std::string survey = survey_record.id;
        put(surveys, survey_record, "Name", SfValue::of_text("Customer experience"));
        put(surveys, survey_record, "DeveloperName", SfValue::of_text("customer_experience"));
        SfRecord& version_record = org_.create(versions, now);
        const std::string version = version_record.id;
        put(versions, version_record, "SurveyId", SfValue::of_text(survey));
        put(versions, version_record, "VersionNumber", SfValue::of_number(1));
        put(versions, version_record, "SurveyStatus", SfValue::of_text("Active"));
        put(surveys, *surveys.find(survey), "ActiveVersionId", SfValue::of_text(version));
        std::string question_of[2];
        const char* types[2] = {"CSAT", "NPS"};
        for (int k = 0; k < 2; ++k) {
            SfRecord& q = org_.create(questions, now);
            question_of[k] = q.id;
            put(questions, q, "Name", SfValue::of_text(k == 0 ? "How satisfied are you?" : "How likely are you to recommend us?"));
            put(questions, q, "DeveloperName", SfValue::of_text(k == 0 ? "satisfaction" : "recommend"));
            put(questions, q, "QuestionType", SfValue::of_text(types[k]));
            put(questions, q, "QuestionOrder", SfValue::of_number(k + 1));
            put(questions, q, "SurveyVersionId", SfValue::of_text(version));
        }
        for (const model::SurveyResponse& r : source.survey_responses) {
            const std::optional<std::string> contact = mapped(contacts_, r.contact_id);
            const std::optional<std::string> deal = mapped(deals_, r.deal_id);
            if (!contact && !deal) continue;  // names only a seller
            SfRecord& invitation = org_.create(invitations, r.at);
            const std::string invitation_id = invitation.id;
            put(invitations, invitation, "SurveyId", SfValue::of_text(survey));
            put(invitations, invitation, "ResponseStatus", SfValue::of_text("Completed"));
            if (contact) {
                put(invitations, invitation, "ParticipantId", SfValue::of_text(*contact));
                put(invitations, invitation, "ContactId", SfValue::of_text(*contact));
            }
            SfRecord& response = org_.create(responses, r.at);
            const std::string response_id = response.id;
            put(responses, response, "SurveyId", SfValue::of_text(survey));
            put(responses, response, "SurveyVersionId", SfValue::of_text(version));
            put(responses, response, "InvitationId", SfValue::of_text(invitation_id));
            if (contact) put(responses, response, "SubmitterId", SfValue::of_text(*contact));
            put(responses, response, "Status", SfValue::of_text("Completed"));
            put(responses, response, "CompletionDateTime", SfValue::of_datetime(r.at));
            SfRecord& answer = org_.create(answers, r.at);
            const std::string answer_id = answer.id;
            put(answers, answer, "QuestionId", SfValue::of_text(question_of[r.kind == model::SurveyKind::nps ? 1 : 0]));
            put(answers, answer, "ResponseId", SfValue::of_text(response_id));
            put(answers, answer, "InvitationId", SfValue::of_text(invitation_id));
            put(answers, answer, "SurveyVersionId", SfValue::of_text(version));
            put(answers, answer, "Datatype", SfValue::of_text("Int"));
            put(answers, answer, "NumberValue", SfValue::of_number(r.score));
            if (deal) {
                SfRecord& subject = org_.create(subjects, r.at);
                put(subjects, subject, "ParentId", SfValue::of_text(response_id));
                put(subjects, subject, "SubjectId", SfValue::of_text(*deal));
                put(subjects, subject, "SubjectEntityType", SfValue::of_text("Opportunity"));
                put(subjects, subject, "SurveyId", SfValue::of_text(survey));
                put(subjects, subject, "SurveyInvitationId", SfValue::of_text(invitation_id));
                put(subjects, subject, "SurveyResponseId", SfValue::of_text(response_id));
            }
            model::SurveyResponse seen;
            seen.id = "sf-fm:" + answer_id;
            seen.kind = r.kind;
            seen.score = r.score;
            seen.at = r.at;
            seen.contact_id = contact;
            seen.deal_id = deal;
            result_.survey_responses.push_back(std::move(seen));
        }
    }

    // An admin-made custom field (readable by everyone), unless the object has it already.
    std::size_t custom_field(SfObject& type, const char* name, SfFieldType field_type) {
        if (const auto slot = type.slot_of(name)) return *slot;
        SfField f;
        f.name = name;
        f.type = field_type;
        f.custom = true;
        if (field_type == SfFieldType::number) f.precision = 18;
        type.add_field(std::move(f));
        return *type.slot_of(name);
    }

    // Deliveries: the won Opportunity's Promised_Delivery__c (Date) and Delivered_At__c (DateTime),
    // the shipment promised last. Responses: <KIND>_Score__c (Number) and <KIND>_Date__c (DateTime)
    // of the Opportunity it names, else of its Contact; the latest answer per record and kind.
    void seed_experience_fields(const model::Dataset& source) {
        SfObject& opportunities = object("Opportunity");
        SfObject& contacts = object("Contact");
        if (!source.deliveries.empty()) {
            const std::size_t promised = custom_field(opportunities, promised_delivery_field, SfFieldType::date);
            const std::size_t delivered = custom_field(opportunities, delivered_at_field, SfFieldType::datetime);
            std::unordered_set<std::string> won;
            for (const model::Deal& deal : source.deals)
                if (deal.status == model::DealStatus::won) won.insert(deal.id);
            std::map<std::string, const model::Delivery*> last_promised;
            for (const model::Delivery& d : source.deliveries) {
                if (!won.count(d.deal_id) || !deals_.contains(d.deal_id)) continue;
                const model::Delivery*& slot = last_promised[deals_.at(d.deal_id)];
                if (slot == nullptr || d.promised_at >= slot->promised_at) slot = &d;
            }
            for (const auto& [opportunity, d] : last_promised) {
                SfRecord& record = *opportunities.find(opportunity);
                const model::Timestamp day = model::utc_day_number(d->promised_at) * model::ms_per_day;
                opportunities.set(record, promised, SfValue::of_date(day));
                opportunities.set(record, delivered, d->delivered_at ? SfValue::of_datetime(*d->delivered_at) : SfValue{});
                result_.deliveries.push_back({"sf-delivery:" + opportunity, opportunity, day + model::ms_per_day - 1, d->delivered_at});
            }
        }
        std::vector<const model::SurveyResponse*> in_time_order;
        for (const model::SurveyResponse& r : source.survey_responses) in_time_order.push_back(&r);
        std::stable_sort(in_time_order.begin(), in_time_order.end(), [](const auto* a, const auto* b) { return a->at < b->at; });
        for (const model::SurveyResponse* r : in_time_order) {
            const bool nps = r->kind == model::SurveyKind::nps;
            SfObject* type = nullptr;
            std::optional<std::string> id = mapped(deals_, r->deal_id);
            if (id) {
                type = &opportunities;
            } else if ((id = mapped(contacts_, r->contact_id))) {
                type = &contacts;
            } else {
                continue;  // names only a seller: no record holds it
            }
            const std::size_t score = custom_field(*type, nps ? nps_score_field : csat_score_field, SfFieldType::number);
            const std::size_t date = custom_field(*type, nps ? nps_date_field : csat_date_field, SfFieldType::datetime);
            SfRecord& record = *type->find(*id);
            type->set(record, score, SfValue::of_number(r->score));
            type->set(record, date, SfValue::of_datetime(r->at));
        }
    }

    SfOrg& org_;
    const FakeSalesforceOptions& options_;
    std::string integration_user_;
    model::Dataset result_;
    std::unordered_map<std::string, std::string> users_, accounts_, contacts_, deals_;
    std::unordered_map<std::string, std::string> stage_names_;  // model stage id -> name
    std::unordered_map<std::string, model::StageKind> stage_kinds_;  // name -> kind
    std::unordered_map<std::string, std::string> pipeline_processes_, pipeline_record_types_;
    std::vector<std::string> pipeline_order_;  // BusinessProcess ids in first-seen order
    std::unordered_map<std::string, std::string> first_open_stage_;  // model pipeline -> name of its lowest open stage
    std::unordered_map<std::string, int> first_open_order_;
};

}  // namespace

model::Dataset seed_org(SfOrg& org, const model::Dataset& source, const FakeSalesforceOptions& options,
                        const std::string& integration_user_id) {
    return Seeder(org, options, integration_user_id).run(source);
}

Status touch_record(SfOrg& org, const std::string& object_name, const std::string& id,
                    const std::map<std::string, std::string>& fields) {
    SfObject* object = org.object(object_name);
    SfRecord* record = object ? object->find(id) : nullptr;
    if (!record || record->deleted) return Status::not_found("fake Salesforce: no " + object_name + " " + id);
    std::vector<std::pair<std::size_t, SfValue>> values;
    for (const auto& [name, text] : fields) {
        const std::optional<std::size_t> slot = object->slot_of(name);
        if (!slot || *slot < 5) return Status::invalid_argument("fake Salesforce: " + object_name + " has no settable field " + name);
        const SfField& field = object->field(*slot);
        SfValue value;
        if (!text.empty()) {
            switch (field.type) {
                case SfFieldType::number:
                case SfFieldType::currency:
                case SfFieldType::percent: value = SfValue::of_number(std::stod(text)); break;
                case SfFieldType::boolean: value = SfValue::of_bool(text == "true"); break;
                case SfFieldType::datetime: {
                    const auto ms = parse_salesforce_datetime(text);
                    if (!ms) return Status::invalid_argument("fake Salesforce: bad datetime " + text);
                    value = SfValue::of_datetime(*ms);
                    break;
                }
                case SfFieldType::date: {
                    const auto ms = parse_salesforce_date(text);
                    if (!ms) return Status::invalid_argument("fake Salesforce: bad date " + text);
                    value = SfValue::of_date(*ms);
                    break;
                }
                default: value = SfValue::of_text(text);
            }
        }
        values.emplace_back(*slot, std::move(value));
    }
    const std::optional<std::size_t> stage_slot = object->name() == "Opportunity" ? object->slot_of("StageName") : std::nullopt;
    const std::string old_stage = stage_slot ? record->at(*stage_slot).text : "";
    for (auto& [slot, value] : values) object->set(*record, slot, std::move(value));
    org.touch(*object, *record);
    if (stage_slot && record->at(*stage_slot).text != old_stage) {
        const std::string stage = record->at(*stage_slot).text;
        const SfObject& stages = *org.object("OpportunityStage");
        for (const SfRecord& row : stages.records()) {
            if (row.at(*stages.slot_of("ApiName")).text != stage) continue;
            org.set(*object, *record, "IsClosed", row.at(*stages.slot_of("IsClosed")));
            org.set(*object, *record, "IsWon", row.at(*stages.slot_of("IsWon")));
        }
        const std::string opportunity_id = record->id;
        SfObject& history = *org.object("OpportunityHistory");
        SfRecord& row = org.create(history, org.now_ms());
        org.set(history, row, "OpportunityId", SfValue::of_text(opportunity_id));
        org.set(history, row, "StageName", SfValue::of_text(stage));
    }
    return Status::ok();
}

}  // namespace sellerscore::fakes
