#include "fake_hubspot_seeder.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <unordered_map>

namespace sellerscore::fakes {
namespace {

using Slot = FakeHubSpotPropertyCatalog::Slot;
using T = HubSpotObjectType;

constexpr std::int64_t first_owner_id = 70'000'001;
constexpr std::int64_t first_user_id = 9'000'001;
constexpr const char* objection_body = "The prospect pushed back on the price #objection";

// hubspot_mapping.md: the four call dispositions HubSpot ships.
const char* disposition_of(model::Outcome outcome) {
    switch (outcome) {
        case model::Outcome::connected: return "f240bbac-87c9-4f6e-bf70-924b57d47db7";
        case model::Outcome::no_answer: return "73a0d17f-1163-4015-bdd5-ec830791da20";
        case model::Outcome::busy: return "9d9162e7-6cf3-4944-bf63-4dff82258764";
        case model::Outcome::voicemail: return "b2cf5968-551e-4856-9783-52b3da59a7d0";
        default: return nullptr;
    }
}

const char* meeting_outcome_of(model::Outcome outcome) {
    switch (outcome) {
        case model::Outcome::completed: return "COMPLETED";
        case model::Outcome::no_show: return "NO_SHOW";
        case model::Outcome::canceled: return "CANCELED";
        default: return nullptr;
    }
}

// Shortest text that reads back as the same double.
std::string number_text(double value) {
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, end);
}

std::string probability_text(double value) {
    std::string text = number_text(value);
    if (text.find('.') == std::string::npos && text.find('e') == std::string::npos) text += ".0";
    return text;
}

bool is_hubspot_internal_id(const std::string& id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

std::string trimmed(std::string text) {
    const auto first = text.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(' ');
    return text.substr(first, last - first + 1);
}

template <class Map>
std::optional<std::uint64_t> lookup(const Map& map, const std::optional<std::string>& key) {
    if (!key) return std::nullopt;
    const auto found = map.find(*key);
    if (found == map.end()) return std::nullopt;
    return found->second;
}

class Seeder {
public:
    explicit Seeder(FakeHubSpotStore& store) : store_(store) {}

    model::Dataset run(const model::Dataset& source) {
        seed_owners(source);
        seed_pipelines(source);
        seed_companies(source);
        seed_contacts(source);
        seed_deals(source);
        seed_activities(source);
        seed_feedback_submissions(source);
        seed_deliveries(source);
        return std::move(result_);
    }

private:
    Slot slot(T type, std::string_view name) { return *store_.catalog(type).slot_of(name); }

    void put(T type, FakeHubSpotObject& object, std::string_view name, std::string stored) {
        store_.put(type, object, slot(type, name), std::move(stored), object.updated_ms);
    }

    void seed_owners(const model::Dataset& source) {
        std::unordered_map<std::string, std::string> team_ids;
        const auto base = static_cast<std::int64_t>(store_.owners().size());
        for (std::size_t i = 0; i < source.sellers.size(); ++i) {
            const model::Seller& seller = source.sellers[i];
            FakeHubSpotOwner owner;
            owner.id = std::to_string(first_owner_id + base + static_cast<std::int64_t>(i));
            owner.user_id = first_user_id + base + static_cast<std::int64_t>(i);
            const std::string name = trimmed(seller.name);
            const std::size_t space = name.find(' ');
            owner.first_name = name.substr(0, space);
            owner.last_name = space == std::string::npos ? "" : trimmed(name.substr(space + 1));
            owner.email = seller.email;
            owner.archived = !seller.active;
            owner.created_ms = store_.now_ms();
            if (seller.team) {
                auto [team, inserted] = team_ids.try_emplace(*seller.team, std::to_string(4'000 + team_ids.size()));
                owner.teams.push_back({team->second, *seller.team, true});
            }
            owner_ids_[seller.id] = owner.id;

            model::Seller seen;
            seen.id = owner.id;
            seen.name = trimmed(owner.first_name + " " + owner.last_name);
            seen.email = owner.email;
            seen.team = seller.team;
            seen.active = seller.active;
            result_.sellers.push_back(std::move(seen));
            store_.add_owner(std::move(owner));
        }
    }

    std::string hubspot_id_for(const std::string& model_id) {
        if (is_hubspot_internal_id(model_id)) return model_id;
        return std::to_string(next_pipeline_id_++);
    }

    void seed_pipelines(const model::Dataset& source) {
        std::vector<FakeHubSpotPipeline> pipelines;
        std::unordered_map<std::string, std::size_t> pipeline_index;
        for (const model::Stage& stage : source.stages) {
            auto [entry, inserted] = pipeline_index.try_emplace(stage.pipeline_id, pipelines.size());
            if (inserted) {
                FakeHubSpotPipeline pipeline;
                pipeline.id = hubspot_id_for(stage.pipeline_id);
                pipeline.display_order = static_cast<int>(pipelines.size());
                pipeline.created_ms = store_.now_ms();
                pipeline_ids_[stage.pipeline_id] = pipeline.id;
                pipelines.push_back(std::move(pipeline));
            }
            FakeHubSpotStage seeded;
            seeded.id = hubspot_id_for(stage.id);
            seeded.label = stage.name;
            seeded.display_order = stage.order;
            seeded.is_closed = stage.kind != model::StageKind::open;
            const double model_probability = stage.probability.value_or(0.0);
            double probability = model_probability;
            if (stage.kind == model::StageKind::won && probability < 1.0) probability = 1.0;
            if (stage.kind == model::StageKind::lost && probability >= 1.0) probability = 0.0;
            seeded.probability = probability_text(probability);
            stage_ids_[stage.id] = seeded.id;

            model::Stage seen;
            seen.id = seeded.id;
            seen.pipeline_id = pipelines[entry->second].id;
            seen.name = seeded.label;
            seen.order = seeded.display_order;
            seen.kind = !seeded.is_closed ? model::StageKind::open
                                          : (probability >= 1.0 ? model::StageKind::won : model::StageKind::lost);
            seen.probability = probability;
            stage_kinds_[seen.id] = seen.kind;
            result_.stages.push_back(std::move(seen));
            pipelines[entry->second].stages.push_back(std::move(seeded));
        }
        for (FakeHubSpotPipeline& pipeline : pipelines) {
            pipeline.label = pipelines.size() == 1 ? "Sales Pipeline" : "Pipeline " + pipeline.id;
            store_.add_pipeline(std::move(pipeline));
        }
    }

    void seed_companies(const model::Dataset& source) {
        auto add = [&](const std::optional<std::string>& company_id, model::Timestamp created_at) {
            if (!company_id || company_ids_.contains(*company_id)) return;
            FakeHubSpotObject& company = store_.create(T::companies, created_at);
            put(T::companies, company, "name", "Company " + *company_id);
            company_ids_[*company_id] = company.id;
        };
        for (const model::Contact& contact : source.contacts) add(contact.company_id, contact.created_at);
        for (const model::Deal& deal : source.deals) add(deal.company_id, deal.created_at);
    }

    void seed_contacts(const model::Dataset& source) {
        FakeHubSpotPropertyCatalog& contacts = store_.catalog(T::contacts);
        if (!contacts.slot_of("referred_by_contact_id")) {
            FakeHubSpotProperty referral;
            referral.name = "referred_by_contact_id";
            referral.label = "Referred by (contact id)";
            referral.type = "string";
            referral.field_type = "text";
            referral.group_name = "contactinformation";
            contacts.define(std::move(referral));
        }
        const Slot source_slot = slot(T::contacts, "hs_analytics_source");
        store_.reserve(T::contacts, store_.objects(T::contacts).size() + source.contacts.size());
        // Ids first: a contact may be referred by one that comes later.
        std::vector<std::uint64_t> ids;
        ids.reserve(source.contacts.size());
        for (const model::Contact& contact : source.contacts) {
            const std::uint64_t id = store_.create(T::contacts, contact.created_at).id;
            contact_ids_[contact.id] = id;
            ids.push_back(id);
        }
        for (std::size_t i = 0; i < source.contacts.size(); ++i) {
            const model::Contact& contact = source.contacts[i];
            FakeHubSpotObject& object = *store_.find(T::contacts, ids[i]);
            model::Contact seen;
            seen.id = std::to_string(object.id);
            seen.created_at = contact.created_at;
            if (const auto owner = owner_ids_.find(contact.owner_id.value_or("")); owner != owner_ids_.end()) {
                put(T::contacts, object, "hubspot_owner_id", owner->second);
                seen.owner_id = owner->second;
            }
            if (contact.channel && !contact.channel->empty()) {
                contacts.add_option(source_slot, *contact.channel, *contact.channel);
                put(T::contacts, object, "hs_analytics_source", *contact.channel);
                seen.channel = contact.channel;
            }
            if (const std::optional<std::uint64_t> company = lookup(company_ids_, contact.company_id)) {
                put(T::contacts, object, "associatedcompanyid", std::to_string(*company));
                store_.associate(T::contacts, object, T::companies, *store_.find(T::companies, *company));
                seen.company_id = std::to_string(*company);
            }
            if (const std::optional<std::uint64_t> referrer = lookup(contact_ids_, contact.referred_by)) {
                put(T::contacts, object, "referred_by_contact_id", std::to_string(*referrer));
                seen.referred_by = std::to_string(*referrer);
            }
            result_.contacts.push_back(std::move(seen));
        }
    }

    void seed_deals(const model::Dataset& source) {
        std::unordered_map<std::string, std::vector<const model::StageChange*>> changes_by_deal;
        for (const model::StageChange& change : source.stage_changes) changes_by_deal[change.deal_id].push_back(&change);
        store_.reserve(T::deals, store_.objects(T::deals).size() + source.deals.size());
        for (const model::Deal& deal : source.deals) {
            FakeHubSpotObject& object = store_.create(T::deals, deal.created_at);
            deal_ids_[deal.id] = object.id;
            const std::string id = std::to_string(object.id);
            put(T::deals, object, "dealname", "Deal " + deal.id);
            const auto owner = owner_ids_.find(deal.owner_id);
            if (owner != owner_ids_.end()) put(T::deals, object, "hubspot_owner_id", owner->second);
            const std::string pipeline = pipeline_ids_.contains(deal.pipeline_id) ? pipeline_ids_[deal.pipeline_id] : deal.pipeline_id;
            put(T::deals, object, "pipeline", pipeline);
            const std::string stage = stage_ids_.contains(deal.stage_id) ? stage_ids_[deal.stage_id] : deal.stage_id;
            if (deal.amount) put(T::deals, object, "amount", number_text(*deal.amount));
            if (deal.closed_at) put(T::deals, object, "closedate", std::to_string(*deal.closed_at));
            put(T::deals, object, "dealstage", stage);
            // The stage history is the source's, not the single entry put() just recorded.
            object.stage_history.clear();
            for (const model::StageChange* change : changes_by_deal[deal.id]) {
                const auto mapped = stage_ids_.find(change->stage_id);
                if (mapped != stage_ids_.end()) object.stage_history.push_back({mapped->second, change->entered_at});
            }
            std::stable_sort(object.stage_history.begin(), object.stage_history.end(),
                             [](const FakeHubSpotStageEntry& a, const FakeHubSpotStageEntry& b) { return a.entered_ms < b.entered_ms; });
            object.stage_history.erase(std::unique(object.stage_history.begin(), object.stage_history.end(),
                                                   [](const FakeHubSpotStageEntry& a, const FakeHubSpotStageEntry& b) {
                                                       return a.stage_id == b.stage_id;
                                                   }),
                                       object.stage_history.end());
            const std::optional<std::uint64_t> contact = lookup(contact_ids_, deal.contact_id);
            if (contact) store_.associate(T::deals, object, T::contacts, *store_.find(T::contacts, *contact));
            const std::optional<std::uint64_t> company = lookup(company_ids_, deal.company_id);
            if (company) store_.associate(T::deals, object, T::companies, *store_.find(T::companies, *company));

            // A deal without an owner is skipped by a faithful reader.
            if (owner == owner_ids_.end()) continue;
            model::Deal seen;
            seen.id = id;
            seen.owner_id = owner->second;
            if (contact) seen.contact_id = std::to_string(*contact);
            if (company) seen.company_id = std::to_string(*company);
            seen.pipeline_id = pipeline;
            seen.stage_id = stage;
            if (deal.amount) seen.amount = std::strtod(number_text(*deal.amount).c_str(), nullptr);
            seen.created_at = deal.created_at;
            const auto kind = stage_kinds_.find(stage);
            const model::StageKind stage_kind = kind == stage_kinds_.end() ? model::StageKind::open : kind->second;
            seen.status = stage_kind == model::StageKind::won    ? model::DealStatus::won
                          : stage_kind == model::StageKind::lost ? model::DealStatus::lost
                                                                 : model::DealStatus::open;
            if (seen.status != model::DealStatus::open) seen.closed_at = deal.closed_at;
            result_.deals.push_back(seen);

            // The full dealstage history: every entry, a value set again to the stage it holds not
            // being a new one.
            std::vector<model::StageChange> history;
            for (const FakeHubSpotStageEntry& entry : object.stage_history) {
                if (!history.empty() && history.back().stage_id == entry.stage_id) continue;
                history.push_back({id, entry.stage_id, entry.entered_ms});
            }
            if (history.empty()) history.push_back({id, stage, deal.created_at});
            for (model::StageChange& change : history) result_.stage_changes.push_back(std::move(change));
        }
    }

    static T object_type_of(model::ActivityType type) {
        switch (type) {
            case model::ActivityType::call: return T::calls;
            case model::ActivityType::email: return T::emails;
            case model::ActivityType::meeting:
            case model::ActivityType::visit: return T::meetings;
            case model::ActivityType::proposal: return T::quotes;
            case model::ActivityType::note: return T::notes;
            case model::ActivityType::task: return T::tasks;
        }
        return T::notes;
    }

    void seed_activities(const model::Dataset& source) {
        for (const model::Activity& activity : source.activities) {
            const T type = object_type_of(activity.type);
            const std::int64_t at_ms = activity.at;
            FakeHubSpotObject& object = store_.create(type, at_ms);
            const auto owner = owner_ids_.find(activity.owner_id);
            if (owner != owner_ids_.end()) put(type, object, "hubspot_owner_id", owner->second);

            model::Activity seen;
            seen.id = std::string(plural_name(type)) + ":" + std::to_string(object.id);
            seen.type = activity.type == model::ActivityType::visit ? model::ActivityType::visit : activity.type;
            seen.direction = model::Direction::outbound;
            seen.at = activity.at;
            if (type != T::quotes) put(type, object, "hs_timestamp", std::to_string(at_ms));
            const char* body_property = nullptr;
            switch (type) {
                case T::calls: {
                    body_property = "hs_call_body";
                    seen.direction = activity.direction;
                    put(type, object, "hs_call_direction",
                        activity.direction == model::Direction::outbound ? "OUTBOUND" : "INBOUND");
                    put(type, object, "hs_call_status", "COMPLETED");
                    if (activity.duration_s) {
                        const std::int64_t ms = std::llround(*activity.duration_s * 1000.0);
                        put(type, object, "hs_call_duration", std::to_string(ms));
                        seen.duration_s = static_cast<double>(ms) / 1000.0;
                    }
                    if (activity.outcome)
                        if (const char* disposition = disposition_of(*activity.outcome)) {
                            put(type, object, "hs_call_disposition", disposition);
                            seen.outcome = activity.outcome;
                        }
                    break;
                }
                case T::emails: {
                    body_property = "hs_email_text";
                    seen.direction = activity.direction;
                    put(type, object, "hs_email_direction",
                        activity.direction == model::Direction::outbound ? "EMAIL" : "INCOMING_EMAIL");
                    if (activity.opened) {
                        put(type, object, "hs_email_open_count", *activity.opened ? "1" : "0");
                        seen.opened = activity.opened;
                    }
                    if (activity.clicked) {
                        put(type, object, "hs_email_click_count", *activity.clicked ? "1" : "0");
                        seen.clicked = activity.clicked;
                    }
                    break;
                }
                case T::meetings: {
                    body_property = "hs_meeting_body";
                    put(type, object, "hs_meeting_start_time", std::to_string(at_ms));
                    put(type, object, "hs_meeting_location_type",
                        activity.type == model::ActivityType::visit ? "ADDRESS" : "VIDEO_CONFERENCE");
                    if (activity.duration_s) {
                        // Meeting times carry milliseconds: the duration survives to the millisecond.
                        const std::int64_t ms = std::llround(*activity.duration_s * 1000.0);
                        put(type, object, "hs_meeting_end_time", std::to_string(activity.at + ms));
                        seen.duration_s = static_cast<double>(ms) / 1000.0;
                    }
                    if (activity.outcome)
                        if (const char* outcome = meeting_outcome_of(*activity.outcome)) {
                            put(type, object, "hs_meeting_outcome", outcome);
                            seen.outcome = activity.outcome;
                        }
                    break;
                }
                case T::notes: body_property = "hs_note_body"; break;
                case T::tasks:
                    body_property = "hs_task_body";
                    put(type, object, "hs_task_status", "COMPLETED");
                    break;
                case T::quotes:
                    put(type, object, "hs_title", "Proposal");
                    put(type, object, "hs_status", "APPROVED");
                    break;
                default: break;
            }
            if (body_property && activity.objection) {
                put(type, object, body_property, objection_body);
                seen.objection = true;
            }
            if (const std::optional<std::uint64_t> contact = lookup(contact_ids_, activity.contact_id)) {
                store_.associate(type, object, T::contacts, *store_.find(T::contacts, *contact));
                seen.contact_id = std::to_string(*contact);
            }
            if (const std::optional<std::uint64_t> deal = lookup(deal_ids_, activity.deal_id)) {
                store_.associate(type, object, T::deals, *store_.find(T::deals, *deal));
                seen.deal_id = std::to_string(*deal);
            }
            if (owner == owner_ids_.end()) continue;
            seen.owner_id = owner->second;
            result_.activities.push_back(std::move(seen));
        }
    }

    FakeHubSpotStore& store_;
    model::Dataset result_;
    // hubspot_mapping.md: a survey answer is a feedback submission of a contact (HubSpot's CSAT
    // answers 0/1/2, read back as 1/3/5 of 5); one without a contact cannot be held.
    void seed_feedback_submissions(const model::Dataset& source) {
        for (const model::SurveyResponse& response : source.survey_responses) {
            const std::optional<std::uint64_t> contact = lookup(contact_ids_, response.contact_id);
            if (!contact) continue;
            FakeHubSpotObject& object = store_.create(T::feedback_submissions, response.at);
            const bool nps = response.kind == model::SurveyKind::nps;
            const int value = nps ? response.score : response.score >= 4 ? 2 : response.score == 3 ? 1 : 0;
            put(T::feedback_submissions, object, "hs_survey_type", nps ? "NPS" : "CSAT");
            put(T::feedback_submissions, object, "hs_value", std::to_string(value));
            put(T::feedback_submissions, object, "hs_submission_timestamp", std::to_string(response.at));
            store_.associate(T::feedback_submissions, object, T::contacts, *store_.find(T::contacts, *contact));
            model::SurveyResponse seen;
            seen.id = std::to_string(object.id);
            seen.kind = response.kind;
            seen.score = nps ? value : 1 + 2 * value;
            seen.at = response.at;
            seen.contact_id = std::to_string(*contact);
            result_.survey_responses.push_back(std::move(seen));
        }
    }

    // HubSpot has no delivery object: a deal holds one delivery in two datetime properties of the
    // portal's own (the connector's hubspot.delivery settings name them); of several, the last one.
    void seed_deliveries(const model::Dataset& source) {
        if (source.deliveries.empty()) return;
        FakeHubSpotPropertyCatalog& deals = store_.catalog(T::deals);
        for (const char* name : {delivery_promised_property, delivery_delivered_property}) {
            if (deals.slot_of(name)) continue;
            FakeHubSpotProperty property;
            property.name = name;
            property.label = name;
            property.type = "datetime";
            property.field_type = "date";
            property.group_name = "dealinformation";
            deals.define(std::move(property));
        }
        std::unordered_map<std::string, const model::Delivery*> last_of_deal;
        for (const model::Delivery& delivery : source.deliveries) last_of_deal[delivery.deal_id] = &delivery;
        std::unordered_map<std::string, const model::Deal*> won_seen;
        for (const model::Deal& deal : result_.deals) {
            if (deal.status == model::DealStatus::won) won_seen[deal.id] = &deal;
        }
        for (const model::Delivery& delivery : source.deliveries) {
            if (last_of_deal[delivery.deal_id] != &delivery) continue;
            const std::optional<std::uint64_t> deal = lookup(deal_ids_, std::optional<std::string>(delivery.deal_id));
            if (!deal) continue;
            FakeHubSpotObject& object = *store_.find(T::deals, *deal);
            put(T::deals, object, delivery_promised_property, std::to_string(delivery.promised_at));
            if (delivery.delivered_at) {
                put(T::deals, object, delivery_delivered_property, std::to_string(*delivery.delivered_at));
            }
            const std::string id = std::to_string(*deal);
            if (!won_seen.contains(id)) continue;
            result_.deliveries.push_back({"deal-delivery:" + id, id, delivery.promised_at, delivery.delivered_at});
        }
    }

    std::unordered_map<std::string, std::string> owner_ids_;
    std::unordered_map<std::string, std::string> pipeline_ids_;
    std::unordered_map<std::string, std::string> stage_ids_;
    std::unordered_map<std::string, model::StageKind> stage_kinds_;
    std::unordered_map<std::string, std::uint64_t> company_ids_;
    std::unordered_map<std::string, std::uint64_t> contact_ids_;
    std::unordered_map<std::string, std::uint64_t> deal_ids_;
    std::int64_t next_pipeline_id_ = 80'000'001;
};

}  // namespace

model::Dataset seed_fake_hubspot(FakeHubSpotStore& store, const model::Dataset& source) { return Seeder(store).run(source); }

}  // namespace sellerscore::fakes
