// Bad input through the whole stack (crmhost + the real plugin + the local CRM): one clear line, the
// documented exit code, and nothing lost or half-written.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "host_local_crm.hpp"
#include "host_scratch_directory.hpp"
#include "host_test_process.hpp"

using namespace sellerscore::host::testing;

namespace {

const char* one_stage = R"({"id":"new","pipeline_id":"P","name":"New","order":1,"kind":"open"}
)";

}  // namespace

TEST_CASE("sync against a file that is not a database fails with exit 5 and names the file") {
    ScratchDirectory dir;
    dir.write("sellerscore.json", local_config);
    dir.write("crm.sqlite", "this is not an SQLite database, it is a shopping list\n");
    const ProcessResult r = run_crmhost({"--config", "sellerscore.json", "sync"}, dir.path(), real_plugin);
    CHECK(r.exit_code == 5);
    CHECK_THAT(r.err, Catch::Contains("crmhost: sync: ") && Catch::Contains("crm.sqlite: not a sellerscore CRM database"));
    CHECK(single_line(r.err));
}

// A lock is transient, so it is reported as a timeout (exit 4: try again later), not as bad data.
TEST_CASE("sync against a database locked by another process times out with exit 4 instead of hanging") {
    ScratchDirectory dir;
    dir.write("sellerscore.json", local_config);
    dir.write("ndjson/sellers.ndjson", one_seller);
    REQUIRE(run_crmhost({"--config", "sellerscore.json", "import", "ndjson"}, dir.path(), real_plugin).exit_code == 0);

    sqlite3* holder = nullptr;
    REQUIRE(sqlite3_open((dir.path() / "crm.sqlite").c_str(), &holder) == SQLITE_OK);
    REQUIRE(sqlite3_exec(holder, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE;", nullptr, nullptr, nullptr) == SQLITE_OK);
    const ProcessResult r = run_crmhost({"--config", "sellerscore.json", "sync"}, dir.path(), real_plugin);
    sqlite3_exec(holder, "ROLLBACK;", nullptr, nullptr, nullptr);
    sqlite3_close(holder);

    CHECK(r.exit_code == 4);
    CHECK_THAT(r.err, Catch::Contains("database is locked by another process"));
}

TEST_CASE("an import with a bad line reports file, line and reason and leaves the database as it was") {
    ScratchDirectory dir;
    dir.write("sellerscore.json", local_config);
    dir.write("first/sellers.ndjson", one_seller);
    dir.write("first/stages.ndjson", one_stage);
    REQUIRE(run_crmhost({"--config", "sellerscore.json", "import", "first"}, dir.path(), real_plugin).exit_code == 0);
    const std::string before = read_whole_file(dir.path() / "crm.sqlite");

    dir.write("second/sellers.ndjson", R"({"id":"S2","name":"Ben","email":"ben@example.com","active":true}
)");
    dir.write("second/deals.ndjson",
              R"({"id":"D1","owner_id":"S2","pipeline_id":"P","stage_id":"new","created_at":"2026-05-01T00:00:00Z","status":"open"}
{"id":"D2","owner_id":"S2","pipeline_id":"P","stage_id":"new","created_at":"2026-05-01T00:00:00Z","status":"wn"}
)");
    const ProcessResult r = run_crmhost({"--config", "sellerscore.json", "import", "second"}, dir.path(), real_plugin);
    CHECK(r.exit_code == 5);
    CHECK_THAT(r.err, Catch::Contains("deals.ndjson:2:") && Catch::Contains("'wn'"));
    CHECK(single_line(r.err));
    CHECK(read_whole_file(dir.path() / "crm.sqlite") == before);
}

TEST_CASE("a secrets file that does not exist is a config error naming it") {
    ScratchDirectory dir;
    dir.write("sellerscore.json", R"({"connector":"local","local":{"database":"crm.sqlite"},"secrets_file":"secrets.json"})");
    const ProcessResult r = run_crmhost({"--config", "sellerscore.json", "sync"}, dir.path(), real_plugin);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("secrets.json: no such secrets file"));
}

TEST_CASE("a second sync from the command line says that nothing changed") {
    ScratchDirectory dir;
    dir.write("sellerscore.json", local_config);
    dir.write("ndjson/sellers.ndjson", one_seller);
    REQUIRE(run_crmhost({"--config", "sellerscore.json", "import", "ndjson"}, dir.path(), real_plugin).exit_code == 0);
    REQUIRE(run_crmhost({"--config", "sellerscore.json", "sync"}, dir.path(), real_plugin).exit_code == 0);
    const ProcessResult again = run_crmhost({"--config", "sellerscore.json", "sync"}, dir.path(), real_plugin);
    CHECK(again.exit_code == 0);
    CHECK_THAT(again.out, Catch::Contains("nothing written"));
}
