#include "sync_reader.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include <boost/json.hpp>

#include "connectors/http/form_body.hpp"
#include "call_outcome.hpp"
#include "company_currency.hpp"
#include "content_fingerprint.hpp"
#include "json_access.hpp"
#include "pipedrive_time.hpp"
#include "plugin/model/record_json.hpp"
#include "stage_catalog.hpp"
#include "stage_history.hpp"
#include "sync_cursor.hpp"

namespace sellerscore::connectors::pipedrive {

namespace json = boost::json;

// A v2 list read from its mark, sorted by update_time so that every chunk's end is a mark to
// resume from.
struct ListSpec {
    std::string_view name;
    std::string_view path;
    std::string_view filters;
    std::size_t chunk;
};

namespace {

// Deals come in small chunks because each may need its changelog (20 tokens): a budget stop then
// loses little. Deleted deals (status=deleted, kept 30 days) are asked for on every read: they
// become removals, and the mark is the same whether the read was the first or not.
constexpr std::string_view deal_filters = "&status=open,won,lost,deleted";
constexpr std::string_view archived_deal_filters = "&status=open,won,lost";

constexpr std::string_view notes_mark = "notes";
constexpr std::string_view leads_mark = "leads";

std::string changed_since_target(std::string_view path, std::string_view filters, const ListMark* mark) {
    std::string target =
        PipedriveApi::v2(path) + "?limit=500&sort_by=update_time&sort_direction=asc" + std::string(filters);
    if (mark != nullptr) target += "&updated_since=" + format_v2_time(mark->at);
    return target;
}

// v1 notes take `sort` as "field DIRECTION" and, unlike v1's own time fields, `updated_since` in
// RFC 3339 ("2025-01-01T10:20:00Z"); "2025-01-01 10:20:00" is a 400.
std::string notes_target(const ListMark* mark, std::string_view order) {
    std::string target = PipedriveApi::v1("/notes?limit=500&sort=") + http::form_encode("update_time " + std::string(order));
    if (mark != nullptr) target += "&updated_since=" + http::form_encode(format_v2_time(mark->at));
    return target;
}

std::optional<model::Timestamp> updated_at(const json::value& item) { return parse_time(text_at(item, "update_time")); }

// Stops a page walk early without being an error.
const Status walk_done{StatusCode::cancelled, "walk done"};

}  // namespace

struct SyncReader::Run {
    struct LeadSource {
        model::Timestamp added = 0;
        std::string source_name;
    };

    SyncCursor prior;  // the cursor read from, less the lists that must be read whole again
    SyncCursor next;
    RecordSink* sink = nullptr;  // null while only computing the cursor

    std::vector<model::Seller> sellers;
    StageCatalog stages;
    bool sellers_changed = false;
    bool stages_changed = false;
    PersonFieldKeys person_keys;
    ExperienceFields experience;
    std::map<RecordObject, std::map<std::string, CustomField>> ours;

