#include "record_cache.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <set>

#include "connectors/local/sqlite_statement.hpp"
#include "plugin/model/record_json.hpp"
#include "sqlite_state_file.hpp"

namespace sellerscore::plugin {

namespace {

using connectors::SqliteStatement;

// Records are stored as their NDJSON lines (KPIS.md §1.1): one format for import, export and cache,
// and parse_X(to_ndjson(r)) == r exactly.
constexpr const char* record_cache_schema_sql = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sellers (id TEXT PRIMARY KEY, line TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stages (id TEXT PRIMARY KEY, line TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS contacts (id TEXT PRIMARY KEY, line TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS deals (id TEXT PRIMARY KEY, line TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stage_changes (deal_id TEXT NOT NULL, line TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS stage_changes_by_deal ON stage_changes (deal_id);
CREATE TABLE IF NOT EXISTS activities (id TEXT PRIMARY KEY, line TEXT NOT NULL);
-- Several spend rows of one channel and month add up (one per campaign). The first caches kept one
-- row per month in "spend"; no connector that is read through the cache sends spend, so it is dropped.
DROP TABLE IF EXISTS spend;
CREATE TABLE IF NOT EXISTS spend_rows (channel TEXT NOT NULL, month TEXT NOT NULL, line TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS spend_rows_by_month ON spend_rows (channel, month);
CREATE TABLE IF NOT EXISTS survey_responses (id TEXT PRIMARY KEY, line TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS deliveries (id TEXT PRIMARY KEY, line TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS held (object INTEGER NOT NULL, record_id TEXT NOT NULL, field_id TEXT NOT NULL,
                                 number REAL, text TEXT, PRIMARY KEY (object, record_id, field_id));
)sql";

constexpr const char* record_tables[] = {"sellers", "stages", "contacts", "deals", "stage_changes", "activities",
                                         "spend_rows", "survey_responses", "deliveries", "held"};

Status sqlite_error(sqlite3* db, const std::string& path, const std::string& what) {
    return Status::internal("record cache " + path + ": " + what + ": " + sqlite3_errmsg(db));
}

// A statement that failed to prepare holds nullptr; its step() then reports SQLITE_MISUSE.
SqliteStatement prepare(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr);
    return SqliteStatement(s);
}

const char* table_of(model::RecordType type) {
    switch (type) {
        case model::RecordType::seller: return "sellers";
        case model::RecordType::stage: return "stages";
        case model::RecordType::contact: return "contacts";
        case model::RecordType::deal: return "deals";
        case model::RecordType::activity: return "activities";
        case model::RecordType::survey_response: return "survey_responses";
        case model::RecordType::delivery: return "deliveries";
        case model::RecordType::stage_change:
        case model::RecordType::spend: break;
    }
    return nullptr;
}

template <class Record>
Status load_table(sqlite3* db, const std::string& path, const char* sql, Result<Record> (*parse)(std::string_view),
                  std::vector<Record>& out) {
    SqliteStatement s = prepare(db, sql);
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        auto record = parse(s.text(0));
        if (!record) return Status::data("record cache " + path + ": " + record.status().message() + "; run sync --full");
        out.push_back(std::move(*record));
    }
    return rc == SQLITE_DONE ? Status::ok() : sqlite_error(db, path, "reading");
}

}  // namespace

Result<std::unique_ptr<RecordCache>> RecordCache::open(const std::string& dir, std::string_view vendor) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return Status::invalid_argument("state dir " + dir + ": cannot create it (" + ec.message() + ")");
    const std::string path = (std::filesystem::path(dir) / ("records-" + std::string(vendor) + ".sqlite")).string();
    // synchronous=NORMAL: a sync commits the cache once per page, thousands of records each, and in WAL
    // mode NORMAL fsyncs at checkpoints only. A power cut can undo the last commits but not corrupt the
    // file, and an undone commit takes its cursor with it: the next run reads again from the older
    // cursor, which brings back those records and the values we wrote (held values come from the CRM's
    // own pages), so nothing is lost and nothing is written twice.
    Result<SqliteStateFile> file = SqliteStateFile::open(path, "record cache", Durability::normal);
    if (!file) return file.status();
    std::unique_ptr<RecordCache> cache(new RecordCache(file->release(), path));
    if (Status s = cache->exec(record_cache_schema_sql); !s) return s;
    return cache;
}

RecordCache::~RecordCache() {
    if (in_update_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
}

Status RecordCache::exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        std::string what = message != nullptr ? message : "unknown error";
        sqlite3_free(message);
        return Status::internal("record cache " + path_ + ": " + what);
    }
    return Status::ok();
}

Result<std::string> RecordCache::cursor_for(std::string_view source) {
    SqliteStatement s = prepare(db_, 
        "SELECT (SELECT value FROM meta WHERE key = 'source'), (SELECT value FROM meta WHERE key = 'cursor')");
    if (s.step() != SQLITE_ROW) return sqlite_error(db_, path_, "reading the cursor");
    if (s.is_null(0) || s.is_null(1) || s.text(0) != source) return std::string();
    return std::string(s.text(1));
}

Status RecordCache::begin(std::string_view source) {
    if (Status s = exec("BEGIN IMMEDIATE"); !s) return s;
    in_update_ = true;
    SqliteStatement s = prepare(db_, "INSERT OR REPLACE INTO meta (key, value) VALUES ('source', ?1)");
    s.bind(1, source);
    return s.step() == SQLITE_DONE ? Status::ok() : sqlite_error(db_, path_, "writing the source");
}

Status RecordCache::clear() {
    for (const char* table : record_tables) {
        if (Status s = exec(("DELETE FROM " + std::string(table)).c_str()); !s) return s;
    }
    return exec("DELETE FROM meta WHERE key = 'cursor'");
}

Status RecordCache::apply(const connectors::ReadPage& page) {
    const model::Dataset& d = page.records;
    // One prepared statement per table and page, not per record: pages carry thousands of records.
    auto upsert_all = [&](const char* table, const auto& records) -> Status {
        SqliteStatement s = prepare(db_, std::string("INSERT OR REPLACE INTO ") + table + " (id, line) VALUES (?1, ?2)");
        for (const auto& r : records) {
            const std::string line = model::to_ndjson(r);
            s.bind(1, std::string_view(r.id));
            s.bind(2, std::string_view(line));
            if (s.step() != SQLITE_DONE) return sqlite_error(db_, path_, std::string("writing ") + table);
            s.reset();
        }
        return Status::ok();
    };
    if (Status s = upsert_all("sellers", d.sellers); !s) return s;
    if (Status s = upsert_all("stages", d.stages); !s) return s;
    if (Status s = upsert_all("contacts", d.contacts); !s) return s;
    if (Status s = upsert_all("deals", d.deals); !s) return s;
    if (Status s = upsert_all("activities", d.activities); !s) return s;
    if (Status s = upsert_all("survey_responses", d.survey_responses); !s) return s;
    if (Status s = upsert_all("deliveries", d.deliveries); !s) return s;

    {
        // A page brings all the rows of each channel and month it names: they replace the cached ones.
        SqliteStatement forget = prepare(db_, "DELETE FROM spend_rows WHERE channel = ?1 AND month = ?2");
        std::set<std::pair<std::string, std::string>> months;
        for (const auto& r : d.spend) months.emplace(r.channel, r.month);
        for (const auto& [channel, month] : months) {
            forget.bind(1, std::string_view(channel));
            forget.bind(2, std::string_view(month));
            if (forget.step() != SQLITE_DONE) return sqlite_error(db_, path_, "replacing spend");
            forget.reset();
        }
        SqliteStatement s = prepare(db_, "INSERT INTO spend_rows (channel, month, line) VALUES (?1, ?2, ?3)");
        for (const auto& r : d.spend) {
            const std::string line = model::to_ndjson(r);
            s.bind(1, std::string_view(r.channel));
            s.bind(2, std::string_view(r.month));
            s.bind(3, std::string_view(line));
            if (s.step() != SQLITE_DONE) return sqlite_error(db_, path_, "writing spend");
            s.reset();
        }
    }

    // A deal's history and a record's held values are replaced as a whole.
    {
        SqliteStatement forget_history = prepare(db_, "DELETE FROM stage_changes WHERE deal_id = ?1");
        SqliteStatement forget_held = prepare(db_, "DELETE FROM held WHERE object = ?1 AND record_id = ?2");
        auto forget = [&](SqliteStatement& s, std::optional<int> object, std::string_view id) {
            int at = 1;
            if (object) s.bind(at++, *object);
            s.bind(at, id);
            const bool ok = s.step() == SQLITE_DONE;
            s.reset();
            return ok;
        };
        for (const auto& deal : d.deals) {
            if (!forget(forget_history, std::nullopt, deal.id) ||
                !forget(forget_held, static_cast<int>(connectors::RecordObject::deal), deal.id)) {
                return sqlite_error(db_, path_, "replacing a deal");
            }
        }
        for (const auto& contact : d.contacts) {
            if (!forget(forget_held, static_cast<int>(connectors::RecordObject::contact), contact.id)) {
                return sqlite_error(db_, path_, "replacing a contact");
            }
        }
        // Companies have no record of their own: their held values arrive alone, and replace theirs.
        std::set<std::string_view> companies;
        for (const auto& h : page.held_values) {
            if (h.object == connectors::RecordObject::company) companies.insert(h.record_id);
        }
        for (std::string_view id : companies) {
            if (!forget(forget_held, static_cast<int>(connectors::RecordObject::company), id)) {
                return sqlite_error(db_, path_, "replacing a company");
            }
        }
    }
    {
        SqliteStatement s = prepare(db_, "INSERT INTO stage_changes (deal_id, line) VALUES (?1, ?2)");
        for (const auto& r : d.stage_changes) {
            const std::string line = model::to_ndjson(r);
            s.bind(1, std::string_view(r.deal_id));
            s.bind(2, std::string_view(line));
            if (s.step() != SQLITE_DONE) return sqlite_error(db_, path_, "writing stage changes");
            s.reset();
        }
    }
    {
        SqliteStatement s = prepare(db_, 
            "INSERT OR REPLACE INTO held (object, record_id, field_id, number, text) VALUES (?1, ?2, ?3, ?4, ?5)");
        for (const auto& h : page.held_values) {
            if (std::holds_alternative<std::monostate>(h.value)) continue;
            s.bind(1, static_cast<int>(h.object));
            s.bind(2, std::string_view(h.record_id));
            s.bind(3, std::string_view(h.field_id));
            if (const double* number = std::get_if<double>(&h.value)) {
                s.bind(4, *number);
                s.bind_null(5);
            } else {
                s.bind_null(4);
                s.bind(5, std::string_view(std::get<std::string>(h.value)));
            }
            if (s.step() != SQLITE_DONE) return sqlite_error(db_, path_, "writing held values");
            s.reset();
        }
    }
    for (const auto& removed : page.removed) {
        const char* table = table_of(removed.type);
        if (table == nullptr) continue;
        SqliteStatement s = prepare(db_, std::string("DELETE FROM ") + table + " WHERE id = ?1");
        s.bind(1, std::string_view(removed.id));
        if (s.step() != SQLITE_DONE) return sqlite_error(db_, path_, "removing a record");
        if (removed.type == model::RecordType::deal || removed.type == model::RecordType::contact) {
            const auto object = removed.type == model::RecordType::deal ? connectors::RecordObject::deal
                                                                        : connectors::RecordObject::contact;
            SqliteStatement held = prepare(db_, "DELETE FROM held WHERE object = ?1 AND record_id = ?2");
            held.bind(1, static_cast<int>(object));
            held.bind(2, std::string_view(removed.id));
            if (held.step() != SQLITE_DONE) return sqlite_error(db_, path_, "removing held values");
        }
        if (removed.type == model::RecordType::deal) {
            SqliteStatement history = prepare(db_, "DELETE FROM stage_changes WHERE deal_id = ?1");
            history.bind(1, std::string_view(removed.id));
            if (history.step() != SQLITE_DONE) return sqlite_error(db_, path_, "removing a deal's history");
        }
    }
    return Status::ok();
}

Status RecordCache::record_writes(std::span<const connectors::FieldWrite> writes, std::span<const char> failed) {
    SqliteStatement set = prepare(db_, 
        "INSERT OR REPLACE INTO held (object, record_id, field_id, number, text) VALUES (?1, ?2, ?3, ?4, ?5)");
    SqliteStatement clear = prepare(db_, "DELETE FROM held WHERE object = ?1 AND record_id = ?2 AND field_id = ?3");
    for (std::size_t i = 0; i < writes.size(); ++i) {
        if (i < failed.size() && failed[i]) continue;
        const connectors::FieldWrite& w = writes[i];
        SqliteStatement& s = std::holds_alternative<std::monostate>(w.value) ? clear : set;
        s.bind(1, static_cast<int>(w.object));
        s.bind(2, std::string_view(w.record_id));
        s.bind(3, std::string_view(w.field_id));
        if (const double* number = std::get_if<double>(&w.value)) {
            s.bind(4, *number);
            s.bind_null(5);
        } else if (const std::string* text = std::get_if<std::string>(&w.value)) {
            s.bind_null(4);
            s.bind(5, std::string_view(*text));
        }
        if (s.step() != SQLITE_DONE) return sqlite_error(db_, path_, "recording written values");
        s.reset();
    }
    return Status::ok();
}

Status RecordCache::set_cursor(std::string_view cursor) {
    SqliteStatement s = prepare(db_, "INSERT OR REPLACE INTO meta (key, value) VALUES ('cursor', ?1)");
    s.bind(1, cursor);
    return s.step() == SQLITE_DONE ? Status::ok() : sqlite_error(db_, path_, "writing the cursor");
}

Status RecordCache::commit() {
    if (Status s = exec("COMMIT"); !s) return s;
    in_update_ = false;
    return Status::ok();
}

Result<model::Dataset> RecordCache::load(HeldValues& held) {
    model::Dataset d;
    if (Status s = load_table(db_, path_, "SELECT line FROM sellers", &model::parse_seller, d.sellers); !s) return s;
    if (Status s = load_table(db_, path_, "SELECT line FROM stages", &model::parse_stage, d.stages); !s) return s;
    if (Status s = load_table(db_, path_, "SELECT line FROM contacts", &model::parse_contact, d.contacts); !s) return s;
    if (Status s = load_table(db_, path_, "SELECT line FROM deals", &model::parse_deal, d.deals); !s) return s;
    if (Status s = load_table(db_, path_, "SELECT line FROM stage_changes", &model::parse_stage_change,
                              d.stage_changes);
        !s) {
        return s;
    }
    if (Status s = load_table(db_, path_, "SELECT line FROM activities", &model::parse_activity, d.activities); !s) {
        return s;
    }
    if (Status s = load_table(db_, path_, "SELECT line FROM spend_rows ORDER BY rowid", &model::parse_spend, d.spend); !s) return s;
    if (Status s = load_table(db_, path_, "SELECT line FROM survey_responses", &model::parse_survey_response,
                              d.survey_responses);
        !s) {
        return s;
    }
    if (Status s = load_table(db_, path_, "SELECT line FROM deliveries", &model::parse_delivery, d.deliveries); !s) {
        return s;
    }

    SqliteStatement s = prepare(db_, "SELECT object, record_id, field_id, number, text FROM held");
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        connectors::HeldValue h;
        h.object = static_cast<connectors::RecordObject>(s.int64(0));
        h.record_id = std::string(s.text(1));
        h.field_id = std::string(s.text(2));
        if (!s.is_null(3)) {
            h.value = s.real(3);
        } else {
            h.value = std::string(s.text(4));
        }
        held.add(std::move(h));
    }
    if (rc != SQLITE_DONE) return sqlite_error(db_, path_, "reading held values");
    return d;
}

}  // namespace sellerscore::plugin
