// One read of a Pipedrive company into the model, page by page, and the cursor such a read ends at.
// Call activities take their outcome from the v1 call logs, read whole at the first call of a run.
// Order: users, pipelines/stages, activity types and person fields (read whole, fingerprinted),
// leads (read whole: a person's channel may come from its lead), then deals, archived deals,
// persons, organizations and activities (v2, sorted by update_time, from each list's mark), and notes
// (v1). Every page of a v2 list ends with a checkpoint, so a read stopped by the daily token budget
// resumes after the last page it delivered.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/connector.hpp"
#include "experience_fields.hpp"
#include "field_directory.hpp"
#include "pipedrive_api.hpp"
#include "record_mapper.hpp"
#include "sync_cursor.hpp"
#include "write_ledger.hpp"

namespace sellerscore::connectors::pipedrive {

struct ReaderSettings {
    MappingOptions mapping;
    std::vector<std::string> visit_types;
    std::vector<std::string> proposal_types;
    std::string channel_field = "Lead source";
    std::string referral_field = "Referred by";
    ExperienceSettings experience;  // the named survey and delivery fields
    // Changelog reads in flight at once. The pacer aims at 95 % of the burst limit (38 of 40); a
    // request sent later than its paced start lands in a later part of the rolling window, so more
    // than two in flight could overfill it.
    std::size_t concurrent_reads = 3;
    http::LogSink log;
};

struct ListSpec;  // a v2 list read from its mark (sync_reader.cpp)

class SyncReader {
public:
    SyncReader(PipedriveApi& api, FieldDirectory& fields, ReaderSettings settings);

    Result<std::string> read(std::string_view cursor, RecordSink& sink);
    // The cursor a read would end at now. With `remembered` (the last cursor this company's
    // connector handed out, `settled_before`: a time (ms) before which every record
    // it saw was written), a list whose mark is older than that costs one probe (limit 1, updated
    // after the mark's second) when nothing changed; otherwise its mark is looked up anew, newest
    // first, through every record of its newest second.
    Result<std::string> current_cursor(const std::optional<SyncCursor>& remembered = std::nullopt,
                                       model::Timestamp settled_before = 0);
    // The cursor `read_cursor` (from read()) moved past our own writes since: for each list we wrote
    // to, when every record changed since its mark is one we wrote, at the update_time our write
    // got, the mark moves past them; any other change keeps the read's mark (the next run reads it).
    // Lists we did not write to keep the read's marks: the next run's cursor differs from them
    // exactly when someone changed them.
    Result<std::string> cursor_after_own_writes(std::string_view read_cursor, const WriteLedger& ledger);
    // Looks the named survey and delivery fields up and warns once per one the company lacks (install).
    Status check_experience_fields();

private:
    struct Run;
    using AddItem = std::function<Status(const boost::json::value& item, ReadPage& page)>;
    // Called with each chunk's items before they are added (to fetch what they need at once).
    using PrepareChunk = std::function<Status(const std::vector<const boost::json::value*>& changed)>;

    Status load_catalogs(Run& run);
    Status load_leads(Run& run);
    // Each item of `list` changed since the prior mark, in chunks ending in a checkpoint.
    Status read_changes(Run& run, const ListSpec& list, const AddItem& add, const PrepareChunk& prepare = {});
    // The changelogs of the deals in `deals` that changed stage, into run.changelogs.
    Status fetch_changelogs(Run& run, const std::vector<const boost::json::value*>& deals);
    static std::string changelog_target(const std::string& deal_id);
    Status read_notes(Run& run);
    // The outcome of every call log the API lists, by the activity it converted.
    Status load_call_outcomes(Run& run);
    // Persons whose lead changed but who did not change themselves: their channel may have.
    Status reread_lead_persons(Run& run);
    Status emit(Run& run, ReadPage&& page);
    // The mark a complete read of `list` would end at: its latest update_time and the ids at it.
    Status latest_mark(Run& run, const ListSpec& list);
    Status latest_notes_mark(Run& run);
    // Whether any record of the list was updated after `mark`'s second (one call, limit 1).
    Result<bool> changed_after(const ListSpec& list, const ListMark& mark);
    Result<bool> notes_changed_after(const ListMark& mark);

    Status add_deal(Run& run, const boost::json::value& item, ReadPage& page);
    Status add_person(Run& run, const boost::json::value& item, ReadPage& page);
    void add_held_values(const std::map<std::string, CustomField>& ours, RecordObject object, const std::string& id,
                         const boost::json::value& item, bool with_nulls, ReadPage& page) const;

    PipedriveApi& api_;
    FieldDirectory& fields_;
    ReaderSettings settings_;
    ActivityTypeMap activity_types_;
    RecordMapper mapper_;
};

}  // namespace sellerscore::connectors::pipedrive
