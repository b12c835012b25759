#include "local_crm_database.hpp"

#include <system_error>

#include "sqlite_transaction.hpp"

namespace sellerscore::connectors {

namespace {

// PRAGMA application_id: tells our files apart from other SQLite databases ("SSCR").
constexpr std::int64_t application_id = 0x53534352;

constexpr int busy_timeout_ms = 2000;

constexpr const char* schema_sql = R"sql(
CREATE TABLE sellers (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, team TEXT,
    active INTEGER NOT NULL, updated_seq INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE stages (
    id TEXT PRIMARY KEY, pipeline_id TEXT NOT NULL, name TEXT NOT NULL, sort_order INTEGER NOT NULL,
    kind TEXT NOT NULL, probability REAL, updated_seq INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE contacts (
    id TEXT PRIMARY KEY, owner_id TEXT, created_at INTEGER NOT NULL, channel TEXT, referred_by TEXT,
    company_id TEXT, updated_seq INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE deals (
    id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, contact_id TEXT, company_id TEXT,
    pipeline_id TEXT NOT NULL, stage_id TEXT NOT NULL, amount REAL, created_at INTEGER NOT NULL,
    closed_at INTEGER, status TEXT NOT NULL, updated_seq INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE stage_changes (
    deal_id TEXT NOT NULL, stage_id TEXT NOT NULL, entered_at INTEGER NOT NULL,
    updated_seq INTEGER NOT NULL, PRIMARY KEY (deal_id, stage_id, entered_at)
) WITHOUT ROWID;
CREATE TABLE activities (
    id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, type TEXT NOT NULL, direction TEXT NOT NULL,
    at INTEGER NOT NULL, contact_id TEXT, deal_id TEXT, duration_s REAL, outcome TEXT,
    opened INTEGER, clicked INTEGER, objection INTEGER NOT NULL, updated_seq INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE spend (
    channel TEXT NOT NULL, month TEXT NOT NULL, amount REAL NOT NULL, clicks REAL,
    updated_seq INTEGER NOT NULL
);
CREATE INDEX spend_by_channel_month ON spend (channel, month);
CREATE TABLE survey_responses (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, score INTEGER NOT NULL, at INTEGER NOT NULL, contact_id TEXT,
    deal_id TEXT, seller_id TEXT, updated_seq INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE deliveries (
    id TEXT PRIMARY KEY, deal_id TEXT NOT NULL, promised_at INTEGER NOT NULL, delivered_at INTEGER,
    updated_seq INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE custom_fields (
    id TEXT PRIMARY KEY, label TEXT NOT NULL, type TEXT NOT NULL, object TEXT NOT NULL,
    field_group TEXT NOT NULL, description TEXT NOT NULL, options TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE field_values (
    object TEXT NOT NULL, record_id TEXT NOT NULL, field_id TEXT NOT NULL, value ANY NOT NULL,
    updated_seq INTEGER NOT NULL, PRIMARY KEY (object, record_id, field_id)
) WITHOUT ROWID;
CREATE TABLE change_sequence (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
INSERT INTO change_sequence (id, value) VALUES (1, 0);
)sql";

// Versions 1 and 2 kept one spend row per channel and month (PRIMARY KEY (channel, month)); ad
// platforms export one row per campaign, and KPIS.md §1 sums them, so version 3 keeps every row. The
// rows an older file holds carry over unchanged.
constexpr const char* spend_rows_upgrade_sql = R"sql(
CREATE TABLE spend_rows (
    channel TEXT NOT NULL, month TEXT NOT NULL, amount REAL NOT NULL, clicks REAL,
    updated_seq INTEGER NOT NULL
);
INSERT INTO spend_rows (channel, month, amount, clicks, updated_seq)
    SELECT channel, month, amount, clicks, updated_seq FROM spend ORDER BY channel, month;
DROP TABLE spend;
ALTER TABLE spend_rows RENAME TO spend;
CREATE INDEX spend_by_channel_month ON spend (channel, month);
)sql";

// Version 4 added the customer-experience records; older files simply had none.
constexpr const char* experience_tables_sql = R"sql(
CREATE TABLE IF NOT EXISTS survey_responses (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, score INTEGER NOT NULL, at INTEGER NOT NULL, contact_id TEXT,
    deal_id TEXT, seller_id TEXT, updated_seq INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS deliveries (
    id TEXT PRIMARY KEY, deal_id TEXT NOT NULL, promised_at INTEGER NOT NULL, delivered_at INTEGER,
    updated_seq INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

std::string parent_of(const std::filesystem::path& path) {
    const auto parent = path.parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

}  // namespace

Result<std::unique_ptr<LocalCrmDatabase>> LocalCrmDatabase::open(const std::filesystem::path& path) {
    const std::string name = path.string();
    std::error_code ec;
    if (!std::filesystem::is_directory(parent_of(path), ec)) {
        return Status::not_found(name + ": directory '" + parent_of(path) + "' does not exist");
    }
    if (std::filesystem::is_directory(path, ec)) {
        return Status::invalid_argument(name + ": is a directory, not a CRM database file");
    }

    sqlite3* handle = nullptr;
    const int rc = sqlite3_open_v2(name.c_str(), &handle,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    std::unique_ptr<LocalCrmDatabase> db(new LocalCrmDatabase(handle, name));
    if (rc != SQLITE_OK) return db->failure("cannot open", rc);
    sqlite3_extended_result_codes(handle, 1);
    sqlite3_busy_timeout(handle, busy_timeout_ms);
    if (sqlite3_db_readonly(handle, "main") == 1) {
        return Status(StatusCode::permission, name + ": database is read-only");
    }
    if (Status status = db->initialise(); !status) return status;
    return db;
}

LocalCrmDatabase::~LocalCrmDatabase() { sqlite3_close_v2(db_); }

Status LocalCrmDatabase::initialise() {
    auto read_pragma = [this](const char* sql) -> Result<std::int64_t> {
        auto statement = prepare(sql);
        if (!statement) return statement.status();
        const int rc = statement->step();
        if (rc != SQLITE_ROW) return failure("reading the schema version", rc);
        return statement->int64(0);
    };

    // WAL lets the host read the CRM while an import or a write-back runs. Switching needs the
    // file to be a database, so this is also where a foreign file is first noticed.
    if (Status status = execute("PRAGMA journal_mode=WAL"); !status) return status;
    if (Status status = execute("PRAGMA synchronous=NORMAL; PRAGMA mmap_size=1073741824; PRAGMA cache_size=-65536");
        !status) {
        return status;
    }

    auto version = read_pragma("PRAGMA user_version");
    if (!version) return version.status();
    if (*version == 0) {
        auto transaction = SqliteTransaction::begin_write(*this);
        if (!transaction) return transaction.status();
        // Another process may have created the schema while we waited for the write lock.
        version = read_pragma("PRAGMA user_version");
        if (!version) return version.status();
        if (*version == 0) {
            auto tables = read_pragma("SELECT count(*) FROM sqlite_schema");
            if (!tables) return tables.status();
            if (*tables != 0) {
                return Status::data(path_ + ": not a sellerscore CRM database (it holds tables of another application)");
            }
            if (Status status = create_schema(); !status) return status;
            if (Status status = transaction->commit(); !status) return status;
            return Status::ok();
        }
    }
    auto app = read_pragma("PRAGMA application_id");
    if (!app) return app.status();
    if (*app != application_id) {
        return Status::data(path_ + ": not a sellerscore CRM database (unknown application id)");
    }
    if (*version > schema_version) {
        return Status::data(path_ + ": CRM schema version " + std::to_string(*version) +
                            " is newer than this sellerscore supports (" + std::to_string(schema_version) +
                            "); upgrade sellerscore");
    }
    if (*version < schema_version) return migrate(*version);
    return Status::ok();
}

Status LocalCrmDatabase::migrate(std::int64_t from_version) {
    auto transaction = SqliteTransaction::begin_write(*this);
    if (!transaction) return transaction.status();
    // Another process may have migrated the file while we waited for the write lock; migrating twice
    // would multiply its instants by 1000 twice.
    {
        auto statement = prepare("PRAGMA user_version");
        if (!statement) return statement.status();
        if (const int rc = statement->step(); rc != SQLITE_ROW) return failure("reading the schema version", rc);
        from_version = statement->int64(0);
    }
    if (from_version >= schema_version) return Status::ok();
    // Version 1 held instants in whole seconds; version 2 keeps milliseconds (KPIS.md §1).
    if (from_version < 2) {
        if (Status status = execute(R"sql(
UPDATE contacts SET created_at = created_at * 1000;
UPDATE deals SET created_at = created_at * 1000, closed_at = closed_at * 1000;
UPDATE stage_changes SET entered_at = entered_at * 1000;
UPDATE activities SET at = at * 1000;
)sql");
            !status) {
            return status;
        }
    }
    if (from_version < 3) {
        if (Status status = execute(spend_rows_upgrade_sql); !status) return status;
    }
    if (from_version < 4) {
        if (Status status = execute(experience_tables_sql); !status) return status;
    }
    const std::string stamp = "PRAGMA user_version=" + std::to_string(schema_version);
    if (Status status = execute(stamp.c_str()); !status) return status;
    return transaction->commit();
}

Status LocalCrmDatabase::create_schema() {
    if (Status status = execute(schema_sql); !status) return status;
    const std::string stamp = "PRAGMA application_id=" + std::to_string(application_id) +
                              "; PRAGMA user_version=" + std::to_string(schema_version);
    return execute(stamp.c_str());
}

Result<SqliteStatement> LocalCrmDatabase::prepare(std::string_view sql) {
    sqlite3_stmt* statement = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &statement, nullptr);
    if (rc != SQLITE_OK) return failure("preparing a query", rc);
    return SqliteStatement(statement);
}

Status LocalCrmDatabase::execute(const char* sql) {
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return failure("running '" + std::string(sql).substr(0, 40) + "'", rc);
    return Status::ok();
}

Status LocalCrmDatabase::failure(std::string_view doing) const { return failure(doing, sqlite3_extended_errcode(db_)); }

Status LocalCrmDatabase::failure(std::string_view doing, int code) const {
    switch (code & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return Status(StatusCode::timeout, path_ + ": database is locked by another process");
        case SQLITE_NOTADB:
            return Status::data(path_ + ": not a sellerscore CRM database (file is not a database)");
        case SQLITE_CORRUPT:
            return Status::data(path_ + ": database file is corrupt");
        case SQLITE_READONLY:
            return Status(StatusCode::permission, path_ + ": database is read-only");
        case SQLITE_FULL:
            return Status::internal(path_ + ": disk full");
        case SQLITE_CANTOPEN:
            return Status(StatusCode::permission, path_ + ": cannot open the database file or its journal");
        default:
            break;
    }
    const char* reason = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
    return Status::internal(path_ + ": " + std::string(doing) + ": " + reason);
}

Result<std::int64_t> LocalCrmDatabase::change_sequence() {
    auto statement = prepare("SELECT value FROM change_sequence WHERE id = 1");
    if (!statement) return statement.status();
    const int rc = statement->step();
    if (rc != SQLITE_ROW) return failure("reading the change sequence", rc);
    return statement->int64(0);
}

Result<std::int64_t> LocalCrmDatabase::next_change_sequence() {
    auto statement = prepare("UPDATE change_sequence SET value = value + 1 WHERE id = 1 RETURNING value");
    if (!statement) return statement.status();
    const int rc = statement->step();
    if (rc != SQLITE_ROW) return failure("bumping the change sequence", rc);
    const std::int64_t value = statement->int64(0);
    statement->step();
    return value;
}

}  // namespace sellerscore::connectors
