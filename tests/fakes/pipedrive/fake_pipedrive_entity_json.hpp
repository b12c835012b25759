// The records as Pipedrive's endpoints show them: v2 shapes (RFC 3339 times, custom values nested
// under "custom_fields" by field code, every custom field present, null when unset) and v1 shapes
// ("YYYY-MM-DD HH:MM:SS" times; leads with ISO times and milliseconds).
#pragma once

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "fake_pipedrive_store.hpp"

namespace sellerscore::fakes::pipedrive {

// Which custom field codes a v2 object shows: all of its kind's, or only those asked for.
struct CustomFieldSelection {
    const std::vector<FakePipedriveField>* fields = nullptr;
    std::vector<std::string> only;  // empty = all
};

boost::json::object deal_json(const DealRecord& deal, const CustomFieldSelection& custom);
boost::json::object person_json(const PersonRecord& person, const CustomFieldSelection& custom);
boost::json::object organization_json(const OrganizationRecord& organization, const CustomFieldSelection& custom);
boost::json::object activity_json(const ActivityRecord& activity);
boost::json::object pipeline_json(const Pipeline& pipeline);
boost::json::object stage_json(const PipelineStage& stage);

boost::json::object user_json(const User& user, bool is_you);
boost::json::object call_log_json(const CallLogRecord& log);
boost::json::object note_json(const NoteRecord& note, const User* author);
boost::json::object lead_json(const LeadRecord& lead);
boost::json::object activity_type_json(const ActivityTypeRecord& type);
// v1 changelog item, and the v1 flow item of the same change.
boost::json::object changelog_json(const ChangelogEntry& entry);
boost::json::object flow_item_json(const ChangelogEntry& entry, std::int64_t deal_id);

}  // namespace sellerscore::fakes::pipedrive
