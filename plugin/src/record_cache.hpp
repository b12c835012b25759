// The records a remote CRM gave us, kept between runs in the state dir. Every KPI needs every record,
// and a vendor charges per request: with the cache a sync pulls only what changed since the cursor,
// and computes over the cache.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/connector.hpp"
#include "held_values.hpp"
#include "plugin/model/records.hpp"
#include "plugin/model/status.hpp"

struct sqlite3;

namespace sellerscore::plugin {

class RecordCache {
public:
    // Opens or creates <dir>/records-<vendor>.sqlite.
    static Result<std::unique_ptr<RecordCache>> open(const std::string& dir, std::string_view vendor);
    ~RecordCache();
    RecordCache(const RecordCache&) = delete;
    RecordCache& operator=(const RecordCache&) = delete;

    // The cursor to read from next: "" when the cache is empty or was filled from another CRM
    // (`source` names it: vendor and base URL), so that the next read is a full one.
    Result<std::string> cursor_for(std::string_view source);

    // An update: everything applied until commit() lands together, or not at all (an interrupted
    // read leaves the cache at its previous cursor, and the next run reads from there again).
    Status begin(std::string_view source);
    Status clear();  // forgets every record: a full read follows
    // Upserts the page's records; a deal's stage history and a record's held values are replaced
    // as a whole by the page's; removed records go with their history and held values.
    Status apply(const connectors::ReadPage& page);
    // Our own successful writes, so the next diff does not write them again.
    Status record_writes(std::span<const connectors::FieldWrite> writes, std::span<const char> failed);
    Status set_cursor(std::string_view cursor);
    Status commit();

    // Every record in the cache, and the held values of our fields into `held`.
    Result<model::Dataset> load(HeldValues& held);

    const std::string& path() const { return path_; }

private:
    RecordCache(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
    Status exec(const char* sql);

    sqlite3* db_;
    std::string path_;
    bool in_update_ = false;
};

}  // namespace sellerscore::plugin
