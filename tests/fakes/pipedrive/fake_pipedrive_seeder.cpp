#include "fake_pipedrive_seeder.hpp"

#include "fake_pipedrive_time.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace sellerscore::fakes::pipedrive {
namespace {

using IdMap = std::unordered_map<std::string, std::int64_t>;

std::optional<std::int64_t> mapped(const IdMap& ids, const std::optional<std::string>& source_id) {
    if (!source_id) return std::nullopt;
    const auto found = ids.find(*source_id);
    if (found == ids.end()) return std::nullopt;
    return found->second;
}

std::optional<std::string> as_text(const std::optional<std::int64_t>& id) {
    if (!id) return std::nullopt;
    return std::to_string(*id);
}

// The person field `name`, created with `type` when the company has none; enum fields get any
// missing option labels added.
FakePipedriveField person_field(Store& store, const char* name, const char* type,
                                const std::vector<std::string>& option_labels) {
    std::vector<FakePipedriveField> existing = store.catalog.named(ObjectKind::person, name);
    FakePipedriveField field;
    if (existing.empty()) {
        field.field_name = name;
        field.field_type = type;
    } else {
        field = existing.front();
    }
    for (const std::string& label : option_labels)
        if (std::none_of(field.options.begin(), field.options.end(),
                         [&](const FakePipedriveFieldOption& option) { return option.label == label; }))
            field.options.push_back({0, label});
    return store.catalog.define(ObjectKind::person, std::move(field));
}

std::int64_t option_id(const FakePipedriveField& field, const std::string& label) {
    for (const FakePipedriveFieldOption& option : field.options)
        if (option.label == label) return option.id;
    return 0;
}

std::string activity_type_key(model::ActivityType type) {
    switch (type) {
        case model::ActivityType::call: return "call";
        case model::ActivityType::email: return "email";
        case model::ActivityType::meeting: return "meeting";
        case model::ActivityType::visit: return "visit";
        case model::ActivityType::proposal: return "proposal";
        case model::ActivityType::task: return "task";
        case model::ActivityType::note: return "note";
    }
    return "task";
}

struct StageEntry {
    std::int64_t stage_id;
    std::int64_t time;
};

}  // namespace

