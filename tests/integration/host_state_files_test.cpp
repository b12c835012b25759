// The plugin's SQLite files in the state directory survive power loss (WAL, private to their owner),
// and a damaged one (garbage bytes, a truncated file) is refused when opened, with one line saying what
// to do, and left exactly as it was: never used, never deleted. The state store through crmhost; the
// record cache in-process (plugin/src/record_cache.cpp is compiled into this binary).
#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <sys/stat.h>

#include <filesystem>

#include "host_local_crm.hpp"
#include "host_scratch_directory.hpp"
#include "host_test_process.hpp"
#include "plugin/src/record_cache.hpp"

using namespace sellerscore;
using namespace sellerscore::host::testing;
namespace fs = std::filesystem;

namespace {

const std::string garbage = "these bytes were never an SQLite database, whatever the file name says\n";

// A local CRM with one seller, imported and synced once, so that state/ holds a real state store.
fs::path synced_state_store(const ScratchDirectory& dir) {
    dir.write("sellerscore.json", local_config);
    dir.write("ndjson/sellers.ndjson", one_seller);
    REQUIRE(run_crmhost({"--config", "sellerscore.json", "import", "ndjson"}, dir.path(), real_plugin).exit_code == 0);
    const ProcessResult first = run_crmhost({"--config", "sellerscore.json", "sync"}, dir.path(), real_plugin);
    INFO(first.err);
    REQUIRE(first.exit_code == 0);
    const fs::path store = dir.path() / "state" / "sellerscore-state.sqlite";
    REQUIRE(fs::exists(store));
    return store;
}

std::string damaged_line(const fs::path& path, const std::string& what, const std::string& why) {
    return path.string() + ": the " + what + " is damaged (" + why + "); crmhost will not use it: move it aside (mv " +
           path.string() + " " + path.string() + ".damaged) and run crmhost sync --full";
}

std::string journal_mode_of(const fs::path& path) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    std::string mode;
    if (sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
        mode = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return mode;
}

unsigned mode_of(const fs::path& path) {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info.st_mode & 0777;
}

}  // namespace

TEST_CASE("the state store is a WAL database that only its owner can read") {
    ScratchDirectory dir;
    const fs::path store = synced_state_store(dir);
    CHECK(journal_mode_of(store) == "wal");
    CHECK(mode_of(store) == 0600);
}

TEST_CASE("a state store of garbage bytes is refused at open with what to do, and left as it was") {
    ScratchDirectory dir;
    const fs::path store = synced_state_store(dir);
    dir.write("state/sellerscore-state.sqlite", garbage);

    const ProcessResult result = run_crmhost({"--config", "sellerscore.json", "sync"}, dir.path(), real_plugin);

    CHECK(result.exit_code == 5);
    CHECK(result.err == "crmhost: sync: " + damaged_line(store, "state store", "file is not a database") + "\n");
    CHECK(read_whole_file(store) == garbage);
}

TEST_CASE("a truncated state store is refused at open and left as it was") {
    ScratchDirectory dir;
    const fs::path store = synced_state_store(dir);
    // The header still promises every page; the file now ends halfway through the second.
    REQUIRE(fs::file_size(store) >= 3 * 4096);
    fs::resize_file(store, 4096 + 2048);
    const std::string truncated = read_whole_file(store);

    const ProcessResult result = run_crmhost({"--config", "sellerscore.json", "scorecard"}, dir.path(), real_plugin);

    CHECK(result.exit_code == 5);
    CHECK_THAT(result.err, Catch::StartsWith("crmhost: scorecard: " + store.string() + ": the state store is damaged ("));
    CHECK_THAT(result.err, Catch::EndsWith("); crmhost will not use it: move it aside (mv " + store.string() + " " +
                                           store.string() + ".damaged) and run crmhost sync --full\n"));
    CHECK(read_whole_file(store) == truncated);
}

TEST_CASE("the record cache is a WAL database that only its owner can read") {
    ScratchDirectory dir;
    {
        auto cache = plugin::RecordCache::open(dir.path().string(), "test");
        REQUIRE(cache);
    }
    const fs::path file = dir.path() / "records-test.sqlite";
    CHECK(journal_mode_of(file) == "wal");
    CHECK(mode_of(file) == 0600);
}

TEST_CASE("a record cache of garbage bytes is refused at open with what to do, and left as it was") {
    ScratchDirectory dir;
    const fs::path file = dir.write("records-test.sqlite", garbage);

    auto cache = plugin::RecordCache::open(dir.path().string(), "test");

    REQUIRE_FALSE(cache);
    CHECK(cache.status().code() == StatusCode::data);
    CHECK(cache.status().message() == damaged_line(file, "record cache", "file is not a database"));
    CHECK(read_whole_file(file) == garbage);
}

TEST_CASE("a truncated record cache is refused at open and left as it was") {
    ScratchDirectory dir;
    const fs::path file = dir.path() / "records-test.sqlite";
    {
        auto cache = plugin::RecordCache::open(dir.path().string(), "test");
        REQUIRE(cache);
    }
    // Eleven tables and two indexes: over a dozen pages. Cut it off in the middle of the fourth.
    REQUIRE(fs::file_size(file) >= 8 * 4096);
    fs::resize_file(file, 3 * 4096 + 100);
    const std::string truncated = read_whole_file(file);

    auto cache = plugin::RecordCache::open(dir.path().string(), "test");

    REQUIRE_FALSE(cache);
    CHECK(cache.status().code() == StatusCode::data);
    CHECK_THAT(cache.status().message(), Catch::StartsWith(file.string() + ": the record cache is damaged ("));
    CHECK(read_whole_file(file) == truncated);
}
