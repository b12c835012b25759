// The embedded CRM: one SQLite file holding the records of KPIS.md §1, our custom field
// definitions and their values, and a change sequence for incremental reads.
//
// Storage conventions:
// - ids are TEXT primary keys; times are INTEGER seconds since the epoch (UTC); enums are their
//   KPIS.md spellings as TEXT; booleans are INTEGER 0/1; absent optionals are NULL.
// - custom field values: REAL for number, percentage and money fields, TEXT for enumeration and
//   datetime (RFC 3339, UTC, so text order is time order). Percentages are stored as ratios in
//   [0, 1], exactly as they travel through connectors::FieldValue.
// - change sequence: one counter, bumped once by every committing write (an import, a field
//   write, a field create/remove). Every record row and value row carries the `updated_seq` of the
//   write that last touched it, so the cursor "seq:N" selects what changed after N. Writing a
//   custom field value also stamps the record it sits on.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <sqlite3.h>

#include "plugin/model/status.hpp"
#include "sqlite_statement.hpp"

namespace sellerscore::connectors {

class LocalCrmDatabase {
public:
    // The schema version this build reads and writes (PRAGMA user_version).
    // 2: instants in milliseconds (1 held seconds; opening a version 1 file migrates it).
    // 3: spend keeps every row of a channel and month (2 kept one per channel and month).
    // 4: survey responses and deliveries (KPIS.md §1); a version 3 file gains their empty tables.
    static constexpr int schema_version = 4;

    // Opens the file, creating it and its schema when it does not exist. Refuses files that are
    // not SQLite, SQLite files of another application, and newer schema versions, each with one
    // line naming the path.
    static Result<std::unique_ptr<LocalCrmDatabase>> open(const std::filesystem::path& path);

    ~LocalCrmDatabase();
    LocalCrmDatabase(const LocalCrmDatabase&) = delete;
    LocalCrmDatabase& operator=(const LocalCrmDatabase&) = delete;

    const std::string& path() const { return path_; }

    Result<SqliteStatement> prepare(std::string_view sql);
    // Runs statements that return no rows.
    Status execute(const char* sql);

    // The last SQLite error as one line: "<path>: <doing>: <reason>", with the common cases
    // (locked, not a database, read-only, disk full) spelled out for the user.
    Status failure(std::string_view doing) const;
    Status failure(std::string_view doing, int code) const;

    // The current value of the change sequence.
    Result<std::int64_t> change_sequence();
    // Bumps the change sequence and returns the new value; call inside a write transaction, whose
    // rollback undoes the bump.
    Result<std::int64_t> next_change_sequence();

    sqlite3* handle() const { return db_; }

private:
    LocalCrmDatabase(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
    Status initialise();
    Status create_schema();
    // Brings a file of an older schema version to schema_version, keeping its data.
    Status migrate(std::int64_t from_version);

    sqlite3* db_;
    std::string path_;
};

}  // namespace sellerscore::connectors
