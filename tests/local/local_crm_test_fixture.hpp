// Shared by the local CRM tests: a fresh temporary directory per test, and a small CRM in NDJSON.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include "connectors/local/local_crm_database.hpp"

namespace sellerscore::test {

class TempDir {
public:
    TempDir() {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                ("sellerscore-local-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
                 std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

    void write(const std::string& name, const std::string& text) const {
        std::filesystem::create_directories((path_ / name).parent_path());
        std::ofstream(path_ / name, std::ios::binary) << text;
    }

private:
    std::filesystem::path path_;
};

inline std::string read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::unique_ptr<connectors::LocalCrmDatabase> open_db(const TempDir& dir) {
    auto db = connectors::LocalCrmDatabase::open(dir / "crm.sqlite");
    REQUIRE(db);
    return std::move(*db);
}

inline std::int64_t count_rows(connectors::LocalCrmDatabase& db, const std::string& table) {
    auto statement = db.prepare("SELECT count(*) FROM " + table);
    REQUIRE(statement);
    REQUIRE(statement->step() == SQLITE_ROW);
    return statement->int64(0);
}

// Two sellers, one pipeline of three stages, three contacts (C-3 referred by C-2, which comes
// later in the file), two deals with their stage changes, three activities, one spend row:
// 2 + 3 + 3 + 2 + 3 + 3 + 1 = 17 records.
inline void write_small_crm(const TempDir& dir, const std::string& sub = "crm") {
    dir.write(sub + "/sellers.ndjson",
              R"({"id":"S-1","name":"Ana","email":"ana@example.com","team":"North","active":true})"
              "\n"
              R"({"id":"S-2","name":"Bo","email":"bo@example.com","active":false})"
              "\n");
    dir.write(sub + "/stages.ndjson",
              R"({"id":"ST-1","pipeline_id":"P","name":"New","order":1,"kind":"open","probability":0.1})"
              "\n"
              R"({"id":"ST-W","pipeline_id":"P","name":"Won","order":9,"kind":"won","probability":1})"
              "\n"
              R"({"id":"ST-L","pipeline_id":"P","name":"Lost","order":10,"kind":"lost"})"
              "\n");
    dir.write(sub + "/contacts.ndjson",
              R"({"id":"C-1","owner_id":"S-1","created_at":"2026-01-02T10:00:00Z","channel":"web","company_id":"CO-1"})"
              "\n"
              R"({"id":"C-3","owner_id":"S-2","created_at":"2026-01-03T10:00:00Z","referred_by":"C-2"})"
              "\n"
              R"({"id":"C-2","created_at":"2026-01-04T10:00:00Z"})"
              "\n");
    dir.write(sub + "/deals.ndjson",
              R"({"id":"D-1","owner_id":"S-1","contact_id":"C-1","company_id":"CO-1","pipeline_id":"P","stage_id":"ST-1","amount":1000,"created_at":"2026-01-05T09:00:00Z","status":"open"})"
              "\n"
              R"({"id":"D-2","owner_id":"S-2","pipeline_id":"P","stage_id":"ST-W","amount":250.5,"created_at":"2026-01-06T09:00:00Z","closed_at":"2026-02-01T09:00:00Z","status":"won"})"
              "\n");
    dir.write(sub + "/stage_changes.ndjson",
              R"({"deal_id":"D-1","stage_id":"ST-1","entered_at":"2026-01-05T09:00:00Z"})"
              "\n"
              R"({"deal_id":"D-2","stage_id":"ST-1","entered_at":"2026-01-06T09:00:00Z"})"
              "\n"
              R"({"deal_id":"D-2","stage_id":"ST-W","entered_at":"2026-02-01T09:00:00Z"})"
              "\n");
    dir.write(sub + "/activities.ndjson",
              R"({"id":"A-1","owner_id":"S-1","type":"call","direction":"outbound","at":"2026-01-07T09:00:00Z","contact_id":"C-1","duration_s":300,"outcome":"connected"})"
              "\n"
              R"({"id":"A-2","owner_id":"S-1","type":"email","direction":"outbound","at":"2026-01-08T09:00:00Z","contact_id":"C-1","deal_id":"D-1","opened":true,"clicked":false})"
              "\n"
              "\n"
              R"({"id":"A-3","owner_id":"S-2","type":"note","direction":"inbound","at":"2026-01-09T09:00:00Z","objection":true})"
              "\n");
    dir.write(sub + "/spend.ndjson", R"({"channel":"web","month":"2026-01","amount":500,"clicks":1200})" "\n");
}

}  // namespace sellerscore::test