model::Dataset seed_store(Store& store, const model::Dataset& source, std::int64_t now) {
    model::Dataset back;

    // ---- users ---------------------------------------------------------------------------------
    IdMap user_ids;
    for (const model::Seller& seller : source.sellers) {
        const User user{store.next_user_id++, seller.name, seller.email, seller.active, false, now, now};
        store.users.push_back(user);
        user_ids[seller.id] = user.id;
        back.sellers.push_back({std::to_string(user.id), user.name, user.email, std::nullopt, user.active_flag});
    }
    const std::int64_t fallback_user = store.users.empty() ? 0 : store.users.front().id;
    auto user_of = [&](const std::string& source_id) {
        const auto found = user_ids.find(source_id);
        return found == user_ids.end() ? fallback_user : found->second;
    };

    // ---- pipelines and stages: open stages only; won and lost are deal statuses ---------------
    IdMap pipeline_ids, stage_ids;
    std::vector<std::int64_t> new_pipelines;
    for (const model::Stage& stage : source.stages) {
        if (stage.kind != model::StageKind::open) continue;
        auto pipeline = pipeline_ids.find(stage.pipeline_id);
        if (pipeline == pipeline_ids.end()) {
            const Pipeline created{store.next_pipeline_id++, stage.pipeline_id,
                                   static_cast<int>(store.pipelines.size()) + 1, now, now};
            store.pipelines.push_back(created);
            new_pipelines.push_back(created.id);
            pipeline = pipeline_ids.emplace(stage.pipeline_id, created.id).first;
        }
        const int probability = stage.probability ? static_cast<int>(std::lround(*stage.probability * 100)) : 100;
        const PipelineStage created{store.next_stage_id++, pipeline->second, stage.name, stage.order, probability, now, now};
        store.stages.push_back(created);
        stage_ids[stage.id] = created.id;
        back.stages.push_back({std::to_string(created.id), std::to_string(created.pipeline_id), created.name,
                               created.order_nr, model::StageKind::open, created.deal_probability / 100.0});
    }
    std::unordered_map<std::int64_t, std::int64_t> first_stage_of;  // pipeline -> stage with the lowest order
    for (const std::int64_t pipeline : new_pipelines) {
        int max_order = 0;
        const PipelineStage* first = nullptr;
        for (const PipelineStage& stage : store.stages) {
            if (stage.pipeline_id != pipeline) continue;
            max_order = std::max(max_order, stage.order_nr);
            if (!first || stage.order_nr < first->order_nr) first = &stage;
        }
        first_stage_of[pipeline] = first->id;
        const std::string p = std::to_string(pipeline);
        back.stages.push_back({p + ":won", p, "Won", max_order + 1, model::StageKind::won, 1.0});
        back.stages.push_back({p + ":lost", p, "Lost", max_order + 2, model::StageKind::lost, 0.0});
    }

    // ---- organizations: every company a contact or deal names ----------------------------------
    IdMap organization_ids;
    auto add_organization = [&](const std::optional<std::string>& company) {
        if (!company || organization_ids.count(*company)) return;
        const OrganizationRecord created{store.next_organization_id++, "Company " + *company, std::nullopt, now, now, {}};
        store.organizations.push_back(created);
        organization_ids[*company] = created.id;
    };
    for (const model::Contact& contact : source.contacts) add_organization(contact.company_id);
    for (const model::Deal& deal : source.deals) add_organization(deal.company_id);

    // ---- persons, their lead source and referrer, and leads ------------------------------------
    std::vector<std::string> channels;
    for (const model::Contact& contact : source.contacts)
        if (contact.channel && std::find(channels.begin(), channels.end(), *contact.channel) == channels.end())
            channels.push_back(*contact.channel);
    const FakePipedriveField lead_source = person_field(store, lead_source_field_name, "enum", channels);
    const FakePipedriveField referred_by = person_field(store, referred_by_field_name, "varchar", {});
    std::unordered_set<std::string> contacts_with_deals;
    for (const model::Deal& deal : source.deals)
        if (deal.contact_id) contacts_with_deals.insert(*deal.contact_id);

    IdMap person_ids;
    for (const model::Contact& contact : source.contacts) {
        PersonRecord person;
        person.id = store.next_person_id++;
        person.name = "Contact " + contact.id;
        person.owner_id = contact.owner_id ? std::optional<std::int64_t>(user_of(*contact.owner_id)) : std::nullopt;
        person.org_id = mapped(organization_ids, contact.company_id);
        person.add_time = epoch_seconds_of(contact.created_at);
        person.update_time = std::max(now, person.add_time);
        if (contact.channel && contacts_with_deals.count(contact.id))
            person.custom[lead_source.field_code] = option_id(lead_source, *contact.channel);
        person_ids[contact.id] = person.id;
        store.persons.push_back(std::move(person));
        if (contact.channel && !contacts_with_deals.count(contact.id)) {
            LeadRecord lead;
            lead.id = store.next_lead_id();
            lead.title = "Contact " + contact.id + " lead";
            lead.owner_id = store.persons.back().owner_id.value_or(fallback_user);
            lead.person_id = store.persons.back().id;
            lead.org_id = store.persons.back().org_id;
            lead.source_name = *contact.channel;
            lead.add_time = epoch_seconds_of(contact.created_at);
            lead.update_time = std::max(now, lead.add_time);
            store.leads.push_back(std::move(lead));
        }
    }
    for (const model::Contact& contact : source.contacts) {
        PersonRecord& person = *find_by_id(store.persons, person_ids.at(contact.id));
        const std::optional<std::int64_t> referrer = mapped(person_ids, contact.referred_by);
        if (referrer) person.custom[referred_by.field_code] = std::to_string(*referrer);
        back.contacts.push_back({std::to_string(person.id), as_text(person.owner_id), model_ms_of(person.add_time), contact.channel,
                                 as_text(referrer), as_text(person.org_id)});
    }

    // ---- deals and their stage history ---------------------------------------------------------
    std::unordered_map<std::string, std::vector<const model::StageChange*>> history_of;
    for (const model::StageChange& change : source.stage_changes) history_of[change.deal_id].push_back(&change);

    IdMap deal_ids;
    for (const model::Deal& source_deal : source.deals) {
        const auto pipeline = pipeline_ids.find(source_deal.pipeline_id);
        if (pipeline == pipeline_ids.end()) continue;  // a pipeline without open stages cannot exist in Pipedrive
        DealRecord deal;
        deal.id = store.next_deal_id++;
        deal.title = "Deal " + source_deal.id;
        deal.owner_id = user_of(source_deal.owner_id);
        deal.person_id = mapped(person_ids, source_deal.contact_id);
        deal.org_id = mapped(organization_ids, source_deal.company_id);
        deal.pipeline_id = pipeline->second;
        deal.value = source_deal.amount.value_or(0.0);
        deal.add_time = epoch_seconds_of(source_deal.created_at);

        // Open-stage entries in time order, repeats dropped; the first is the creation stage.
        std::vector<const model::StageChange*> changes = history_of[source_deal.id];
        std::stable_sort(changes.begin(), changes.end(), [](const model::StageChange* a, const model::StageChange* b) {
            return a->entered_at < b->entered_at;
        });
        std::vector<StageEntry> entries;
        for (const model::StageChange* change : changes) {
            const auto stage = stage_ids.find(change->stage_id);
            if (stage == stage_ids.end()) continue;
            if (!entries.empty() && entries.back().stage_id == stage->second) continue;
            entries.push_back({stage->second, epoch_seconds_of(change->entered_at)});
        }
        const std::optional<std::int64_t> named_stage = mapped(stage_ids, source_deal.stage_id);
        const bool open = source_deal.status == model::DealStatus::open;
        std::int64_t current = first_stage_of.at(deal.pipeline_id);
        if (open && named_stage)
            current = *named_stage;
        else if (!entries.empty())
            current = entries.back().stage_id;
        else if (named_stage)
            current = *named_stage;
        if (entries.empty()) entries.push_back({current, deal.add_time});
        if (entries.back().stage_id != current) entries.push_back({current, std::max(entries.back().time, deal.add_time)});
        entries.front().time = deal.add_time;
        deal.stage_id = current;

        std::int64_t last_change = deal.add_time;
        for (std::size_t i = 1; i < entries.size(); ++i) {
            store.record_change(deal.id, "stage_id", entries[i - 1].stage_id, entries[i].stage_id, entries[i].time,
                                deal.owner_id);
            last_change = std::max(last_change, entries[i].time);
        }
        if (entries.size() > 1) deal.stage_change_time = entries.back().time;
        std::optional<std::int64_t> closed_at;
        if (!open) {
            closed_at = source_deal.closed_at ? epoch_seconds_of(*source_deal.closed_at) : deal.add_time;
            deal.status = source_deal.status == model::DealStatus::won ? "won" : "lost";
            (deal.status == "won" ? deal.won_time : deal.lost_time) = closed_at;
            deal.close_time = closed_at;
            store.record_change(deal.id, "status", "open", boost::json::value(deal.status), *closed_at, deal.owner_id);
            last_change = std::max(last_change, *closed_at);
        }
        deal.update_time = std::max(now, last_change);
        deal_ids[source_deal.id] = deal.id;

        const std::string id = std::to_string(deal.id);
        const std::string p = std::to_string(deal.pipeline_id);
        const std::string read_stage = open ? std::to_string(deal.stage_id) : p + ":" + deal.status;
        back.deals.push_back({id, std::to_string(deal.owner_id), as_text(deal.person_id), as_text(deal.org_id), p,
                              read_stage, deal.value, model_ms_of(deal.add_time),
                              closed_at ? std::optional<model::Timestamp>(model_ms_of(*closed_at)) : std::nullopt,
                              source_deal.status});
        for (const StageEntry& entry : entries)
            back.stage_changes.push_back({id, std::to_string(entry.stage_id), model_ms_of(entry.time)});
        if (closed_at) back.stage_changes.push_back({id, read_stage, model_ms_of(*closed_at)});
        store.deals.push_back(std::move(deal));
    }

    // ---- activities (done) and notes -----------------------------------------------------------
    std::vector<model::Activity> notes_back;
    for (const model::Activity& activity : source.activities) {
        const std::int64_t owner = user_of(activity.owner_id);
        const std::optional<std::int64_t> deal = mapped(deal_ids, activity.deal_id);
        const std::optional<std::int64_t> person = mapped(person_ids, activity.contact_id);
        if (activity.type == model::ActivityType::note) {
            NoteRecord note;
            note.id = store.next_note_id++;
            note.content = activity.objection ? "<p>Discussed pricing. #objection</p>" : "<p>Discussed next steps.</p>";
            note.user_id = owner;
            note.deal_id = deal;
            note.person_id = person;
            note.add_time = epoch_seconds_of(activity.at);
            note.update_time = std::max(now, note.add_time);
            model::Activity read;
            read.id = "note:" + std::to_string(note.id);
            read.owner_id = std::to_string(owner);
            read.type = model::ActivityType::note;
            read.at = model_ms_of(note.add_time);
            read.contact_id = as_text(person);
            read.deal_id = as_text(deal);
            read.objection = activity.objection;
            notes_back.push_back(std::move(read));
            store.notes.push_back(std::move(note));
            continue;
        }
        ActivityRecord record;
        record.id = store.next_activity_id++;
        record.type = activity_type_key(activity.type);
        record.subject = record.type + " " + activity.id;
        record.owner_id = owner;
        record.deal_id = deal;
        record.person_id = person;
        record.done = true;
        record.due = epoch_seconds_of(activity.at);
        if (activity.duration_s) record.duration_minutes = static_cast<int>(std::lround(*activity.duration_s / 60.0));
        record.marked_as_done_time = record.due;
        record.add_time = record.due;
        record.update_time = std::max(now, record.due);
        if (activity.objection) record.note = "Customer pushed back on price #objection";
        model::Activity read;
        read.id = "activity:" + std::to_string(record.id);
        read.owner_id = std::to_string(owner);
        read.type = activity.type;
        read.at = model_ms_of(record.due);
        read.contact_id = as_text(person);
        read.deal_id = as_text(deal);
        if (record.duration_minutes) read.duration_s = *record.duration_minutes * 60.0;
        read.objection = activity.objection;
        back.activities.push_back(std::move(read));
        store.activities.push_back(std::move(record));
    }
    for (model::Activity& note : notes_back) back.activities.push_back(std::move(note));
    return back;
}

}  // namespace sellerscore::fakes::pipedrive
