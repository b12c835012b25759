#include "held_value_join.hpp"

namespace sellerscore::connectors {

FieldValue stored_field_value(const SqliteStatement& row, int column) {
    switch (row.type(column)) {
        case SQLITE_FLOAT:
        case SQLITE_INTEGER: return row.real(column);
        case SQLITE_TEXT: return std::string(row.text(column));
        default: return std::monostate{};
    }
}

std::string_view object_name(RecordObject object) {
    switch (object) {
        case RecordObject::deal: return "deal";
        case RecordObject::contact: return "contact";
        case RecordObject::company: return "company";
    }
    return {};
}

Result<HeldValueJoin> HeldValueJoin::start(LocalCrmDatabase& db, RecordObject object) {
    auto statement =
        db.prepare("SELECT record_id, field_id, value FROM field_values WHERE object = ?1 ORDER BY record_id, field_id");
    if (!statement) return statement.status();
    statement->bind(1, object_name(object));
    HeldValueJoin join(db, object, std::move(*statement));
    if (Status status = join.advance(); !status) return status;
    return join;
}

Status HeldValueJoin::advance() {
    const int rc = statement_.step();
    has_row_ = rc == SQLITE_ROW;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_->failure("reading custom field values", rc);
    return Status::ok();
}

Status HeldValueJoin::collect(std::string_view record_id, std::vector<HeldValue>& out) {
    while (has_row_ && statement_.text(0) < record_id) {
        if (Status status = advance(); !status) return status;
    }
    while (has_row_ && statement_.text(0) == record_id) {
        out.push_back({object_, std::string(record_id), std::string(statement_.text(1)),
                       stored_field_value(statement_, 2)});
        if (Status status = advance(); !status) return status;
    }
    return Status::ok();
}

}  // namespace sellerscore::connectors
