// A transaction that rolls back unless committed, so every early error return leaves the
// database as it was.
#pragma once

#include "local_crm_database.hpp"

namespace sellerscore::connectors {

class SqliteTransaction {
public:
    // IMMEDIATE takes the write lock up front: a locked database fails here, before any work,
    // instead of at the first write halfway through.
    static Result<SqliteTransaction> begin_write(LocalCrmDatabase& db);
    // A read snapshot: everything read until commit() sees the same state of the database.
    static Result<SqliteTransaction> begin_read(LocalCrmDatabase& db);

    SqliteTransaction(SqliteTransaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
    SqliteTransaction& operator=(SqliteTransaction&&) = delete;
    ~SqliteTransaction();

    Status commit();

private:
    explicit SqliteTransaction(LocalCrmDatabase& db) : db_(&db) {}
    LocalCrmDatabase* db_;
};

}  // namespace sellerscore::connectors
