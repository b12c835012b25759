#include "record_mapper.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include <boost/json.hpp>

#include "json_access.hpp"
#include "plugin/model/timestamp_format.hpp"
#include "property_value.hpp"

namespace sellerscore::connectors::hubspot {

namespace json = boost::json;

namespace {

std::optional<std::string> non_empty(std::string text) {
    if (text.empty()) return std::nullopt;
    return text;
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::optional<model::Outcome> call_outcome(std::string_view disposition) {
    if (disposition == "f240bbac-87c9-4f6e-bf70-924b57d47db7") return model::Outcome::connected;
    if (disposition == "73a0d17f-1163-4015-bdd5-ec830791da20") return model::Outcome::no_answer;
    if (disposition == "9d9162e7-6cf3-4944-bf63-4dff82258764") return model::Outcome::busy;
    if (disposition == "b2cf5968-551e-4856-9783-52b3da59a7d0") return model::Outcome::voicemail;
    return std::nullopt;
}

std::optional<model::Outcome> meeting_outcome(std::string_view outcome) {
    if (outcome == "COMPLETED") return model::Outcome::completed;
    if (outcome == "NO_SHOW") return model::Outcome::no_show;
    if (outcome == "CANCELED") return model::Outcome::canceled;
    return std::nullopt;
}

std::optional<std::string> first_associated(const json::value& crm_object, std::string_view to_type) {
    const json::value* associations = member(crm_object, "associations");
    if (associations == nullptr) return std::nullopt;
    const json::value* of_type = member(*associations, to_type);
    if (of_type == nullptr) return std::nullopt;
    const json::array* results = array_at(*of_type, "results");
    if (results == nullptr) return std::nullopt;
    for (const auto& result : *results) {
        std::string id = string_at(result, "id");
        if (!id.empty()) return id;
    }
    return std::nullopt;
}

bool is_date_only(std::string_view text) {
    return text.size() == 10 && text[4] == '-' && text[7] == '-' &&
           std::all_of(text.begin(), text.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
}

// A delivery property is a date or a datetime. A date promise means "by the end of that day", so a
// date-only promised value reads as that day's last millisecond and a date-only delivered value as
// the day's start: delivered on the promised day is on time.
std::optional<model::Timestamp> delivery_time(std::string_view text, bool end_of_day) {
    if (!is_date_only(text)) return parse_time(text);
    const auto midnight = model::parse_rfc3339(std::string(text) + "T00:00:00Z");
    if (!midnight) return std::nullopt;
    return end_of_day ? *midnight + model::ms_per_day - 1 : *midnight;
}

// The first entry into a proposal stage keeps the id it always had; a re-entry is another proposal,
// numbered by its order among the entries into that stage (histories only grow, so ids are stable).
std::string proposal_activity_id(const std::string& deal_id, const std::string& stage_id, int entry) {
    std::string id = "deal-stage-proposal:" + deal_id + ":" + stage_id;
    if (entry > 1) id += ":" + std::to_string(entry);
    return id;
}

}  // namespace

FirstAssociations embedded_associations(const json::value& crm_object) {
    return {first_associated(crm_object, "contacts"), first_associated(crm_object, "companies"),
            first_associated(crm_object, "deals")};
}

RecordMapper::RecordMapper(MappingOptions options, const StageCatalog& stages, const FieldSchema& schema)
    : options_(std::move(options)), stages_(stages), schema_(schema) {
    if (options_.visit_types.empty()) options_.visit_types = {"ADDRESS"};
    if (options_.objection_markers.empty()) options_.objection_markers = {"#objection"};
    for (auto& marker : options_.objection_markers) marker = lower(marker);
    for (auto& type : options_.visit_types) type = lower(type);
}

std::string RecordMapper::activity_id(ObjectType type, std::string_view hubspot_id) {
    return std::string(path_name(type)) + ":" + std::string(hubspot_id);
}

std::string RecordMapper::delivery_id(std::string_view deal_id) { return "deal-delivery:" + std::string(deal_id); }

MapOutcome RecordMapper::add_feedback_submission(const json::value& submission, const FirstAssociations& links,
                                                 ReadPage& page) const {
    model::SurveyResponse r;
    r.id = string_at(submission, "id");
    const auto at = parse_time(property_at(submission, "hs_submission_timestamp"));
    const auto value = parse_number(property_at(submission, "hs_value"));
    if (r.id.empty() || !at || !value || *value != static_cast<int>(*value)) return MapOutcome::not_a_record;
    const int score = static_cast<int>(*value);
    const std::string type = property_at(submission, "hs_survey_type");
    if (type == "NPS" && score >= 0 && score <= 10) {
        r.kind = model::SurveyKind::nps;
        r.score = score;
    } else if (type == "CSAT" && score >= 0 && score <= 2) {
        r.kind = model::SurveyKind::csat;
        r.score = 1 + 2 * score;
    } else {
        return MapOutcome::not_a_record;
    }
    r.at = *at;
    r.contact_id = links.contact;
    page.records.survey_responses.push_back(std::move(r));
    return MapOutcome::mapped;
}

std::optional<model::Seller> RecordMapper::seller(const json::value& owner) const {
    if (string_at(owner, "type") == "QUEUE") return std::nullopt;
    model::Seller s;
    s.id = string_at(owner, "id");
    if (s.id.empty()) return std::nullopt;
    const std::string first = string_at(owner, "firstName");
    const std::string last = string_at(owner, "lastName");
    s.name = trimmed(first + " " + last);
    s.email = string_at(owner, "email");
    if (const json::array* teams = array_at(owner, "teams")) {
        for (const auto& team : *teams) {
            const json::value* primary = member(team, "primary");
            if (primary && primary->is_bool() && primary->get_bool()) {
                s.team = non_empty(string_at(team, "name"));
                break;
            }
        }
        if (!s.team && !teams->empty()) s.team = non_empty(string_at(teams->front(), "name"));
    }
    const json::value* archived = member(owner, "archived");
    s.active = !(archived && archived->is_bool() && archived->get_bool());
    return s;
}

void RecordMapper::add_held_values(RecordObject object, const json::value& crm_object, ReadPage& page) const {
    const auto& fields = schema_.fields(object);
    if (fields.empty()) return;
    const std::string id = string_at(crm_object, "id");
    for (const auto& [name, kind] : fields) {
        FieldValue value = held_value_of(kind, property_at(crm_object, property_name(name)));
        if (std::holds_alternative<std::monostate>(value)) continue;
        page.held_values.push_back(HeldValue{object, id, name, std::move(value)});
    }
}

// propertiesWithHistory.dealstage lists every value the deal's stage held, newest first; each is
// one stay. Oldest first here (entries of equal time keep HubSpot's order), a value set again to
// the stage it already held dropped (no new entry), the stage ids of another pipeline kept as they
// are (the engine follows a deal across pipelines). Without that history the deal is in its
// current stage since its creation.
std::vector<model::StageChange> RecordMapper::stage_history(const json::value& deal, const std::string& deal_id,
                                                            const std::string& current_stage,
                                                            model::Timestamp created_at) const {
    std::vector<model::StageChange> history;
    const json::value* with_history = member(deal, "propertiesWithHistory");
    const json::array* entries = with_history ? array_at(*with_history, "dealstage") : nullptr;
    if (entries != nullptr) {
        for (auto entry = entries->rbegin(); entry != entries->rend(); ++entry) {
            const std::string stage_id = string_at(*entry, "value");
            const auto entered = parse_time(string_at(*entry, "timestamp"));
            if (stage_id.empty() || !entered) continue;
            history.push_back({deal_id, stage_id, *entered});
        }
        std::stable_sort(history.begin(), history.end(),
                         [](const auto& a, const auto& b) { return a.entered_at < b.entered_at; });
        history.erase(std::unique(history.begin(), history.end(),
                                  [](const auto& a, const auto& b) { return a.stage_id == b.stage_id; }),
                      history.end());
    }
    if (history.empty()) history.push_back({deal_id, current_stage, created_at});
    return history;
}

MapOutcome RecordMapper::add_deal(const json::value& deal, const FirstAssociations& links, ReadPage& page) const {
    model::Deal d;
    d.id = string_at(deal, "id");
    d.owner_id = property_at(deal, "hubspot_owner_id");
    d.pipeline_id = property_at(deal, "pipeline");
    d.stage_id = property_at(deal, "dealstage");
    const auto created = parse_time(property_at(deal, "createdate"));
    if (d.id.empty() || d.pipeline_id.empty() || d.stage_id.empty() || !created) return MapOutcome::not_a_record;
    if (d.owner_id.empty()) return MapOutcome::no_owner;
    d.created_at = *created;
    d.contact_id = links.contact;
    d.company_id = links.company;
    d.amount = parse_number(property_at(deal, "amount_in_home_currency"));
    if (!d.amount) d.amount = parse_number(property_at(deal, "amount"));
    const model::Stage* stage = stages_.find(d.stage_id);
    const model::StageKind kind = stage ? stage->kind : model::StageKind::open;
    d.status = kind == model::StageKind::won    ? model::DealStatus::won
               : kind == model::StageKind::lost ? model::DealStatus::lost
                                                : model::DealStatus::open;
    if (d.status != model::DealStatus::open) d.closed_at = parse_time(property_at(deal, "closedate"));

    auto history = stage_history(deal, d.id, d.stage_id, d.created_at);
    std::map<std::string, int> entries;
    for (const auto& change : history) {
        if (!stages_.is_proposal_stage(change.stage_id, options_.proposal_stages)) continue;
        model::Activity proposal;
        proposal.id = proposal_activity_id(d.id, change.stage_id, ++entries[change.stage_id]);
        proposal.owner_id = d.owner_id;
        proposal.type = model::ActivityType::proposal;
        proposal.direction = model::Direction::outbound;
        proposal.at = change.entered_at;
        proposal.deal_id = d.id;
        proposal.contact_id = d.contact_id;
        page.records.activities.push_back(std::move(proposal));
    }
    for (auto& change : history) page.records.stage_changes.push_back(std::move(change));
    if (d.status == model::DealStatus::won && !options_.delivery_promised_property.empty()) {
        if (const auto promised = delivery_time(property_at(deal, options_.delivery_promised_property), true)) {
            page.records.deliveries.push_back({delivery_id(d.id), d.id, *promised,
                                               delivery_time(property_at(deal, options_.delivery_delivered_property), false)});
        }
    }
    add_held_values(RecordObject::deal, deal, page);
    page.records.deals.push_back(std::move(d));
    return MapOutcome::mapped;
}

MapOutcome RecordMapper::add_contact(const json::value& contact, ReadPage& page) const {
    model::Contact c;
    c.id = string_at(contact, "id");
    const auto created = parse_time(property_at(contact, "createdate"));
    if (c.id.empty() || !created) return MapOutcome::not_a_record;
    c.created_at = *created;
    c.owner_id = non_empty(property_at(contact, "hubspot_owner_id"));
    c.channel = non_empty(property_at(contact, options_.channel_property));
    c.referred_by = non_empty(property_at(contact, options_.referral_property));
    c.company_id = non_empty(property_at(contact, "associatedcompanyid"));
    add_held_values(RecordObject::contact, contact, page);
    page.records.contacts.push_back(std::move(c));
    return MapOutcome::mapped;
}

void RecordMapper::add_company(const json::value& company, ReadPage& page) const {
    add_held_values(RecordObject::company, company, page);
}

bool RecordMapper::has_objection(std::string_view text) const {
    if (text.empty()) return false;
    const std::string haystack = lower(text);
    return std::any_of(options_.objection_markers.begin(), options_.objection_markers.end(),
                       [&](const std::string& marker) { return haystack.find(marker) != std::string::npos; });
}

bool RecordMapper::is_visit(std::string_view location_type) const {
    const std::string type = lower(location_type);
    return std::find(options_.visit_types.begin(), options_.visit_types.end(), type) != options_.visit_types.end();
}

MapOutcome RecordMapper::add_activity(ObjectType type, const json::value& engagement, const FirstAssociations& links,
                                      ReadPage& page) const {
    const std::string hubspot_id = string_at(engagement, "id");
    if (hubspot_id.empty()) return MapOutcome::not_a_record;
    if (type == ObjectType::quotes && property_at(engagement, "hs_status") == "DRAFT") return MapOutcome::not_a_record;
    const auto at = parse_time(property_at(engagement, type == ObjectType::quotes ? "hs_createdate" : "hs_timestamp"));
    if (!at) return MapOutcome::not_a_record;
    model::Activity a;
    a.id = activity_id(type, hubspot_id);
    a.owner_id = property_at(engagement, "hubspot_owner_id");
    if (a.owner_id.empty()) return MapOutcome::no_owner;
    a.at = *at;
    a.contact_id = links.contact;
    a.deal_id = links.deal;
    a.direction = model::Direction::outbound;
    switch (type) {
        case ObjectType::calls: {
            a.type = model::ActivityType::call;
            if (property_at(engagement, "hs_call_direction") == "INBOUND") a.direction = model::Direction::inbound;
            if (const auto ms = parse_number(property_at(engagement, "hs_call_duration"))) a.duration_s = *ms / 1000;
            a.outcome = call_outcome(property_at(engagement, "hs_call_disposition"));
            a.objection = has_objection(property_at(engagement, "hs_call_body"));
            break;
        }
        case ObjectType::emails: {
            a.type = model::ActivityType::email;
            if (property_at(engagement, "hs_email_direction") == "INCOMING_EMAIL") a.direction = model::Direction::inbound;
            if (const auto opens = parse_number(property_at(engagement, "hs_email_open_count"))) a.opened = *opens > 0;
            if (const auto clicks = parse_number(property_at(engagement, "hs_email_click_count"))) a.clicked = *clicks > 0;
            a.objection = has_objection(property_at(engagement, "hs_email_text"));
            break;
        }
        case ObjectType::meetings: {
            a.type = is_visit(property_at(engagement, "hs_meeting_location_type")) ? model::ActivityType::visit
                                                                                  : model::ActivityType::meeting;
            const auto start = parse_time(property_at(engagement, "hs_meeting_start_time"));
            const auto end = parse_time(property_at(engagement, "hs_meeting_end_time"));
            if (start && end) a.duration_s = static_cast<double>(*end - *start) / model::ms_per_second;
            a.outcome = meeting_outcome(property_at(engagement, "hs_meeting_outcome"));
            a.objection = has_objection(property_at(engagement, "hs_meeting_body"));
            break;
        }
        case ObjectType::notes:
            a.type = model::ActivityType::note;
            a.objection = has_objection(property_at(engagement, "hs_note_body"));
            break;
        case ObjectType::tasks:
            a.type = model::ActivityType::task;
            a.objection = has_objection(property_at(engagement, "hs_task_body"));
            break;
        case ObjectType::quotes: a.type = model::ActivityType::proposal; break;
        case ObjectType::deals:
        case ObjectType::contacts:
        case ObjectType::companies: return MapOutcome::not_a_record;
    }
    page.records.activities.push_back(std::move(a));
    return MapOutcome::mapped;
}

void RecordMapper::add_removed(ObjectType type, const json::value& crm_object,
                               std::vector<RemovedRecord>& removed) const {
    const std::string id = string_at(crm_object, "id");
    if (id.empty()) return;
    switch (type) {
        case ObjectType::deals: {
            removed.push_back({model::RecordType::deal, id});
            if (!options_.delivery_promised_property.empty()) {
                removed.push_back({model::RecordType::delivery, delivery_id(id)});
            }
            // The proposals its stage entries implied go with it (the history rides on the archived read).
            std::map<std::string, int> entries;
            for (const auto& change : stage_history(crm_object, id, property_at(crm_object, "dealstage"), 0)) {
                if (change.stage_id.empty() || !stages_.is_proposal_stage(change.stage_id, options_.proposal_stages)) continue;
                removed.push_back({model::RecordType::activity,
                                   proposal_activity_id(id, change.stage_id, ++entries[change.stage_id])});
            }
            break;
        }
        case ObjectType::contacts: removed.push_back({model::RecordType::contact, id}); break;
        case ObjectType::companies: break;
        default: removed.push_back({model::RecordType::activity, activity_id(type, id)}); break;
    }
}

}  // namespace sellerscore::connectors::hubspot
