#include "sqlite_transaction.hpp"

namespace sellerscore::connectors {

Result<SqliteTransaction> SqliteTransaction::begin_write(LocalCrmDatabase& db) {
    if (Status status = db.execute("BEGIN IMMEDIATE"); !status) return status;
    return SqliteTransaction(db);
}

Result<SqliteTransaction> SqliteTransaction::begin_read(LocalCrmDatabase& db) {
    if (Status status = db.execute("BEGIN"); !status) return status;
    return SqliteTransaction(db);
}

SqliteTransaction::~SqliteTransaction() {
    if (db_) db_->execute("ROLLBACK");
}

Status SqliteTransaction::commit() {
    LocalCrmDatabase* db = std::exchange(db_, nullptr);
    Status status = db->execute("COMMIT");
    if (!status) db->execute("ROLLBACK");
    return status;
}

}  // namespace sellerscore::connectors
