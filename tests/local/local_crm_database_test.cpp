#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "connectors/local/local_crm_database.hpp"
#include "local_crm_test_fixture.hpp"

using sellerscore::StatusCode;
using sellerscore::connectors::LocalCrmDatabase;
using sellerscore::test::TempDir;

TEST_CASE("opening a new path creates an empty CRM at change sequence 0") {
    TempDir dir;
    auto db = LocalCrmDatabase::open(dir / "crm.sqlite");
    REQUIRE(db);
    CHECK(std::filesystem::exists(dir / "crm.sqlite"));
    auto seq = (*db)->change_sequence();
    REQUIRE(seq);
    CHECK(*seq == 0);
}

TEST_CASE("a CRM file opens again with its data") {
    TempDir dir;
    {
        auto db = LocalCrmDatabase::open(dir / "crm.sqlite");
        REQUIRE(db);
        REQUIRE((*db)->execute("BEGIN IMMEDIATE"));
        REQUIRE((*db)->next_change_sequence());
        REQUIRE((*db)->execute("COMMIT"));
    }
    auto db = LocalCrmDatabase::open(dir / "crm.sqlite");
    REQUIRE(db);
    CHECK((*db)->change_sequence().value() == 1);
}

TEST_CASE("a file that is not a database is refused with a clear line") {
    TempDir dir;
    dir.write("crm.sqlite", std::string(8192, 'x'));
    auto db = LocalCrmDatabase::open(dir / "crm.sqlite");
    REQUIRE_FALSE(db);
    CHECK(db.status().message() ==
          (dir / "crm.sqlite").string() + ": not a sellerscore CRM database (file is not a database)");
}

TEST_CASE("a SQLite database of another application is refused") {
    TempDir dir;
    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open((dir / "other.sqlite").c_str(), &other) == SQLITE_OK);
    REQUIRE(sqlite3_exec(other, "CREATE TABLE notes (body TEXT)", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(other);

    auto db = LocalCrmDatabase::open(dir / "other.sqlite");
    REQUIRE_FALSE(db);
    CHECK_THAT(db.status().message(), Catch::Contains("not a sellerscore CRM database"));
}

TEST_CASE("a newer schema version is refused") {
    TempDir dir;
    REQUIRE(LocalCrmDatabase::open(dir / "crm.sqlite"));
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open((dir / "crm.sqlite").c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw, "PRAGMA user_version=7", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);

    auto db = LocalCrmDatabase::open(dir / "crm.sqlite");
    REQUIRE_FALSE(db);
    CHECK(db.status().message() == (dir / "crm.sqlite").string() +
                                       ": CRM schema version 7 is newer than this sellerscore supports (4); "
                                       "upgrade sellerscore");
}

// A version 2 file kept one spend row per channel and month; opening it keeps its rows and from then
// on accepts several per month.
TEST_CASE("a version 2 CRM file is migrated keeping its spend rows") {
    TempDir dir;
    REQUIRE(LocalCrmDatabase::open(dir / "crm.sqlite"));
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open((dir / "crm.sqlite").c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw,
                         "DROP TABLE spend;"
                         "CREATE TABLE spend (channel TEXT NOT NULL, month TEXT NOT NULL, amount REAL NOT NULL, "
                         "clicks REAL, updated_seq INTEGER NOT NULL, PRIMARY KEY (channel, month)) WITHOUT ROWID;"
                         "INSERT INTO spend VALUES ('web', '2026-01', 500, 1200, 1);"
                         "PRAGMA user_version=2;",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);

    auto db = LocalCrmDatabase::open(dir / "crm.sqlite");
    REQUIRE(db);
    REQUIRE((*db)->execute("INSERT INTO spend (channel, month, amount, clicks, updated_seq) "
                           "VALUES ('web', '2026-01', 300, NULL, 2)"));
    auto rows = (*db)->prepare("SELECT amount, clicks, updated_seq FROM spend ORDER BY rowid");
    REQUIRE(rows);
    REQUIRE(rows->step() == SQLITE_ROW);
    CHECK(rows->real(0) == 500);
    CHECK(rows->real(1) == 1200);
    CHECK(rows->int64(2) == 1);
    REQUIRE(rows->step() == SQLITE_ROW);
    CHECK(rows->real(0) == 300);
    CHECK(rows->step() == SQLITE_DONE);
    auto version = (*db)->prepare("PRAGMA user_version");
    REQUIRE(version);
    REQUIRE(version->step() == SQLITE_ROW);
    CHECK(version->int64(0) == 4);
}

TEST_CASE("a missing directory is named in the error") {
    TempDir dir;
    auto db = LocalCrmDatabase::open(dir / "nope" / "crm.sqlite");
    REQUIRE_FALSE(db);
    CHECK(db.status().code() == StatusCode::not_found);
    CHECK(db.status().message() ==
          (dir / "nope" / "crm.sqlite").string() + ": directory '" + (dir / "nope").string() + "' does not exist");
}

TEST_CASE("a database locked by another connection fails with a clear line instead of hanging") {
    TempDir dir;
    REQUIRE(LocalCrmDatabase::open(dir / "crm.sqlite"));
    sqlite3* holder = nullptr;
    REQUIRE(sqlite3_open((dir / "crm.sqlite").c_str(), &holder) == SQLITE_OK);
    REQUIRE(sqlite3_exec(holder, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; UPDATE change_sequence SET value = 5",
                         nullptr, nullptr, nullptr) == SQLITE_OK);

    auto db = LocalCrmDatabase::open(dir / "crm.sqlite");
    sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(holder);

    REQUIRE_FALSE(db);
    CHECK(db.status().message() == (dir / "crm.sqlite").string() + ": database is locked by another process");
}
