// The connector's cursor (opaque to the plugin), JSON text:
//   {"v":1,"marks":{"deals":{"at":"2026-03-01T12:00:00Z","ids":["12"]},...},
//    "hashes":{"users":"<hex>","stages":"<hex>","activity_types":"<hex>","person_fields":"<hex>"}}
// A mark is the latest update_time read of one list (RFC 3339 without a fraction, what v2's
// updated_since accepts) and the ids updated at exactly that second: updated_since is inclusive, so
// the next read sees those again and skips them. Users, pipelines, stages and activity types have no
// usable update filter: they are read whole every run and their fingerprints say whether they changed.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "plugin/model/records.hpp"
#include "plugin/model/status.hpp"

namespace sellerscore::connectors::pipedrive {

struct ListMark {
    model::Timestamp at = 0;
    std::set<std::string> ids;  // updated at exactly `at`, already read

    // Moves the mark forward over a record updated at `updated_at`.
    void advance(model::Timestamp updated_at, const std::string& id);
    // Whether a record updated at `updated_at` was read under this mark already.
    bool covers(model::Timestamp updated_at, const std::string& id) const;

    bool operator==(const ListMark&) const = default;
};

struct SyncCursor {
    std::map<std::string, ListMark> marks;  // by list: "deals", "persons", ...; absent = never read
    std::map<std::string, std::string> hashes;

    const ListMark* mark(std::string_view list) const;
    std::string hash(std::string_view name) const;  // "" when absent

    std::string to_text() const;
    // "" is the empty cursor (a first, full read).
    static Result<SyncCursor> parse(std::string_view text);

    bool operator==(const SyncCursor&) const = default;
};

}  // namespace sellerscore::connectors::pipedrive
