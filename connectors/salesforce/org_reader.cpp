#include "org_reader.hpp"

#include <algorithm>
#include <set>

#include "bulk_query.hpp"
#include "field_name.hpp"
#include "salesforce_time.hpp"
#include "sobject_fields.hpp"

namespace sellerscore::connectors::salesforce {

namespace json = boost::json;

namespace {

std::string quoted_list(std::span<const std::string> ids) {
    std::string out = "(";
    for (const auto& id : ids) out += (out.size() > 1 ? ", '" : "'") + id + "'";
    return out + ")";
}

Status collect(SalesforceApi& api, const std::string& soql, json::array& into) {
    return api.query(soql, [&into](const json::array& rows) {
        for (const auto& row : rows) into.push_back(row);
        return Status::ok();
    });
}

}  // namespace

OrgReader::OrgReader(SalesforceApi& api, const FieldSchema& schema, ReaderOptions options, http::LogSink log,
                     std::function<bool()> cancelled)
    : api_(api), schema_(schema), options_(std::move(options)), log_(std::move(log)), cancelled_(std::move(cancelled)) {}

Result<SyncCursor> OrgReader::probe(SalesforceApi& api) {
    SyncCursor cursor;
    for (const std::string_view object_view : cursor_objects) {
        const std::string object(object_view);
        std::optional<model::Timestamp> newest;
        Status st = api.query("SELECT SystemModstamp FROM " + object + " ORDER BY SystemModstamp DESC LIMIT 1",
                              [&newest](const json::array& rows) {
                                  if (!rows.empty()) newest = instant_at(rows[0], "SystemModstamp");
                                  return Status::ok();
                              });
        if (!st) return st;
        auto count = api.count("SELECT COUNT() FROM " + object);
        if (!count) return count.status();
        if (newest) cursor.marks[object] = *newest;
        cursor.counts[object] = *count;
    }
    return cursor;
}

std::string OrgReader::custom_fields(RecordObject object) const {
    std::string out;
    for (const auto& id : schema_.ids(object)) out += ", " + api_field_name(id);
    return out;
}

void OrgReader::held_values(RecordObject object, const json::value& record, ReadPage& page) const {
    for (const auto& id : schema_.ids(object)) {
        const json::value* value = field_at(record, api_field_name(id));
        const FieldType type = schema_.type_of(object, id).value_or(FieldType::number);
        page.held_values.push_back(
            {object, id_at(record), id, value == nullptr ? FieldValue{} : from_salesforce(type, *value)});
    }
}

Status OrgReader::in_lists(const std::string& select_from, const std::string& id_field,
                           const std::vector<std::string>& ids, const std::string& extra_where, const PageFn& page) {
    for (std::size_t start = 0; start < ids.size(); start += ids_per_in_list) {
        const std::span<const std::string> chunk(ids.data() + start, std::min(ids_per_in_list, ids.size() - start));
        const std::string soql = select_from + " WHERE " + id_field + " IN " + quoted_list(chunk) + extra_where;
        if (Status st = api_.query(soql, page, false, options_.batch_size); !st) return st;
    }
    return Status::ok();
}

Status OrgReader::read_object(const std::string& object, const std::string& fields,
                              const std::optional<SyncCursor>& since, RecordSink& sink,
                              const std::function<Status(const json::array&, ReadPage&)>& map) {
    std::string where;
    if (since) {
        const auto mark = since->marks.find(object);
        if (mark != since->marks.end()) where = " WHERE SystemModstamp > " + soql_instant(mark->second);
    }
    if (options_.bulk_threshold > 0 && options_.clock != nullptr) {
        auto rows = api_.count("SELECT COUNT() FROM " + object + where);
        if (!rows) return rows.status();
        if (*rows >= options_.bulk_threshold) {
            if (log_) log_(http::LogLevel::info, "salesforce: " + std::to_string(*rows) + " " + object +
                                                     " rows: reading them with a Bulk API 2.0 query job");
            return read_object_in_bulk(object, "SELECT " + fields + " FROM " + object + where, sink, map);
        }
    }
    const std::string soql = "SELECT " + fields + " FROM " + object + where + " ORDER BY SystemModstamp ASC";
    return api_.query(
        soql,
        [&](const json::array& rows) {
            if (cancelled_ && cancelled_()) return Status::cancelled("salesforce: read cancelled");
            ReadPage page;
            if (Status st = map(rows, page); !st) return st;
            // Rows of the last stamp may continue on the next page: the checkpoint stops 1 ms before it.
            if (!rows.empty()) {
                if (auto last = instant_at(rows.back(), "SystemModstamp")) progress_.marks[object] = *last - 1;
                page.checkpoint = progress_.to_text();
            }
            return sink.accept(std::move(page));
        },
        false, options_.batch_size);
}

Status OrgReader::read_object_in_bulk(const std::string& object, const std::string& soql, RecordSink& sink,
                                     const std::function<Status(const json::array&, ReadPage&)>& map) {
    CsvColumnTypes types;
    types.numbers = {"Amount", "CallDurationInSeconds", "DurationInMinutes", "SortOrder", "DefaultProbability"};
    types.booleans = {"IsClosed", "IsWon", "IsActive", "IsConverted", "IsOpened", "Incoming", "IsPrimary", "IsDeleted"};
    for (const RecordObject owner : {RecordObject::deal, RecordObject::contact, RecordObject::company})
        for (const auto& id : schema_.ids(owner))
            if (schema_.type_of(owner, id) != FieldType::enumeration && schema_.type_of(owner, id) != FieldType::datetime &&
                schema_.type_of(owner, id) != FieldType::text)
                types.numbers.insert(api_field_name(id));
    std::optional<model::Timestamp> newest;
    Status st = BulkQuery(api_, *options_.clock).run(soql, false, types, [&](const json::array& rows) {
        if (cancelled_ && cancelled_()) return Status::cancelled("salesforce: read cancelled");
        for (const auto& row : rows) {
            const auto stamp = instant_at(row, "SystemModstamp");
            if (stamp && (!newest || *stamp > *newest)) newest = stamp;
        }
        ReadPage page;
        if (Status mapped = map(rows, page); !mapped) return mapped;
        return sink.accept(std::move(page));
    });
    if (!st) return st;
    if (!newest) return Status::ok();
    progress_.marks[object] = *newest;
    ReadPage done;
    done.checkpoint = progress_.to_text();
    return sink.accept(std::move(done));
}

Status OrgReader::add_opportunities(const json::array& rows, ReadPage& page) {
    std::vector<std::string> ids, without_contact;
    for (const auto& row : rows) {
        ids.push_back(id_at(row));
        if (id_at(row, "ContactId").empty()) without_contact.push_back(id_at(row));
    }
    std::map<std::string, std::vector<json::value>> history;
    Status st = in_lists("SELECT Id, OpportunityId, StageName, CreatedDate FROM OpportunityHistory", "OpportunityId", ids,
                         "", [&history](const json::array& found) {
                             for (const auto& h : found) history[id_at(h, "OpportunityId")].push_back(h);
                             return Status::ok();
                         });
    if (!st) return st;
    std::map<std::string, std::string> primary;
    st = in_lists("SELECT OpportunityId, ContactId, IsPrimary FROM OpportunityContactRole", "OpportunityId",
                  without_contact, " AND IsPrimary = true", [&primary](const json::array& found) {
                      for (const auto& role : found) primary[id_at(role, "OpportunityId")] = id_at(role, "ContactId");
                      return Status::ok();
                  });
    if (!st) return st;
    for (const auto& row : rows) {
        const std::string id = id_at(row);
        const auto contact = primary.find(id);
        const std::size_t deals_before = page.records.deals.size();
        st = mapper_->deal(row, std::move(history[id]),
                           contact == primary.end() ? std::nullopt : std::optional<std::string>(contact->second),
                           page.records);
        if (!st) return st;
        if (page.records.deals.size() > deals_before) {
            experience_->add_from_opportunity(row, page.records.deals.back(), incremental_, page);
        }
        held_values(RecordObject::deal, row, page);
    }
    return Status::ok();
}

Status OrgReader::add_tasks(const json::array& rows, ReadPage& page) {
    std::map<std::string, EmailFacts> emails;
    if (options_.enhanced_email) {
        std::vector<std::string> ids;
        for (const auto& row : rows)
            if (text_at(row, "TaskSubtype") == std::optional<std::string>("Email")) ids.push_back(id_at(row));
        Status st = in_lists("SELECT Id, ActivityId, Incoming, IsOpened FROM EmailMessage", "ActivityId", ids, "",
                             [&emails](const json::array& found) {
                                 for (const auto& m : found)
                                     emails[id_at(m, "ActivityId")] = {flag_at(m, "Incoming"), flag_at(m, "IsOpened")};
                                 return Status::ok();
                             });
        if (!st && st.message().find("INVALID_TYPE") != std::string::npos) {
            options_.enhanced_email = false;
            if (log_) log_(http::LogLevel::warn, "salesforce: the org has no Enhanced Email (EmailMessage is not "
                                                 "queryable): emails are read without direction and opens");
        } else if (!st) {
            return st;
        }
    }
    for (const auto& row : rows) {
        const auto email = emails.find(id_at(row));
        auto activity =
            mapper_->task(row, email == emails.end() ? std::nullopt : std::optional<EmailFacts>(email->second), lead_contacts_);
        if (activity) page.records.activities.push_back(std::move(*activity));
    }
    return Status::ok();
}

Status OrgReader::read_deleted(const std::optional<SyncCursor>& since, RecordSink& sink) {
    const std::pair<const char*, model::RecordType> objects[] = {
        {"Opportunity", model::RecordType::deal}, {"Contact", model::RecordType::contact},
        {"Lead", model::RecordType::contact},     {"Task", model::RecordType::activity},
        {"Event", model::RecordType::activity}};  // Users are deactivated, never deleted
    ReadPage page;
    for (const auto& [object, type] : objects) {
        const auto mark = since->marks.find(object);
        const auto count = since->counts.find(object);
        if (mark == since->marks.end() || count == since->counts.end()) continue;
        Status st = api_.query("SELECT Id FROM " + std::string(object) + " WHERE IsDeleted = true AND SystemModstamp > " +
                                   soql_instant(mark->second),
                               [this, &page, type = type](const json::array& rows) {
                                   for (const auto& row : rows) {
                                       page.removed.push_back({type, id_at(row)});
                                       experience_->remove_for(type, id_at(row), page);
                                   }
                                   return Status::ok();
                               },
                               true, options_.batch_size);
        if (!st) return st;
    }
    if (page.removed.empty()) return Status::ok();
    return sink.accept(std::move(page));
}

Status OrgReader::read(const std::optional<SyncCursor>& since, RecordSink& sink) {
    if (since) progress_ = *since;
    incremental_ = since.has_value();
    experience_.emplace(options_.experience);
    if (options_.probed_feedback) {
        feedback_ = std::move(options_.probed_feedback);
    } else {
        auto feedback = FeedbackSurveys::find(api_);
        if (!feedback) return feedback.status();
        feedback_.emplace(std::move(*feedback));
        // One warning per named field the org lacks (or for no survey source at all).
        if (Status st = experience_->probe(api_, log_, feedback_->available()); !st) return st;
    }
    // Reference data, whole: stage catalog, record types, users.
    json::array stage_rows, record_types;
    Status st = collect(api_, "SELECT Id, ApiName, MasterLabel, SortOrder, IsClosed, IsWon, IsActive, "
                              "DefaultProbability FROM OpportunityStage ORDER BY SortOrder ASC", stage_rows);
    if (!st) return st;
    st = collect(api_, "SELECT Id, Name, SobjectType, BusinessProcessId FROM RecordType WHERE SobjectType = "
                       "'Opportunity'", record_types);
    if (!st) return st;
    stages_ = StageCatalog::from_rows(stage_rows, record_types);
    mapper_.emplace(options_.mapping, *stages_);
    {
        ReadPage page;
        page.records.stages = stages_->stages();
        st = api_.query("SELECT Id, Name, Email, IsActive, Department, UserRoleId, UserRole.Name, SystemModstamp "
                        "FROM User",
                        [&](const json::array& rows) {
                            for (const auto& row : rows) page.records.sellers.push_back(mapper_->seller(row));
                            return Status::ok();
                        },
                        false, options_.batch_size);
        if (!st) return st;
        if (Status accepted = sink.accept(std::move(page)); !accepted) return accepted;
    }

    // Converted leads, whole: the join of a lead and the contact it became.
    st = api_.query("SELECT Id, ConvertedContactId, CreatedDate, LeadSource FROM Lead WHERE IsConverted = true",
                    [this](const json::array& rows) {
                        for (const auto& row : rows) {
                            const std::string contact = id_at(row, "ConvertedContactId");
                            if (contact.empty()) continue;
                            lead_contacts_[id_at(row)] = contact;
                            lead_origins_[contact] = {instant_at(row, "CreatedDate").value_or(0), text_at(row, "LeadSource")};
                        }
                        return Status::ok();
                    },
                    false, options_.batch_size);
    if (!st) return st;

    st = read_object("Lead", "Id, OwnerId, CreatedDate, LeadSource, IsConverted, ConvertedContactId, SystemModstamp",
                     since, sink, [this](const json::array& rows, ReadPage& page) {
                         for (const auto& row : rows)
                             if (!flag_at(row, "IsConverted")) page.records.contacts.push_back(mapper_->unconverted_lead(row));
                         return Status::ok();
                     });
    if (!st) return st;
    const auto contact_page = [this](const json::array& rows, ReadPage& page) {
        for (const auto& row : rows) {
            const auto origin = lead_origins_.find(id_at(row));
            page.records.contacts.push_back(mapper_->contact(
                row, origin == lead_origins_.end() ? std::nullopt : std::optional<LeadOrigin>(origin->second)));
            experience_->add_from_contact(row, page.records.contacts.back().id, incremental_, page);
            held_values(RecordObject::contact, row, page);
        }
        return Status::ok();
    };
    const std::string contact_fields =
        "Id, OwnerId, AccountId, CreatedDate, LeadSource, SystemModstamp" + custom_fields(RecordObject::contact) +
        experience_->select("Contact");
    const std::string& referral = options_.mapping.referral_field;
    st = read_object("Contact", contact_fields + (referral.empty() ? "" : ", " + referral), since, sink, contact_page);
    // An org without the referral field answers INVALID_FIELD on the first page: read without it.
    if (!st && !referral.empty() && st.message().find("INVALID_FIELD") != std::string::npos &&
        st.message().find(referral) != std::string::npos) {
        if (log_) log_(http::LogLevel::warn, "salesforce: Contact has no field " + referral + ": referrals are not read");
        options_.mapping.referral_field.clear();
        mapper_.emplace(options_.mapping, *stages_);
        st = read_object("Contact", contact_fields, since, sink, contact_page);
    }
    if (!st) return st;
    if (!schema_.ids(RecordObject::company).empty()) {
        st = read_object("Account", "Id, SystemModstamp" + custom_fields(RecordObject::company), since, sink,
                         [this](const json::array& rows, ReadPage& page) {
                             for (const auto& row : rows) held_values(RecordObject::company, row, page);
                             return Status::ok();
                         });
        if (!st) return st;
    }
    const std::string amount = options_.multi_currency ? "convertCurrency(Amount), CurrencyIsoCode" : "Amount";
    st = read_object("Opportunity",
                     "Id, OwnerId, AccountId, ContactId, " + amount +
                         ", StageName, IsClosed, IsWon, CloseDate, CreatedDate, RecordTypeId, LeadSource, SystemModstamp" +
                         custom_fields(RecordObject::deal) + experience_->select("Opportunity"),
                     since, sink, [this](const json::array& rows, ReadPage& page) { return add_opportunities(rows, page); });
    if (!st) return st;
    if (feedback_->available()) {
        ReadPage page;
        if (st = feedback_->read(api_, incremental_, page); !st) return st;
        if (!page.records.survey_responses.empty() || !page.removed.empty()) {
            if (st = sink.accept(std::move(page)); !st) return st;
        }
    }
    st = read_object("Task",
                     "Id, OwnerId, WhoId, WhatId, TaskSubtype, Type, CallType, CallDurationInSeconds, CallDisposition, "
                     "ActivityDate, CompletedDateTime, CreatedDate, Status, Description, SystemModstamp",
                     since, sink, [this](const json::array& rows, ReadPage& page) { return add_tasks(rows, page); });
    if (!st) return st;
    st = read_object("Event",
                     "Id, OwnerId, WhoId, WhatId, Type, Location, StartDateTime, EndDateTime, DurationInMinutes, Subject, "
                     "Description, SystemModstamp",
                     since, sink, [this](const json::array& rows, ReadPage& page) {
                         for (const auto& row : rows) page.records.activities.push_back(mapper_->event(row, lead_contacts_));
                         return Status::ok();
                     });
    if (!st) return st;
    if (since) return read_deleted(since, sink);
    return Status::ok();
}

}  // namespace sellerscore::connectors::salesforce
