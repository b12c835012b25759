#include "portal_reader.hpp"

#include <algorithm>
#include <future>

#include <boost/json.hpp>

#include "association_reader.hpp"
#include "content_hash.hpp"
#include "json_access.hpp"
#include "list_request.hpp"
#include "property_value.hpp"
#include "search_pager.hpp"

namespace sellerscore::connectors::hubspot {

namespace json = boost::json;

namespace {

constexpr int owners_max_limit = 500;
const std::vector<std::string> stage_history_property{"dealstage"};

std::string next_after(const json::value& body) {
    const json::value* paging = member(body, "paging");
    const json::value* next = paging ? member(*paging, "next") : nullptr;
    return next ? string_at(*next, "after") : std::string();
}

const json::array& results_of(const json::value& body) {
    static const json::array none;
    const json::array* results = array_at(body, "results");
    return results ? *results : none;
}

std::string owners_fingerprint(std::vector<model::Seller> sellers) {
    std::sort(sellers.begin(), sellers.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    ContentHash hash;
    for (const auto& s : sellers) {
        hash.add(std::string_view(s.id));
        hash.add(std::string_view(s.name));
        hash.add(std::string_view(s.email));
        hash.add(s.team);
        hash.add(static_cast<std::int64_t>(s.active));
    }
    return hash.hex();
}

bool empty(const ReadPage& page) {
    return page.records.record_count() == 0 && page.held_values.empty() && page.removed.empty();
}

}  // namespace

PortalReader::PortalReader(HubSpotApi& api, const FieldSchema& schema, MappingOptions options, http::LogSink log,
                           std::function<bool()> cancelled)
    : api_(api), schema_(schema), options_(std::move(options)), log_(std::move(log)), cancelled_(std::move(cancelled)) {}

Result<PortalReference> PortalReader::read_reference(HubSpotApi& api) {
    PortalReference reference;
    // Only the mapping of owners is used here; no stage or schema is consulted.
    const StageCatalog no_stages;
    const FieldSchema no_fields;
    const RecordMapper mapper(MappingOptions{}, no_stages, no_fields);
    for (const bool archived : {false, true}) {
        std::string after;
        do {
            std::string target = api.v3("/owners?limit=" + std::to_string(owners_max_limit));
            if (archived) target += "&archived=true";
            if (!after.empty()) target += "&after=" + encode_query_value(after);
            auto body = api.get(target);
            if (!body) return body.status();
            for (const auto& owner : results_of(*body)) {
                if (auto seller = mapper.seller(owner)) {
                    if (archived) seller->active = false;
                    reference.sellers.push_back(std::move(*seller));
                }
            }
            after = next_after(*body);
        } while (!after.empty());
    }
    reference.owners_fingerprint = owners_fingerprint(reference.sellers);
    auto pipelines = api.get(api.v3("/pipelines/deals"));
    if (!pipelines) return pipelines.status();
    auto stages = StageCatalog::from_pipelines(*pipelines);
    if (!stages) return stages.status();
    reference.stages = std::move(*stages);
    return reference;
}

std::vector<std::string> PortalReader::properties(ObjectType type) const {
    std::vector<std::string> names;
    const auto add_name = [&names](std::string name) {
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
    };
    for (std::string_view name : base_properties(type)) add_name(std::string(name));
    if (type == ObjectType::contacts) {
        add_name(options_.referral_property);
        add_name(options_.channel_property);
    }
    if (type == ObjectType::deals && !options_.delivery_promised_property.empty()) {
        add_name(options_.delivery_promised_property);
        add_name(options_.delivery_delivered_property);
    }
    if (const auto object = record_object_of(type)) {
        for (const auto& [name, kind] : schema_.fields(*object)) add_name(property_name(name));
    }
    return names;
}

Status PortalReader::check_cancelled() const {
    if (cancelled_ && cancelled_()) return Status::cancelled("hubspot: read cancelled");
    return Status::ok();
}

Status PortalReader::deliver(RecordSink& sink, ReadPage&& page) {
    if (empty(page)) return Status::ok();
    return sink.accept(std::move(page));
}

MapOutcome PortalReader::add(ObjectType type, const RecordMapper& mapper, const json::value& object,
                             const FirstAssociations& links, ReadPage& page) {
    MapOutcome outcome = MapOutcome::mapped;
    switch (type) {
        case ObjectType::deals: outcome = mapper.add_deal(object, links, page); break;
        case ObjectType::contacts: outcome = mapper.add_contact(object, page); break;
        case ObjectType::companies: mapper.add_company(object, page); break;
        default: outcome = mapper.add_activity(type, object, links, page); break;
    }
    if (outcome == MapOutcome::no_owner) ++without_owner_[type];
    if (outcome == MapOutcome::not_a_record) ++not_records_[type];
    return outcome;
}

void PortalReader::report_skipped() {
    if (!log_) return;
    for (const auto& [type, count] : without_owner_) {
        log_(http::LogLevel::warn, "hubspot: skipped " + std::to_string(count) + " " + std::string(path_name(type)) +
                                       " without an owner (hubspot_owner_id): the model needs one");
    }
    for (const auto& [type, count] : not_records_) {
        log_(http::LogLevel::info, "hubspot: skipped " + std::to_string(count) + " " + std::string(path_name(type)) +
                                       " that are drafts or lack a date or stage");
    }
    without_owner_.clear();
    not_records_.clear();
}

Result<std::vector<json::value>> PortalReader::batch_read(ObjectType type, const std::vector<std::string>& ids,
                                                          const std::vector<std::string>& properties,
                                                          const std::vector<std::string>& with_history) {
    std::vector<json::value> objects;
    const std::size_t per_call = with_history.empty() ? ListRequest::batch_read_max_ids
                                                      : static_cast<std::size_t>(ListRequest::history_max_limit);
    const auto names_of = [](const std::vector<std::string>& list) {
        json::array names;
        for (const auto& name : list) names.push_back(json::string(name));
        return names;
    };
    for (std::size_t start = 0; start < ids.size(); start += per_call) {
        json::array inputs;
        const std::size_t end = std::min(ids.size(), start + per_call);
        for (std::size_t i = start; i < end; ++i) inputs.push_back(json::object{{"id", ids[i]}});
        json::object request{{"properties", names_of(properties)}, {"inputs", std::move(inputs)}};
        if (!with_history.empty()) request["propertiesWithHistory"] = names_of(with_history);
        auto body = api_.post(api_.v3("/objects/" + std::string(path_name(type)) + "/batch/read"), request);
        if (!body) return body.status();
        std::map<std::string, const json::value*> by_id;
        for (const auto& object : results_of(*body)) by_id[string_at(object, "id")] = &object;
        for (std::size_t i = start; i < end; ++i) {
            if (const auto it = by_id.find(ids[i]); it != by_id.end()) objects.push_back(*it->second);
        }
    }
    return objects;
}

Status PortalReader::attach_stage_history(json::array& deals) {
    std::vector<std::string> ids;
    for (const auto& deal : deals) ids.push_back(string_at(deal, "id"));
    auto read = batch_read(ObjectType::deals, ids, stage_history_property, stage_history_property);
    if (!read) return read.status();
    std::map<std::string, const json::value*> history_of;
    for (const auto& deal : *read) {
        if (const json::value* history = member(deal, "propertiesWithHistory")) history_of[string_at(deal, "id")] = history;
    }
    for (auto& deal : deals) {
        const auto it = history_of.find(string_at(deal, "id"));
        if (it != history_of.end() && deal.is_object()) deal.as_object()["propertiesWithHistory"] = *it->second;
    }
    return Status::ok();
}

Status PortalReader::list_type(ObjectType type, const RecordMapper& mapper, RecordSink& sink) {
    const std::vector<std::string> wide = properties(type);
    ListRequest list;
    list.path = api_.v3("/objects/" + std::string(path_name(type)));
    list.properties = wide;
    for (ObjectType target : association_targets(type)) list.associations.emplace_back(path_name(target));
    if (type == ObjectType::deals) {
        // Every stay of every deal, at HubSpot's page size for reads with history.
        list.properties_with_history = stage_history_property;
        list.limit = ListRequest::history_max_limit;
    }
    // A property list too long for a URL: list ids (with associations) and fetch the wide properties
    // (and the deals' histories) through batch/read instead of a URL that overflows.
    const bool through_batch_read = !list.fits();
    if (through_batch_read) {
        list.properties = {std::string(last_modified_property(type))};
        list.properties_with_history.clear();
    }
    Result<json::value> body = api_.get(list.target());
    while (true) {
        if (!body) return body.status();
        if (Status st = check_cancelled(); !st) return st;
        // The next page is fetched while this one is mapped and stored, so the client's own work
        // overlaps the round trip instead of adding to it: reads then run close to the rate limit.
        std::future<Result<json::value>> next_page;
        if (const std::string after = next_after(*body); !after.empty()) {
            list.after = after;
            next_page = std::async(std::launch::async, [this, target = list.target()] { return api_.get(target); });
        }
        const json::array& listed = results_of(*body);
        ReadPage page;
        if (through_batch_read) {
            std::vector<std::string> ids;
            std::map<std::string, FirstAssociations> links;
            for (const auto& object : listed) {
                ids.push_back(string_at(object, "id"));
                links[ids.back()] = embedded_associations(object);
            }
            const std::vector<std::string> history =
                type == ObjectType::deals ? stage_history_property : std::vector<std::string>{};
            auto objects = batch_read(type, ids, wide, history);
            if (!objects) return objects.status();
            for (const auto& object : *objects) add(type, mapper, object, links[string_at(object, "id")], page);
        } else {
            for (const auto& object : listed) add(type, mapper, object, embedded_associations(object), page);
        }
        if (Status st = deliver(sink, std::move(page)); !st) return st;
        if (!next_page.valid()) break;
        body = next_page.get();
    }
    return Status::ok();
}

Status PortalReader::search_type(ObjectType type, std::int64_t since_ms, const RecordMapper& mapper,
                                 RecordSink& sink) {
    SearchPager pager(std::string(last_modified_property(type)), since_ms, properties(type));
    do {
        if (Status st = check_cancelled(); !st) return st;
        auto body = api_.search(type, pager.request());
        if (!body) return body.status();
        json::array found = results_of(*body);
        // Search cannot return property histories: the changed deals' stage histories come from
        // batch/read, 50 deals per call.
        if (type == ObjectType::deals && !found.empty()) {
            if (Status st = attach_stage_history(found); !st) return st;
        }
        std::map<std::string, FirstAssociations> links;
        if (!association_targets(type).empty() && !found.empty()) {
            std::vector<std::string> ids;
            for (const auto& object : found) ids.push_back(string_at(object, "id"));
            auto associated = read_first_associations(api_, type, ids);
            if (!associated) return associated.status();
            links = std::move(*associated);
        }
        ReadPage page;
        for (const auto& object : found) {
            // A changed record that no longer maps (its owner removed, a quote back to draft) leaves the model.
            if (add(type, mapper, object, links[string_at(object, "id")], page) != MapOutcome::mapped) {
                mapper.add_removed(type, object, page.removed);
            }
        }
        if (Status st = deliver(sink, std::move(page)); !st) return st;
        if (!pager.advance(*body)) break;
    } while (true);
    return Status::ok();
}

Status PortalReader::archived_type(ObjectType type, std::int64_t since_ms, const RecordMapper& mapper,
                                   RecordSink& sink) {
    ListRequest list;
    list.path = api_.v3("/objects/" + std::string(path_name(type)));
    list.archived = true;
    if (type == ObjectType::deals) {
        // The proposal activities an archived deal implied are named after its entries into proposal stages.
        list.properties = {"dealstage"};
        list.properties_with_history = stage_history_property;
        list.limit = ListRequest::history_max_limit;
    }
    do {
        if (Status st = check_cancelled(); !st) return st;
        auto body = api_.get(list.target());
        if (!body) return body.status();
        ReadPage page;
        for (const auto& object : results_of(*body)) {
            const auto archived_at = parse_time_ms(string_at(object, "archivedAt"));
            if (archived_at && *archived_at < since_ms) continue;
            mapper.add_removed(type, object, page.removed);
        }
        if (Status st = deliver(sink, std::move(page)); !st) return st;
        const std::string after = next_after(*body);
        if (after.empty()) break;
        list.after = after;
    } while (true);
    return Status::ok();
}

// Feedback submissions are listed whole on every read (they have no cursor mark of their own):
// HubSpot's survey responses are read-only and few next to engagements. An incremental read delivers
// only those created since the previous read began, which `created_from` bounds from below. A portal
// without Service Hub surveys answers 403 or 404, and the read goes on without them after one
// warning line.
Status PortalReader::read_feedback_submissions(const RecordMapper& mapper, RecordSink& sink,
                                               std::int64_t created_from) {
    ListRequest list;
    list.path = api_.v3("/objects/" + std::string(feedback_submissions_path));
    for (std::string_view name : feedback_properties) list.properties.emplace_back(name);
    list.associations.emplace_back(path_name(ObjectType::contacts));
    std::size_t skipped = 0;
    do {
        if (Status st = check_cancelled(); !st) return st;
        auto body = api_.get(list.target());
        if (!body) {
            const StatusCode code = body.status().code();
            if (code != StatusCode::permission && code != StatusCode::not_found) return body.status();
            if (log_) {
                log_(http::LogLevel::warn, "hubspot: no feedback submissions readable (" + body.status().message() +
                                               "): csat and nps are read without surveys");
            }
            return Status::ok();
        }
        ReadPage page;
        for (const auto& object : results_of(*body)) {
            if (created_from > 0 && parse_time_ms(property_at(object, "hs_createdate")).value_or(created_from) < created_from) {
                continue;
            }
            if (mapper.add_feedback_submission(object, embedded_associations(object), page) != MapOutcome::mapped) {
                ++skipped;
            }
        }
        if (Status st = deliver(sink, std::move(page)); !st) return st;
        const std::string after = next_after(*body);
        if (after.empty()) break;
        list.after = after;
    } while (true);
    if (skipped > 0 && log_) {
        log_(http::LogLevel::info, "hubspot: skipped " + std::to_string(skipped) +
                                       " feedback submissions that are not NPS or CSAT answers on their scale");
    }
    return Status::ok();
}

Status PortalReader::read_all(const PortalReference& reference, RecordSink& sink) {
    const RecordMapper mapper(options_, reference.stages, schema_);
    ReadPage first;
    first.records.sellers = reference.sellers;
    first.records.stages = reference.stages.stages();
    if (Status st = deliver(sink, std::move(first)); !st) return st;
    for (ObjectType type : all_object_types) {
        if (Status st = list_type(type, mapper, sink); !st) return st;
    }
    if (Status st = read_feedback_submissions(mapper, sink, 0); !st) return st;
    report_skipped();
    return Status::ok();
}

Status PortalReader::read_changes(const PortalReference& reference, const SyncCursor& since, RecordSink& sink) {
    const RecordMapper mapper(options_, reference.stages, schema_);
    ReadPage first;
    first.records.sellers = reference.sellers;
    first.records.stages = reference.stages.stages();
    if (Status st = deliver(sink, std::move(first)); !st) return st;
    for (ObjectType type : all_object_types) {
        if (Status st = search_type(type, since.mark(type), mapper, sink); !st) return st;
        if (type == ObjectType::companies) continue;  // a company is no model record: nothing to remove
        if (Status st = archived_type(type, since.mark(type), mapper, sink); !st) return st;
    }
    // The previous read began after every engagement modification its cursor marks: engagements are
    // never written by us, so their marks are no later than that read's start. A submission created
    // before it was listed by it.
    std::int64_t previous_read = 0;
    for (ObjectType type : all_object_types) {
        if (is_engagement(type)) previous_read = std::max(previous_read, since.mark(type));
    }
    if (Status st = read_feedback_submissions(mapper, sink, previous_read); !st) return st;
    report_skipped();
    return Status::ok();
}

}  // namespace sellerscore::connectors::hubspot
