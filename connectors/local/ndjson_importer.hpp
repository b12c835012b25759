// Loads interchange NDJSON (KPIS.md §1.1), or an in-memory Dataset, into the embedded CRM.
//
// All or nothing: everything runs inside one write transaction that commits only when every
// record parsed and every reference resolved, so a failed import leaves the database file as it
// was. Records stream from file to table (memory stays flat however large the files are); the
// rollback, not a separate validation pass, is what makes a late error harmless.
//
// References resolve against the import itself plus what the database already holds. An id
// already in the database is updated (importing the same data twice changes nothing but the
// change sequence); the same id twice in one import is an error.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>

#include "import_counts.hpp"
#include "local_crm_database.hpp"
#include "plugin/model/records.hpp"

namespace sellerscore::connectors {

// Called now and then with records done so far and the total expected, for a progress bar.
using ImportProgress = std::function<void(std::size_t done, std::size_t total)>;

class NdjsonImporter {
public:
    explicit NdjsonImporter(LocalCrmDatabase& db) : db_(db) {}

    // Imports sellers.ndjson, stages.ndjson, contacts.ndjson, deals.ndjson, stage_changes.ndjson,
    // activities.ndjson, spend.ndjson, survey_responses.ndjson and deliveries.ndjson from `dir`, in that order. Each file is optional, but at
    // least one must be there; any other *.ndjson name is an error (a misspelt file would
    // otherwise be skipped silently). Errors read "deals.ndjson:12: deal 'D-9' has unknown stage 'S-x'".
    Result<ImportCounts> import_directory(const std::filesystem::path& dir, const ImportProgress& progress = {});

    // The same rules for records already in memory; errors name the record ("deal 'D-9' ...").
    Result<ImportCounts> import_dataset(const model::Dataset& data, const ImportProgress& progress = {});

private:
    LocalCrmDatabase& db_;
};

}  // namespace sellerscore::connectors
