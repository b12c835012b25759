// One modification of a deal, person or organization, as PATCH /api/v2/{objects}/{id} or a CRM
// user makes it: standard fields and "custom_fields" {code: value}, all checked before any is
// applied. Bumps update_time; on deals, records each changed field in the changelog, stamps
// stage_change_time on a stage change and won/lost/close times on a status change.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <boost/json/object.hpp>

#include "fake_pipedrive_store.hpp"
#include "fake_pipedrive_write_log.hpp"

namespace sellerscore::fakes::pipedrive {

enum class EditOutcome { applied, invalid, not_found };

struct EditResult {
    EditOutcome outcome = EditOutcome::applied;
    std::string detail;  // the 400's "field: reason" or the 404's message
};

// `writes` (may be null) counts each custom field the request names.
EditResult edit_record(Store& store, ObjectKind kind, std::int64_t id, const boost::json::object& changes,
                       std::int64_t now, std::int64_t acting_user_id, WriteLog* writes);

}  // namespace sellerscore::fakes::pipedrive