    std::map<std::string, LeadSource> lead_sources;  // by person id: the earliest lead's source
    std::set<std::string> persons_with_changed_leads;
    std::optional<ListMark> leads;
    std::set<std::string> persons_read;
    std::size_t unconverted_amounts = 0;
    // Call outcomes by activity id, from the call logs; read once per run, at the first call.
    std::optional<std::map<std::string, model::Outcome>> call_outcomes;
    // The changelogs of the chunk of deals being added, fetched together (by deal id).
    std::map<std::string, std::vector<json::value>> changelogs;
};

namespace {

const ListSpec deals_list{"deals", "/deals", deal_filters, 25};
const ListSpec archived_deals_list{"archived_deals", "/deals/archived", archived_deal_filters, 25};
const ListSpec persons_list{"persons", "/persons", "", 500};
const ListSpec organizations_list{"organizations", "/organizations", "", 500};
// Done and not done activities alike (record_mapper.hpp says how each is held).
const ListSpec activities_list{"activities", "/activities", "", 500};

}  // namespace

SyncReader::SyncReader(PipedriveApi& api, FieldDirectory& fields, ReaderSettings settings)
    : api_(api),
      fields_(fields),
      settings_(std::move(settings)),
      activity_types_(settings_.visit_types, settings_.proposal_types),
      mapper_(settings_.mapping, activity_types_) {}

Status SyncReader::load_catalogs(Run& run) {
    // GET /v1/users and /v1/activityTypes take no parameters and answer every item at once.
    auto users = api_.unpaged_list(PipedriveApi::v1("/users"));
    if (!users) return users.status();
    if (settings_.mapping.home_currency.empty()) {
        std::string currency = company_currency(*users);
        if (currency.empty()) {
            currency = "EUR";
            if (settings_.log) {
                settings_.log(http::LogLevel::warn, "pipedrive: no user reports a default currency: amounts are taken as "
                                                    "EUR (set pipedrive.home_currency to change it)");
            }
        }
        mapper_.set_home_currency(std::move(currency));
    }
    ContentFingerprint sellers_print;
    for (const auto& user : *users) {
        if (auto seller = mapper_.seller(user)) {
            sellers_print.add(model::to_ndjson(*seller));
            run.sellers.push_back(std::move(*seller));
        }
    }

    auto pipelines = api_.cursor_list(PipedriveApi::v2("/pipelines?limit=500"));
    if (!pipelines) return pipelines.status();
    auto stages = api_.cursor_list(PipedriveApi::v2("/stages?limit=500"));
    if (!stages) return stages.status();
    run.stages = StageCatalog::from_lists(*pipelines, *stages);

    auto activity_types = api_.unpaged_list(PipedriveApi::v1("/activityTypes"));
    if (!activity_types) return activity_types.status();

    auto channel = fields_.named(RecordObject::contact, settings_.channel_field);
    if (!channel) return channel.status();
    auto referrer = fields_.named(RecordObject::contact, settings_.referral_field);
    if (!referrer) return referrer.status();
    run.person_keys = PersonFieldKeys{*channel, *referrer};
    ContentFingerprint person_fields_print;
    for (const auto* field : {&run.person_keys.channel, &run.person_keys.referred_by}) {
        person_fields_print.add(*field ? (*field)->code + ":" + (*field)->type : "-");
        if (*field) {
            for (const auto& option : (*field)->options) person_fields_print.add(std::to_string(option.id) + "=" + option.label);
        }
    }

    // Warned about once per read, not again when only the cursor is computed.
    auto experience = ExperienceFields::resolve(fields_, settings_.experience,
                                                run.sink != nullptr ? settings_.log : http::LogSink{});
    if (!experience) return experience.status();
    run.experience = std::move(*experience);

    for (RecordObject object : {RecordObject::deal, RecordObject::contact, RecordObject::company}) {
        auto ours = fields_.ours(object);
        if (!ours) return ours.status();
        run.ours[object] = std::move(*ours);
    }

    std::map<std::string, std::string> hashes{{"users", sellers_print.hex()},
                                              {"stages", run.stages.fingerprint()},
                                              {"activity_types", activity_types_.fingerprint(*activity_types)},
                                              {"person_fields", person_fields_print.hex()}};
    // Only when fields are named: a cursor from before these settings existed is not read again whole.
    const bool experience_named = !settings_.experience.survey_score_field.empty() ||
                                  !settings_.experience.delivery_promised_field.empty();
    if (experience_named || !run.prior.hash("experience_fields").empty()) {
        hashes["experience_fields"] = experience_named ? run.experience.fingerprint() : std::string("-");
    }
    run.sellers_changed = run.prior.hash("users") != hashes.at("users");
    run.stages_changed = run.prior.hash("stages") != hashes.at("stages");
    // Mapped differently now: every activity, or every person's channel, is read again.
    if (run.prior.hash("activity_types") != hashes.at("activity_types")) run.prior.marks.erase("activities");
    if (run.prior.hash("person_fields") != hashes.at("person_fields")) run.prior.marks.erase("persons");
    // Other survey or delivery fields named: every deal and person is read again.
    if (hashes.count("experience_fields") > 0 && run.prior.hash("experience_fields") != hashes.at("experience_fields")) {
        for (std::string_view list : {deals_list.name, archived_deals_list.name, persons_list.name}) {
            run.prior.marks.erase(std::string(list));
        }
    }
    run.next = run.prior;
    run.next.hashes = hashes;
    return Status::ok();
}

Status SyncReader::check_experience_fields() {
    auto experience = ExperienceFields::resolve(fields_, settings_.experience, settings_.log);
    return experience ? Status::ok() : experience.status();
}

Status SyncReader::load_leads(Run& run) {
    auto leads = api_.offset_list(PipedriveApi::v1("/leads?limit=500"));
    if (!leads) return leads.status();
    const ListMark* prior = run.prior.mark(leads_mark);
    ListMark mark;
    bool any = false;
    for (const auto& lead : *leads) {
        const std::string id = text_at(lead, "id");
        const auto at = updated_at(lead);
        if (id.empty() || !at) continue;
        mark.advance(*at, id);
        any = true;
        const std::string person = text_at(lead, "person_id");
        const std::string source = text_at(lead, "source_name");
        if (person.empty() || source.empty()) continue;
        const model::Timestamp added = parse_time(text_at(lead, "add_time")).value_or(*at);
        auto [it, inserted] = run.lead_sources.try_emplace(person, Run::LeadSource{added, source});
        if (!inserted && added < it->second.added) it->second = Run::LeadSource{added, source};
        if (prior != nullptr && !prior->covers(*at, id)) run.persons_with_changed_leads.insert(person);
    }
    if (any) run.leads = mark;
    return Status::ok();
}

Status SyncReader::emit(Run& run, ReadPage&& page) { return run.sink->accept(std::move(page)); }

void SyncReader::add_held_values(const std::map<std::string, CustomField>& ours, RecordObject object,
                                 const std::string& id, const json::value& item, bool with_nulls, ReadPage& page) const {
    for (const auto& [field_id, field] : ours) {
        FieldValue value = field.held_value(custom_field_value(item, field.code));
        if (!with_nulls && std::holds_alternative<std::monostate>(value)) continue;
        page.held_values.push_back(HeldValue{object, id, field_id, std::move(value)});
    }
}

Status SyncReader::read_changes(Run& run, const ListSpec& list, const AddItem& add, const PrepareChunk& prepare) {
    const ListMark* since = run.prior.mark(list.name);
    const std::optional<ListMark> prior = since ? std::optional<ListMark>(*since) : std::nullopt;
    return api_.each_cursor_page(changed_since_target(list.path, list.filters, since), [&](std::vector<json::value>&& items) {
        for (std::size_t begin = 0; begin < items.size(); begin += list.chunk) {
            const std::size_t end = std::min(items.size(), begin + list.chunk);
            if (prepare) {
                std::vector<const json::value*> changed;
                for (std::size_t i = begin; i < end; ++i) {
                    const auto at = updated_at(items[i]);
                    if (at && prior && prior->covers(*at, text_at(items[i], "id"))) continue;
                    changed.push_back(&items[i]);
                }
                if (Status s = prepare(changed); !s) return s;
            }
            ReadPage page;
            for (std::size_t i = begin; i < end; ++i) {
                const std::string id = text_at(items[i], "id");
                const auto at = updated_at(items[i]);
                if (id.empty() || !at) continue;
                // updated_since is inclusive: what the mark's second already delivered comes again.
                if (prior && prior->covers(*at, id)) continue;
                if (Status s = add(items[i], page); !s) return s;
                run.next.marks[std::string(list.name)].advance(*at, id);
            }
            page.checkpoint = run.next.to_text();
            if (Status s = emit(run, std::move(page)); !s) return s;
        }
        return Status::ok();
    });
}

Status SyncReader::add_deal(Run& run, const json::value& item, ReadPage& page) {
    const std::string id = text_at(item, "id");
    if (bool_at(item, "is_deleted").value_or(false) || text_at(item, "status") == "deleted") {
        page.removed.push_back(RemovedRecord{model::RecordType::deal, id});
        run.experience.remove_for_deal(id, page);
        return Status::ok();
    }
    bool unconverted = false;
    auto deal = mapper_.deal(item, unconverted);
    if (!deal) {
        page.removed.push_back(RemovedRecord{model::RecordType::deal, id});
        run.experience.remove_for_deal(id, page);
        return Status::ok();
    }
    run.experience.add_from_deal(item, *deal, page);
    if (unconverted) ++run.unconverted_amounts;
    // The changelog, not the flow: 20 tokens a page against 40, and it carries the same stage_id
    // changes. A deal without stage_change_time never changed stage and needs no call.
    std::vector<json::value> changelog;
    if (const auto fetched = run.changelogs.find(id); fetched != run.changelogs.end()) changelog = std::move(fetched->second);
    for (auto& change : stage_history(*deal, text_at(item, "stage_id"), changelog)) {
        page.records.stage_changes.push_back(std::move(change));
    }
    add_held_values(run.ours[RecordObject::deal], RecordObject::deal, id, item, false, page);
    page.records.deals.push_back(std::move(*deal));
    return Status::ok();
}

std::string SyncReader::changelog_target(const std::string& deal_id) {
    return PipedriveApi::v1("/deals/" + deal_id + "/changelog?limit=500");
}

Status SyncReader::fetch_changelogs(Run& run, const std::vector<const json::value*>& deals) {
    run.changelogs.clear();
    // A deal without stage_change_time never changed stage and needs no call.
    std::vector<std::string> ids;
    std::vector<http::HttpRequest> requests;
    for (const json::value* deal : deals) {
        if (text_at(*deal, "stage_change_time").empty()) continue;
        if (bool_at(*deal, "is_deleted").value_or(false) || text_at(*deal, "status") == "deleted") continue;
        ids.push_back(text_at(*deal, "id"));
        http::HttpRequest request;
        request.target = changelog_target(ids.back());
        requests.push_back(std::move(request));
    }
    if (requests.empty()) return Status::ok();
    // The first page of several at once (the client keeps them inside the burst limit, the budget
    // holds their cost before they go); a longer changelog pages on by itself.
    std::vector<Result<http::HttpResponse>> answers;
    const std::size_t group = std::max<std::size_t>(1, settings_.concurrent_reads);
    for (std::size_t begin = 0; begin < requests.size(); begin += group) {
        const std::vector<http::HttpRequest> some(requests.begin() + static_cast<std::ptrdiff_t>(begin),
                                                  requests.begin() + static_cast<std::ptrdiff_t>(std::min(requests.size(), begin + group)));
        for (auto& answer : api_.send_all(some)) answers.push_back(std::move(answer));
    }
    for (std::size_t k = 0; k < answers.size(); ++k) {
        if (!answers[k]) return answers[k].status();
        const http::HttpResponse& response = *answers[k];
        if (response.status == 404 || response.status == 410) continue;
        if (response.status / 100 != 2) return PipedriveApi::error_of(requests[k], response);
        boost::system::error_code ec;
        json::value body = json::parse(response.body, ec);
        if (ec) return Status::data("pipedrive: " + PipedriveApi::where(requests[k]) + ": the response is not JSON");
        std::vector<json::value>& changelog = run.changelogs[ids[k]];
        if (json::value* data = body.is_object() ? body.get_object().if_contains("data") : nullptr; data && data->is_array()) {
            for (auto& entry : data->get_array()) changelog.push_back(std::move(entry));
        }
        const json::value* more = member(body, "additional_data");
        const std::string next = more ? text_at(*more, "next_cursor") : std::string();
        if (next.empty()) continue;
        Status rest = api_.each_cursor_page(changelog_target(ids[k]) + "&cursor=" + http::form_encode(next),
                                            [&](std::vector<json::value>&& items) {
                                                for (auto& entry : items) changelog.push_back(std::move(entry));
                                                return Status::ok();
                                            });
        if (!rest) return rest;
    }
    return Status::ok();
}

Status SyncReader::add_person(Run& run, const json::value& item, ReadPage& page) {
    auto contact = mapper_.contact(item, run.person_keys);
    if (!contact) {
        page.removed.push_back(RemovedRecord{model::RecordType::contact, text_at(item, "id")});
        run.experience.remove_for_person(text_at(item, "id"), page);
        return Status::ok();
    }
    run.experience.add_from_person(item, contact->id, page);
    if (!contact->channel) {
        if (const auto lead = run.lead_sources.find(contact->id); lead != run.lead_sources.end()) {
            contact->channel = lead->second.source_name;
        }
    }
    run.persons_read.insert(contact->id);
    add_held_values(run.ours[RecordObject::contact], RecordObject::contact, contact->id, item, false, page);
    page.records.contacts.push_back(std::move(*contact));
    return Status::ok();
}

Status SyncReader::reread_lead_persons(Run& run) {
    ReadPage page;
    for (const auto& person_id : run.persons_with_changed_leads) {
        if (run.persons_read.count(person_id) > 0) continue;
        auto body = api_.get(PipedriveApi::v2("/persons/" + person_id));
        if (!body) {
            if (body.status().code() == StatusCode::not_found) continue;
            return body.status();
        }
        const json::value* person = member(*body, "data");
        if (person == nullptr) continue;
        if (Status s = add_person(run, *person, page); !s) return s;
    }
    // Only now are the changed leads taken care of.
    if (run.leads) run.next.marks[std::string(leads_mark)] = *run.leads;
    page.checkpoint = run.next.to_text();
    return emit(run, std::move(page));
}

Status SyncReader::load_call_outcomes(Run& run) {
    run.call_outcomes.emplace();
    // 50 is the documented page maximum; the list holds the calls of the user the API is used as.
    return api_.each_offset_page(PipedriveApi::v1("/callLogs?limit=50"), [&](std::vector<json::value>&& items) {
        for (const auto& log : items) {
            const std::string activity = text_at(log, "activity_id");
            const auto outcome = call_outcome(text_at(log, "outcome"));
            if (!activity.empty() && outcome) (*run.call_outcomes)[activity] = *outcome;
        }
        return Status::ok();
    });
}

Status SyncReader::read_notes(Run& run) {
    // v1 offset paging gives no resumable point inside the list: the checkpoint comes at its end.
    const ListMark* since = run.prior.mark(notes_mark);
    const std::optional<ListMark> prior = since ? std::optional<ListMark>(*since) : std::nullopt;
    Status walked = api_.each_offset_page(notes_target(since, "ASC"), [&](std::vector<json::value>&& items) {
        ReadPage page;
        for (const auto& item : items) {
            const std::string id = text_at(item, "id");
            const auto at = updated_at(item);
            if (id.empty() || !at || (prior && prior->covers(*at, id))) continue;
            if (auto note = mapper_.note(item)) {
                page.records.activities.push_back(std::move(*note));
            } else {
                page.removed.push_back(RemovedRecord{model::RecordType::activity, RecordMapper::note_id(id)});
            }
            run.next.marks[std::string(notes_mark)].advance(*at, id);
        }
        return emit(run, std::move(page));
    });
    if (!walked) return walked;
    ReadPage end;
    end.checkpoint = run.next.to_text();
    return emit(run, std::move(end));
}

Result<std::string> SyncReader::read(std::string_view cursor, RecordSink& sink) {
    auto prior = SyncCursor::parse(cursor);
    if (!prior) return prior.status();
    Run run;
    run.prior = std::move(*prior);
    run.sink = &sink;
    if (Status s = load_catalogs(run); !s) return s;
    if (Status s = load_leads(run); !s) return s;

    ReadPage catalogs;
    if (run.sellers_changed) catalogs.records.sellers = run.sellers;
    if (run.stages_changed) catalogs.records.stages = run.stages.stages();
    catalogs.checkpoint = run.next.to_text();
    if (Status s = emit(run, std::move(catalogs)); !s) return s;

    const auto deal = [&](const json::value& item, ReadPage& page) { return add_deal(run, item, page); };
    const auto changelogs = [&](const std::vector<const json::value*>& deals) { return fetch_changelogs(run, deals); };
    if (Status s = read_changes(run, deals_list, deal, changelogs); !s) return s;
    if (Status s = read_changes(run, archived_deals_list, deal, changelogs); !s) return s;
    const auto person = [&](const json::value& item, ReadPage& page) { return add_person(run, item, page); };
    if (Status s = read_changes(run, persons_list, person); !s) return s;
    if (Status s = reread_lead_persons(run); !s) return s;
    // Organizations carry nothing but our fields' values.
    if (!run.ours[RecordObject::company].empty()) {
        const auto organization = [&](const json::value& item, ReadPage& page) {
            add_held_values(run.ours[RecordObject::company], RecordObject::company, text_at(item, "id"), item, true, page);
            return Status::ok();
        };
        if (Status s = read_changes(run, organizations_list, organization); !s) return s;
    }
    const auto activity = [&](const json::value& item, ReadPage& page) {
        const std::string id = RecordMapper::activity_id(text_at(item, "id"));
        auto mapped = mapper_.activity(item);
        if (mapped && mapped->type == model::ActivityType::call && !mapped->outcome) {
            if (!run.call_outcomes) {
                if (Status s = load_call_outcomes(run); !s) return s;
            }
            if (const auto found = run.call_outcomes->find(text_at(item, "id")); found != run.call_outcomes->end()) {
                mapped->outcome = found->second;
            }
        }
        if (mapped) {
            page.records.activities.push_back(std::move(*mapped));
        } else {
            page.removed.push_back(RemovedRecord{model::RecordType::activity, id});
        }
        return Status::ok();
    };
    if (Status s = read_changes(run, activities_list, activity); !s) return s;
    if (Status s = read_notes(run); !s) return s;

    if (run.unconverted_amounts > 0 && settings_.log) {
        settings_.log(http::LogLevel::warn,
                      "pipedrive: " + std::to_string(run.unconverted_amounts) + " deals have a currency other than " +
                          mapper_.home_currency() +
                          " and no rate in kpi.fx_rates: their amounts are left out");
    }
    return run.next.to_text();
}

Status SyncReader::latest_mark(Run& run, const ListSpec& list) {
    // 500 to a page: a page costs the same 10 tokens whatever its size, and a bulk import can give
    // thousands of records the same newest second.
    const std::string target = PipedriveApi::v2(list.path) + "?limit=500&sort_by=update_time&sort_direction=desc" +
                               std::string(list.filters);
    std::optional<ListMark> mark;
    bool done = false;
    Status walked = api_.each_cursor_page(target, [&](std::vector<json::value>&& items) {
        for (const auto& item : items) {
            const std::string id = text_at(item, "id");
            const auto at = updated_at(item);
            if (id.empty() || !at) continue;
            if (mark && *at < mark->at) {
                done = true;
                return walk_done;
            }
            if (!mark) mark.emplace();
            mark->advance(*at, id);
        }
        return Status::ok();
    });
    if (!walked && !done) return walked;
    if (mark) {
        run.next.marks[std::string(list.name)] = *mark;
    } else {
        run.next.marks.erase(std::string(list.name));
    }
    return Status::ok();
}

Status SyncReader::latest_notes_mark(Run& run) {
    // Asked newest first, the first page holds the mark. A server that ignores `sort` shows it by
    // answering out of order: then every page is needed.
    std::optional<ListMark> mark;
    std::optional<model::Timestamp> previous;
    bool in_order = true;
    bool done = false;
    Status walked = api_.each_offset_page(notes_target(nullptr, "DESC"), [&](std::vector<json::value>&& items) {
        for (const auto& item : items) {
            const std::string id = text_at(item, "id");
            const auto at = updated_at(item);
            if (id.empty() || !at) continue;
            if (previous && *at > *previous) in_order = false;
            previous = at;
            if (in_order && mark && *at < mark->at) {
                done = true;
                return walk_done;
            }
            if (!mark) mark.emplace();
            mark->advance(*at, id);
        }
        return Status::ok();
    });
    if (!walked && !done) return walked;
    if (mark) {
        run.next.marks[std::string(notes_mark)] = *mark;
    } else {
        run.next.marks.erase(std::string(notes_mark));
    }
    return Status::ok();
}

Result<std::string> SyncReader::cursor_after_own_writes(std::string_view read_cursor, const WriteLedger& ledger) {
    auto parsed = SyncCursor::parse(read_cursor);
    if (!parsed) return parsed.status();
    SyncCursor cursor = std::move(*parsed);
    const std::pair<const ListSpec*, RecordObject> lists[] = {{&deals_list, RecordObject::deal},
                                                              {&archived_deals_list, RecordObject::deal},
                                                              {&persons_list, RecordObject::contact},
                                                              {&organizations_list, RecordObject::company}};
    for (const auto& [list, object] : lists) {
        if (!ledger.wrote(object)) continue;
        const ListMark* since = cursor.mark(list->name);
        if (since == nullptr) continue;  // never read: nothing to move
        ListMark mark = *since;
        bool foreign = false;
        Status walked = api_.each_cursor_page(changed_since_target(list->path, list->filters, since),
                                              [&](std::vector<json::value>&& items) {
                                                  for (const auto& item : items) {
                                                      const std::string id = text_at(item, "id");
                                                      const auto at = updated_at(item);
                                                      if (id.empty() || !at || since->covers(*at, id)) continue;
                                                      if (ledger.written_at(object, id) != at) {
                                                          foreign = true;
                                                          return walk_done;
                                                      }
                                                      mark.advance(*at, id);
                                                  }
                                                  return Status::ok();
                                              });
        if (!walked && !foreign) return walked;
        if (foreign) {
            if (settings_.log) {
                settings_.log(http::LogLevel::debug, "pipedrive: " + std::string(list->name) +
                                                         " changed since the read beyond our writes: the next run reads them");
            }
            continue;
        }
        cursor.marks[std::string(list->name)] = mark;
    }
    return cursor.to_text();
}

Result<bool> SyncReader::changed_after(const ListSpec& list, const ListMark& mark) {
    ListMark after;
    after.at = mark.at - mark.at % model::ms_per_second + model::ms_per_second;  // the next whole second
    std::string target = changed_since_target(list.path, list.filters, &after);
    target.replace(target.find("limit=500"), 9, "limit=1");
    auto body = api_.get(target);
    if (!body) return body.status();
    const json::value* data = member(*body, "data");
    return data != nullptr && data->is_array() && !data->get_array().empty();
}

Result<bool> SyncReader::notes_changed_after(const ListMark& mark) {
    ListMark after;
    after.at = mark.at - mark.at % model::ms_per_second + model::ms_per_second;  // the next whole second
    std::string target = notes_target(&after, "ASC");
    target.replace(target.find("limit=500"), 9, "limit=1");
    auto body = api_.get(target);
    if (!body) return body.status();
    const json::value* data = member(*body, "data");
    return data != nullptr && data->is_array() && !data->get_array().empty();
}

Result<std::string> SyncReader::current_cursor(const std::optional<SyncCursor>& remembered,
                                                model::Timestamp settled_before) {
    Run run;
    if (Status s = load_catalogs(run); !s) return s;
    if (Status s = load_leads(run); !s) return s;
    if (run.leads) run.next.marks[std::string(leads_mark)] = *run.leads;
    // A remembered mark whose second had passed when it was handed out cannot gain records in that
    // second any more: if nothing is newer, it still holds.
    const auto settled = [&](std::string_view name) -> const ListMark* {
        const ListMark* mark = remembered ? remembered->mark(name) : nullptr;
        return mark != nullptr && mark->at < settled_before ? mark : nullptr;
    };
    std::vector<const ListSpec*> lists{&deals_list, &archived_deals_list, &persons_list, &activities_list};
    if (!run.ours[RecordObject::company].empty()) lists.push_back(&organizations_list);
    for (const ListSpec* list : lists) {
        if (const ListMark* mark = settled(list->name)) {
            auto changed = changed_after(*list, *mark);
            if (!changed) return changed.status();
            if (!*changed) {
                run.next.marks[std::string(list->name)] = *mark;
                continue;
            }
        }
        if (Status s = latest_mark(run, *list); !s) return s;
    }
    if (const ListMark* mark = settled(notes_mark)) {
        auto changed = notes_changed_after(*mark);
        if (!changed) return changed.status();
        if (!*changed) {
            run.next.marks[std::string(notes_mark)] = *mark;
            return run.next.to_text();
        }
    }
    if (Status s = latest_notes_mark(run); !s) return s;
    return run.next.to_text();
}

}  // namespace sellerscore::connectors::pipedrive
