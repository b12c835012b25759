// The fake company's records as Pipedrive holds them: users, pipelines, stages, deals, persons,
// organizations, activities, notes, leads, activity types and each deal's changelog. Ids are
// issued in ascending order, so every table is a vector sorted by id. Not synchronised:
// FakePipedrive serialises access.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/json/value.hpp>

#include "fake_pipedrive_field_catalog.hpp"
#include "fake_pipedrive_object_kind.hpp"

namespace sellerscore::fakes::pipedrive {

// Custom field values by field code; an absent code is unset (null).
using CustomValues = std::map<std::string, boost::json::value>;

struct User {
    std::int64_t id = 0;
    std::string name;
    std::string email;
    std::string default_currency = "EUR";
    bool active_flag = true;
    bool is_deleted = false;
    std::int64_t created = 0;
    std::int64_t modified = 0;
};

struct Pipeline {
    std::int64_t id = 0;
    std::string name;
    int order_nr = 0;
    std::int64_t add_time = 0;
    std::int64_t update_time = 0;
};

struct PipelineStage {
    std::int64_t id = 0;
    std::int64_t pipeline_id = 0;
    std::string name;
    int order_nr = 0;
    int deal_probability = 100;  // whole percent
    std::int64_t add_time = 0;
    std::int64_t update_time = 0;
};

struct DealRecord {
    std::int64_t id = 0;
    std::string title;
    std::int64_t owner_id = 0;
    std::optional<std::int64_t> person_id;
    std::optional<std::int64_t> org_id;
    std::int64_t pipeline_id = 0;
    std::int64_t stage_id = 0;
    double value = 0;
    std::string currency = "EUR";
    std::string status = "open";  // open, won, lost, deleted
    std::int64_t add_time = 0;
    std::int64_t update_time = 0;
    std::optional<std::int64_t> stage_change_time;
    std::optional<std::int64_t> won_time;
    std::optional<std::int64_t> lost_time;
    std::optional<std::int64_t> close_time;
    bool is_archived = false;
    CustomValues custom;
};

struct PersonRecord {
    std::int64_t id = 0;
    std::string name;
    std::optional<std::int64_t> owner_id;
    std::optional<std::int64_t> org_id;
    std::string email;
    std::int64_t add_time = 0;
    std::int64_t update_time = 0;
    CustomValues custom;
};

struct OrganizationRecord {
    std::int64_t id = 0;
    std::string name;
    std::optional<std::int64_t> owner_id;
    std::int64_t add_time = 0;
    std::int64_t update_time = 0;
    CustomValues custom;
};

struct ActivityRecord {
    std::int64_t id = 0;
    std::string subject;
    std::string type;  // an activity type's key_string
    std::int64_t owner_id = 0;
    std::optional<std::int64_t> deal_id;
    std::optional<std::int64_t> person_id;
    std::optional<std::int64_t> org_id;
    bool done = false;
    std::int64_t due = 0;                   // due_date + due_time, epoch seconds
    std::optional<int> duration_minutes;    // "HH:MM" on the wire
    std::optional<std::int64_t> marked_as_done_time;
    std::int64_t add_time = 0;
    std::int64_t update_time = 0;
    std::string note;
};

// A call logged by a telephony integration (v1 /callLogs); it converts a call activity.
struct CallLogRecord {
    std::int64_t id = 0;  // served as a string, as Pipedrive's call log ids are
    std::int64_t user_id = 0;
    std::optional<std::int64_t> activity_id;
    std::string subject;
    std::int64_t duration_s = 0;  // served as a string of seconds
    std::string outcome;          // connected, no_answer, left_message, left_voicemail, wrong_number, busy
    std::string to_phone_number = "+15550100";
    std::int64_t start_time = 0;
    std::int64_t end_time = 0;
    std::optional<std::int64_t> person_id;
    std::optional<std::int64_t> org_id;
    std::optional<std::int64_t> deal_id;
};

struct NoteRecord {
    std::int64_t id = 0;
    std::string content;
    std::int64_t user_id = 0;
    std::optional<std::int64_t> deal_id;
    std::optional<std::int64_t> person_id;
    std::optional<std::int64_t> org_id;
    std::int64_t add_time = 0;
    std::int64_t update_time = 0;
};

struct LeadRecord {
    std::string id;  // UUID
    std::string title;
    std::int64_t owner_id = 0;
    std::optional<std::int64_t> person_id;
    std::optional<std::int64_t> org_id;
    std::string source_name;
    std::int64_t add_time = 0;
    std::int64_t update_time = 0;
    bool is_archived = false;
};

struct ActivityTypeRecord {
    std::int64_t id = 0;
    std::string name;
    std::string key_string;
    std::string icon_key;
    bool is_custom_flag = false;
    int order_nr = 0;
};

// One changed field of a deal ("stage_id" 3 -> 4, a custom field code, "status" open -> won).
struct ChangelogEntry {
    std::string field_key;
    boost::json::value old_value;
    boost::json::value new_value;
    std::int64_t time = 0;
    std::int64_t user_id = 0;
    std::uint64_t sequence = 0;  // order of recording, for a stable newest-first order
};

struct Store {
    std::vector<User> users;
    std::vector<Pipeline> pipelines;
    std::vector<PipelineStage> stages;
    std::vector<DealRecord> deals;
    std::vector<PersonRecord> persons;
    std::vector<OrganizationRecord> organizations;
    std::vector<ActivityRecord> activities;
    std::vector<NoteRecord> notes;
    std::vector<CallLogRecord> call_logs;
    std::vector<LeadRecord> leads;
    std::vector<ActivityTypeRecord> activity_types;
    std::unordered_map<std::int64_t, std::vector<ChangelogEntry>> changelog;  // by deal id, oldest first
    FieldCatalog catalog;

    std::int64_t next_user_id = 11;
    std::int64_t next_pipeline_id = 1;
    std::int64_t next_stage_id = 1;
    std::int64_t next_deal_id = 101;
    std::int64_t next_person_id = 1001;
    std::int64_t next_organization_id = 501;
    std::int64_t next_activity_id = 1;
    std::int64_t next_note_id = 1;
    std::int64_t next_call_log_id = 1;
    std::uint64_t next_lead_number = 1;
    std::uint64_t next_changelog_sequence = 1;

    Store();

    void record_change(std::int64_t deal_id, std::string field_key, boost::json::value old_value,
                       boost::json::value new_value, std::int64_t time, std::int64_t user_id);
    // The custom values of a deal, person or organization; nullptr for an unknown id.
    CustomValues* custom_values(ObjectKind kind, std::int64_t id);
    // update_time of a deal, person or organization; nullptr for an unknown id.
    std::int64_t* update_time(ObjectKind kind, std::int64_t id);
    std::string next_lead_id();
};

// Binary search in a table sorted by id.
template <class Record>
Record* find_by_id(std::vector<Record>& table, std::int64_t id) {
    const auto found = std::lower_bound(table.begin(), table.end(), id,
                                        [](const Record& record, std::int64_t key) { return record.id < key; });
    return found != table.end() && found->id == id ? &*found : nullptr;
}
template <class Record>
const Record* find_by_id(const std::vector<Record>& table, std::int64_t id) {
    return find_by_id(const_cast<std::vector<Record>&>(table), id);
}

// A modification's update_time: never earlier than now, always later than the previous one.
inline std::int64_t next_update_time(std::int64_t previous, std::int64_t now) { return std::max(now, previous + 1); }

}  // namespace sellerscore::fakes::pipedrive
