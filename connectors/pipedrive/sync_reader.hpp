// One read of a Pipedrive company into the model, page by page, and the cursor such a read ends at.
// Order: users, pipelines/stages, activity types and person fields (read whole, fingerprinted),
// leads (read whole: a person's channel may come from its lead), then deals, archived deals,
// persons, organizations and activities (v2, sorted by update_time, from each list's mark), and notes
// (v1). Every page of a v2 list ends with a checkpoint, so a read stopped by the daily token budget
// resumes after the last page it delivered.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/connector.hpp"
#include "field_directory.hpp"
#include "pipedrive_api.hpp"
#include "record_mapper.hpp"

namespace sellerscore::connectors::pipedrive {

struct ReaderSettings {
    MappingOptions mapping;
    std::vector<std::string> visit_types;
    std::vector<std::string> proposal_types;
    std::string channel_field = "Lead source";
    std::string referral_field = "Referred by";
    http::LogSink log;
};

struct ListSpec;  // a v2 list read from its mark (sync_reader.cpp)

class SyncReader {
public:
    SyncReader(PipedriveApi& api, FieldDirectory& fields, ReaderSettings settings);

    Result<std::string> read(std::string_view cursor, RecordSink& sink);
    Result<std::string> current_cursor();

private:
    struct Run;
    using AddItem = std::function<Status(const boost::json::value& item, ReadPage& page)>;

    Status load_catalogs(Run& run);
    Status load_leads(Run& run);
    // Each item of `list` changed since the prior mark, in chunks ending in a checkpoint.
    Status read_changes(Run& run, const ListSpec& list, const AddItem& add);
    Status read_notes(Run& run);
    // Persons whose lead changed but who did not change themselves: their channel may have.
    Status reread_lead_persons(Run& run);
    Status emit(Run& run, ReadPage&& page);
    // The mark a complete read of `list` would end at: its latest update_time and the ids at it.
    Status latest_mark(Run& run, const ListSpec& list);
    Status latest_notes_mark(Run& run);

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
