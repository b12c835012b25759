// One record update as Salesforce checks and applies it, shared by composite/sobjects and Bulk API
// 2.0 ingest: the record must exist, each field must be visible and editable for the user (this fake
// lets the API write custom fields only), values are converted per field type, then the per-record
// faults (UNABLE_TO_LOCK_ROW, a validation rule) get their say.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <boost/json/value.hpp>

#include "fake_salesforce_org.hpp"

namespace sellerscore::fakes {

struct SfSaveError {
    std::string status_code;
    std::string message;
    std::vector<std::string> fields;
};

struct SfPlannedUpdate {
    SfObject* object = nullptr;
    SfRecord* record = nullptr;
    std::vector<std::pair<std::size_t, SfValue>> values;
};

struct SfUpdateHooks {
    std::function<bool()> lock_failure;                             // the next record fails with UNABLE_TO_LOCK_ROW
    const std::map<std::string, std::string>* validation_failures;  // id -> message of a validation rule
};

struct SfUpdateTally {
    std::size_t written = 0;
    std::size_t unchanged = 0;  // written records whose every field already held the value
};

// Checks an update of `id` (an `object` record) with `fields`; the plan to apply, or why it fails.
std::variant<SfPlannedUpdate, SfSaveError> plan_update(SfOrg& org, SfObject& object, const std::string& id,
                                                       const std::vector<std::pair<std::string, boost::json::value>>& fields,
                                                       const std::string& user_id, const SfUpdateHooks& hooks);

// Writes the values and stamps the record (Salesforce saves it even when no value differs).
void apply_update(SfOrg& org, SfPlannedUpdate& plan, SfUpdateTally& tally);

}  // namespace sellerscore::fakes
