// Walks the custom field values of one object type in record id order, alongside a record stream
// read in the same order, so each record's values are picked up with one pass over the values
// table instead of one lookup per record.
#pragma once

#include <string_view>
#include <vector>

#include "connectors/connector.hpp"
#include "local_crm_database.hpp"

namespace sellerscore::connectors {

// Reads a stored value back: REAL for numeric fields, TEXT for enumeration and datetime fields.
FieldValue stored_field_value(const SqliteStatement& row, int column);

// "deal", "contact", "company": the spelling in the values table.
std::string_view object_name(RecordObject object);

class HeldValueJoin {
public:
    static Result<HeldValueJoin> start(LocalCrmDatabase& db, RecordObject object);

    // Appends the values held on `record_id` to `out`. Ids must come in ascending order
    // (SQLite's BINARY collation, which std::string_view's comparison matches).
    Status collect(std::string_view record_id, std::vector<HeldValue>& out);

private:
    HeldValueJoin(LocalCrmDatabase& db, RecordObject object, SqliteStatement statement)
        : db_(&db), object_(object), statement_(std::move(statement)) {}
    Status advance();

    LocalCrmDatabase* db_;
    RecordObject object_;
    SqliteStatement statement_;
    bool has_row_ = false;
};

}  // namespace sellerscore::connectors
