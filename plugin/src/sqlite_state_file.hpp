// Opening one of the SQLite files the plugin keeps in the state directory (the state store, the record
// caches): private to its owner, checked before use, and in WAL mode with the durability its caller
// chose. Header-only because both files' sources are also compiled into the tests on their own.
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "plugin/model/status.hpp"

namespace sellerscore::plugin {

// What a commit survives. `full`: every commit is fsynced before it returns, so it survives power loss.
// `normal`: in WAL mode a power loss can undo the last commits (never corrupt the file); fsync happens
// at checkpoints only. state_store.cpp and record_cache.cpp say which they use and why.
enum class Durability { full, normal };

// Owns the connection; closes it unless release()d.
class SqliteStateFile {
public:
    // `what` names the file in messages ("state store", "record cache"). A file SQLite cannot read as a
    // database, or one PRAGMA quick_check finds damaged, is StatusCode::data with one line saying what
    // to do; the file is left where it is, untouched.
    static Result<SqliteStateFile> open(const std::string& path, const std::string& what, Durability durability) {
        sqlite3* raw = nullptr;
        const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
        SqliteStateFile file(raw);
        if (rc != SQLITE_OK) {
            return Status::data(path + ": cannot open the " + what + " (" +
                                (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)) + ")");
        }
        // It holds CRM data and, in the state store, rotated refresh tokens. SQLite gives the -wal and
        // -shm files the main file's mode, so this covers them too.
        std::error_code ignored;
        std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                     ignored);
        sqlite3_busy_timeout(raw, 5000);

        if (const std::string damage = quick_check(raw); !damage.empty()) {
            return Status::data(path + ": the " + what + " is damaged (" + damage + "); crmhost will not use it: move it " +
                                "aside (mv " + path + " " + path + ".damaged) and run crmhost sync --full");
        }
        const std::string pragmas = std::string("PRAGMA journal_mode=WAL; PRAGMA synchronous=") +
                                    (durability == Durability::full ? "FULL" : "NORMAL") + ";";
        char* message = nullptr;
        if (sqlite3_exec(raw, pragmas.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
            const std::string why = message != nullptr ? message : "unknown error";
            sqlite3_free(message);
            return Status::data(path + ": cannot set up the " + what + " (" + why + ")");
        }
        return file;
    }

    SqliteStateFile(SqliteStateFile&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
    SqliteStateFile& operator=(SqliteStateFile&&) = delete;
    SqliteStateFile(const SqliteStateFile&) = delete;
    SqliteStateFile& operator=(const SqliteStateFile&) = delete;
    ~SqliteStateFile() { sqlite3_close(db_); }

    sqlite3* release() {
        sqlite3* db = db_;
        db_ = nullptr;
        return db;
    }

private:
    explicit SqliteStateFile(sqlite3* db) : db_(db) {}

    // "" when the file is sound (a new, empty file is); else SQLite's first complaint. quick_check reads
    // every page (garbage, a truncated file and broken b-trees all show) but skips the index-content
    // cross-check of integrity_check, which costs far more on a large cache.
    static std::string quick_check(sqlite3* db) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &s, nullptr) != SQLITE_OK) {
            std::string why = sqlite3_errmsg(db);
            sqlite3_finalize(s);
            return why;
        }
        std::string verdict;
        const int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) {
            const auto* text = sqlite3_column_text(s, 0);
            verdict = text != nullptr ? reinterpret_cast<const char*>(text) : "no verdict";
        } else {
            verdict = sqlite3_errmsg(db);
        }
        sqlite3_finalize(s);
        return verdict == "ok" ? std::string() : verdict;
    }

    sqlite3* db_ = nullptr;
};

}  // namespace sellerscore::plugin
