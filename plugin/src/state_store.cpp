#include "state_store.hpp"

#include <sqlite3.h>

#include <filesystem>

#include "sqlite_state_file.hpp"

namespace sellerscore::plugin {

namespace {

// 2: run instants in milliseconds (1 held seconds; opening a version 1 store migrates it).
constexpr int schema_version = 2;

constexpr const char* state_store_schema_sql = R"sql(
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  as_of INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  full INTEGER NOT NULL,
  dry_run INTEGER NOT NULL,
  skipped INTEGER NOT NULL,
  records_json TEXT NOT NULL,
  fields_written INTEGER NOT NULL,
  records_updated INTEGER NOT NULL,
  write_failures INTEGER NOT NULL,
  cursor TEXT NOT NULL,
  settings_fingerprint TEXT NOT NULL,
  scorecard_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS connector_memory (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql";

constexpr const char* run_columns =
    "id, started_at, as_of, duration_ms, full, dry_run, skipped, records_json, fields_written, records_updated, "
    "write_failures, cursor, settings_fingerprint, scorecard_json";

class Statement {
public:
    Statement(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    bool prepared() const { return rc_ == SQLITE_OK; }
    sqlite3_stmt* get() const { return stmt_; }

private:
    sqlite3_stmt* stmt_ = nullptr;
    int rc_ = SQLITE_OK;
};

std::string text_column(sqlite3_stmt* s, int i) {
    const auto* p = sqlite3_column_text(s, i);
    return p != nullptr ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(s, i)) : std::string();
}

RunRecord read_run(sqlite3_stmt* s) {
    RunRecord r;
    r.id = sqlite3_column_int64(s, 0);
    r.started_at = sqlite3_column_int64(s, 1);
    r.as_of = sqlite3_column_int64(s, 2);
    r.duration_ms = sqlite3_column_int64(s, 3);
    r.full = sqlite3_column_int(s, 4) != 0;
    r.dry_run = sqlite3_column_int(s, 5) != 0;
    r.skipped = sqlite3_column_int(s, 6) != 0;
    r.records_json = text_column(s, 7);
    r.fields_written = sqlite3_column_int64(s, 8);
    r.records_updated = sqlite3_column_int64(s, 9);
    r.write_failures = sqlite3_column_int64(s, 10);
    r.cursor = text_column(s, 11);
    r.settings_fingerprint = text_column(s, 12);
    r.scorecard_json = text_column(s, 13);
    return r;
}

}  // namespace

Result<std::unique_ptr<StateStore>> StateStore::open(const std::string& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return Status::invalid_argument("state dir " + dir + ": cannot create it (" + ec.message() + ")");
    const std::string path = (std::filesystem::path(dir) / "sellerscore-state.sqlite").string();

    // synchronous=FULL: a commit here is few rows per run, and losing one to a power cut costs more than
    // its fsync. The connectors keep rotated OAuth refresh tokens here, and the vendor has already
    // revoked the previous one, so an undone commit would lock the next run out; the run history
    // also holds the cursor the next incremental read starts from.
    Result<SqliteStateFile> file = SqliteStateFile::open(path, "state store", Durability::full);
    if (!file) return file.status();
    sqlite3* db = file->release();
    std::unique_ptr<StateStore> store(new StateStore(db, path));

    int version = -1;
    {
        Statement s(db, "PRAGMA user_version");
        if (!s.prepared() || sqlite3_step(s.get()) != SQLITE_ROW) {
            return Status::data(path + ": not a sellerscore state store (" + sqlite3_errmsg(db) + ")");
        }
        version = sqlite3_column_int(s.get(), 0);
    }
    if (version > schema_version) {
        return Status::data(path + ": state store schema " + std::to_string(version) +
                            " is newer than this plugin understands (" + std::to_string(schema_version) + ")");
    }
    char* err = nullptr;
    const std::string migrate =
        version == 1 ? "UPDATE runs SET started_at = started_at * 1000, as_of = as_of * 1000;" : "";
    const std::string init = "BEGIN IMMEDIATE;" + std::string(state_store_schema_sql) + migrate + "PRAGMA user_version = " +
                             std::to_string(schema_version) + "; COMMIT;";
    if (sqlite3_exec(db, init.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string why = err != nullptr ? err : "unknown error";
        sqlite3_free(err);
        return Status::data(path + ": cannot initialise the state store (" + why + ")");
    }
    return store;
}

StateStore::~StateStore() { sqlite3_close(db_); }

std::optional<std::string> StateStore::get(std::string_view key) const {
    Statement s(db_, "SELECT value FROM connector_memory WHERE key = ?");
    if (!s.prepared()) return std::nullopt;
    sqlite3_bind_text(s.get(), 1, key.data(), static_cast<int>(key.size()), SQLITE_STATIC);
    if (sqlite3_step(s.get()) != SQLITE_ROW) return std::nullopt;
    return text_column(s.get(), 0);
}

Status StateStore::put(std::string_view key, std::string_view value) {
    Statement s(db_, "INSERT OR REPLACE INTO connector_memory (key, value) VALUES (?, ?)");
    if (!s.prepared()) return Status::data(path_ + ": cannot write connector memory (" + sqlite3_errmsg(db_) + ")");
    sqlite3_bind_text(s.get(), 1, key.data(), static_cast<int>(key.size()), SQLITE_STATIC);
    sqlite3_bind_text(s.get(), 2, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
    if (sqlite3_step(s.get()) != SQLITE_DONE) {
        return Status::data(path_ + ": cannot write connector memory (" + sqlite3_errmsg(db_) + ")");
    }
    return Status::ok();
}

Result<std::int64_t> StateStore::record_run(const RunRecord& run) {
    Statement s(db_,
                "INSERT INTO runs (started_at, as_of, duration_ms, full, dry_run, skipped, records_json, "
                "fields_written, records_updated, write_failures, cursor, settings_fingerprint, scorecard_json) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!s.prepared()) return Status::data(path_ + ": " + sqlite3_errmsg(db_));
    sqlite3_stmt* st = s.get();
    sqlite3_bind_int64(st, 1, run.started_at);
    sqlite3_bind_int64(st, 2, run.as_of);
    sqlite3_bind_int64(st, 3, run.duration_ms);
    sqlite3_bind_int(st, 4, run.full ? 1 : 0);
    sqlite3_bind_int(st, 5, run.dry_run ? 1 : 0);
    sqlite3_bind_int(st, 6, run.skipped ? 1 : 0);
    sqlite3_bind_text(st, 7, run.records_json.data(), static_cast<int>(run.records_json.size()), SQLITE_STATIC);
    sqlite3_bind_int64(st, 8, run.fields_written);
    sqlite3_bind_int64(st, 9, run.records_updated);
    sqlite3_bind_int64(st, 10, run.write_failures);
    sqlite3_bind_text(st, 11, run.cursor.data(), static_cast<int>(run.cursor.size()), SQLITE_STATIC);
    sqlite3_bind_text(st, 12, run.settings_fingerprint.data(), static_cast<int>(run.settings_fingerprint.size()),
                      SQLITE_STATIC);
    sqlite3_bind_text(st, 13, run.scorecard_json.data(), static_cast<int>(run.scorecard_json.size()), SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) {
        return Status::data(path_ + ": cannot record the run (" + sqlite3_errmsg(db_) + ")");
    }
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_));
}

Result<std::optional<RunRecord>> StateStore::last_applied_run() {
    const std::string sql = std::string("SELECT ") + run_columns + " FROM runs WHERE dry_run = 0 ORDER BY id DESC LIMIT 1";
    Statement s(db_, sql.c_str());
    if (!s.prepared()) return Status::data(path_ + ": " + sqlite3_errmsg(db_));
    const int rc = sqlite3_step(s.get());
    if (rc == SQLITE_ROW) return std::optional<RunRecord>(read_run(s.get()));
    if (rc == SQLITE_DONE) return std::optional<RunRecord>();
    return Status::data(path_ + ": cannot read the run history (" + sqlite3_errmsg(db_) + ")");
}

Result<std::optional<std::string>> StateStore::last_scorecard() {
    Statement s(db_, "SELECT scorecard_json FROM runs WHERE scorecard_json <> '' ORDER BY id DESC LIMIT 1");
    if (!s.prepared()) return Status::data(path_ + ": " + sqlite3_errmsg(db_));
    const int rc = sqlite3_step(s.get());
    if (rc == SQLITE_ROW) return std::optional<std::string>(text_column(s.get(), 0));
    if (rc == SQLITE_DONE) return std::optional<std::string>();
    return Status::data(path_ + ": cannot read the last scorecard (" + sqlite3_errmsg(db_) + ")");
}

}  // namespace sellerscore::plugin
