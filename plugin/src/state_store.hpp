// The plugin's own memory between runs (DESIGN.md "state store"): one SQLite file in the state dir
// holding the run history, the data cursor and the scorecard each run produced.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "connectors/connector_memory.hpp"
#include "plugin/model/records.hpp"
#include "plugin/model/status.hpp"

struct sqlite3;

namespace sellerscore::plugin {

struct RunRecord {
    std::int64_t id = 0;
    model::Timestamp started_at = 0;
    model::Timestamp as_of = 0;
    std::int64_t duration_ms = 0;
    bool full = false;
    bool dry_run = false;
    bool skipped = false;             // nothing changed since the previous run: no pull, no compute
    std::string records_json;         // {"sellers":N,...} as read
    std::int64_t fields_written = 0;
    std::int64_t records_updated = 0;
    std::int64_t write_failures = 0;
    std::string cursor;               // the connector's cursor after this run's writes
    std::string settings_fingerprint;
    std::string scorecard_json;       // KPIS.md §8; empty for a skipped run
};

// Also the connectors' memory between runs (field keys looked up once, rotated refresh tokens).
class StateStore final : public connectors::ConnectorMemory {
public:
    // Opens or creates <dir>/sellerscore-state.sqlite.
    static Result<std::unique_ptr<StateStore>> open(const std::string& dir);
    ~StateStore();
    StateStore(const StateStore&) = delete;
    StateStore& operator=(const StateStore&) = delete;

    // Appends a run; returns its id.
    Result<std::int64_t> record_run(const RunRecord& run);

    // The latest run that wrote (not a dry run), skipped ones included.
    Result<std::optional<RunRecord>> last_applied_run();

    // The scorecard of the latest run that computed one (dry runs included: their numbers are real).
    Result<std::optional<std::string>> last_scorecard();

    std::optional<std::string> get(std::string_view key) const override;
    Status put(std::string_view key, std::string_view value) override;

    const std::string& path() const { return path_; }

private:
    StateStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
    sqlite3* db_;
    std::string path_;
};

}  // namespace sellerscore::plugin
