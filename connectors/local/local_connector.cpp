#include "local_connector.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <boost/json.hpp>

#include "held_value_join.hpp"
#include "plugin/model/timestamp_format.hpp"
#include "record_table.hpp"
#include "sqlite_transaction.hpp"

namespace sellerscore::connectors {

namespace {

constexpr std::string_view cursor_prefix = "seq:";

std::string_view type_name(FieldType type) {
    switch (type) {
        case FieldType::number: return "number";
        case FieldType::percentage: return "percentage";
        case FieldType::money: return "money";
        case FieldType::enumeration: return "enumeration";
        case FieldType::datetime: return "datetime";
        case FieldType::text: return "text";
    }
    return {};
}

bool is_numeric(std::string_view type) { return type == "number" || type == "percentage" || type == "money"; }

std::string cursor_of(std::int64_t seq) { return std::string(cursor_prefix) + std::to_string(seq); }

Result<std::int64_t> parse_cursor(std::string_view cursor) {
    if (cursor.empty()) return std::int64_t{0};
    std::int64_t seq = -1;
    if (cursor.starts_with(cursor_prefix)) {
        const char* first = cursor.data() + cursor_prefix.size();
        const char* last = cursor.data() + cursor.size();
        const auto [end, ec] = std::from_chars(first, last, seq);
        if (ec == std::errc() && end == last && seq >= 0) return seq;
    }
    return Status::invalid_argument("local CRM: invalid cursor '" + std::string(cursor) + "' (expected seq:N)");
}

// A custom field as stored: the parts that decide which values it accepts.
struct StoredField {
    std::string type;
    std::string object;
    std::vector<std::string> options;
};

Result<std::unordered_map<std::string, StoredField>> load_fields(LocalCrmDatabase& db) {
    auto statement = db.prepare("SELECT id, type, object, options FROM custom_fields");
    if (!statement) return statement.status();
    std::unordered_map<std::string, StoredField> fields;
    int rc;
    while ((rc = statement->step()) == SQLITE_ROW) {
        StoredField field{std::string(statement->text(1)), std::string(statement->text(2)), {}};
        boost::system::error_code ec;
        const boost::json::value options = boost::json::parse(statement->text(3), ec);
        if (!ec && options.is_array()) {
            for (const auto& option : options.get_array()) {
                if (option.is_string()) field.options.emplace_back(option.get_string());
            }
        }
        fields.emplace(std::string(statement->text(0)), std::move(field));
    }
    if (rc != SQLITE_DONE) return db.failure("reading custom field definitions", rc);
    return fields;
}

// Accumulates records into pages of at most LocalConnector::page_size and hands them to the sink.
class PageWriter {
public:
    explicit PageWriter(RecordSink& sink) : sink_(sink) {}

    template <class Record>
    Status add(std::vector<Record>& (*slot)(model::Dataset&), Record&& record) {
        slot(page_.records).push_back(std::move(record));
        return ++count_ >= LocalConnector::page_size ? flush() : Status::ok();
    }
    std::vector<HeldValue>& held_values() { return page_.held_values; }
    Status count_held_value() { return ++count_ >= LocalConnector::page_size ? flush() : Status::ok(); }

    Status flush() {
        if (count_ == 0 && page_.held_values.empty()) return Status::ok();
        Status status = sink_.accept(std::move(page_));
        page_ = ReadPage{};
        count_ = 0;
        return status;
    }

private:
    RecordSink& sink_;
    ReadPage page_;
    std::size_t count_ = 0;
};

template <class Record>
Status stream_table(LocalCrmDatabase& db, std::int64_t since, std::vector<Record>& (*slot)(model::Dataset&),
                    PageWriter& pages, HeldValueJoin* join) {
    auto statement = db.prepare(RecordTable<Record>::select_sql);
    if (!statement) return statement.status();
    statement->bind(1, since);
    int rc;
    while ((rc = statement->step()) == SQLITE_ROW) {
        Record record = RecordTable<Record>::decode(*statement);
        if constexpr (requires { record.id; }) {
            if (join) {
                if (Status status = join->collect(record.id, pages.held_values()); !status) return status;
            }
        }
        if (Status status = pages.add(slot, std::move(record)); !status) return status;
    }
    if (rc != SQLITE_DONE) return db.failure("reading records", rc);
    return Status::ok();
}

// Checks a value against the field's type and returns it in its stored form.
Result<FieldValue> stored_form(const StoredField& field, const FieldValue& value, const std::string& field_id) {
    if (is_numeric(field.type)) {
        if (!std::holds_alternative<double>(value) || !std::isfinite(std::get<double>(value))) {
            return Status::invalid_argument("field '" + field_id + "' is a " + field.type + " field and needs a number");
        }
        return value;
    }
    if (!std::holds_alternative<std::string>(value)) {
        return Status::invalid_argument("field '" + field_id + "' is a " + field.type + " field and needs a string");
    }
    const std::string& text = std::get<std::string>(value);
    if (field.type == "datetime") {
        const auto instant = model::parse_rfc3339(text);
        if (!instant) return Status::invalid_argument("field '" + field_id + "': '" + text + "' is not an RFC 3339 time");
        return FieldValue(model::format_rfc3339(*instant));
    }
    if (!field.options.empty() && std::find(field.options.begin(), field.options.end(), text) == field.options.end()) {
        return Status::invalid_argument("field '" + field_id + "': '" + text + "' is not one of its options");
    }
    return value;
}

void bind_value(SqliteStatement& statement, int index, const FieldValue& value) {
    if (const auto* number = std::get_if<double>(&value)) {
        statement.bind(index, *number);
    } else if (const auto* text = std::get_if<std::string>(&value)) {
        statement.bind(index, std::string_view(*text));
    } else {
        statement.bind_null(index);
    }
}

// Tells whether write targets exist. Companies have no table of their own: a company exists
// while some contact or deal names it.
class RecordDirectory {
public:
    explicit RecordDirectory(LocalCrmDatabase& db) : db_(db) {}

    Result<bool> exists(RecordObject object, const std::string& id) {
        if (object == RecordObject::company) return company_exists(id);
        SqliteStatement& statement = object == RecordObject::deal ? deal_lookup_ : contact_lookup_;
        if (!statement_ready(object)) {
            auto prepared = db_.prepare(object == RecordObject::deal ? "SELECT 1 FROM deals WHERE id = ?1"
                                                                     : "SELECT 1 FROM contacts WHERE id = ?1");
            if (!prepared) return prepared.status();
            statement = std::move(*prepared);
            (object == RecordObject::deal ? deal_ready_ : contact_ready_) = true;
        }
        statement.bind(1, std::string_view(id));
        const int rc = statement.step();
        statement.reset();
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_.failure("looking up a record", rc);
        return rc == SQLITE_ROW;
    }

private:
    bool statement_ready(RecordObject object) const {
        return object == RecordObject::deal ? deal_ready_ : contact_ready_;
    }

    Result<bool> company_exists(const std::string& id) {
        if (!companies_) {
            auto statement = db_.prepare(
                "SELECT company_id FROM contacts WHERE company_id IS NOT NULL "
                "UNION SELECT company_id FROM deals WHERE company_id IS NOT NULL");
            if (!statement) return statement.status();
            companies_.emplace();
            int rc;
            while ((rc = statement->step()) == SQLITE_ROW) companies_->emplace(statement->text(0));
            if (rc != SQLITE_DONE) return db_.failure("listing companies", rc);
        }
        return companies_->contains(id);
    }

    LocalCrmDatabase& db_;
    SqliteStatement deal_lookup_, contact_lookup_;
    bool deal_ready_ = false, contact_ready_ = false;
    std::optional<std::unordered_set<std::string>> companies_;
};

const char* compare_sql(CompareOp op) {
    switch (op) {
        case CompareOp::eq: return "=";
        case CompareOp::ne: return "<>";
        case CompareOp::lt: return "<";
        case CompareOp::le: return "<=";
        case CompareOp::gt: return ">";
        case CompareOp::ge: return ">=";
    }
    return "=";
}

}  // namespace

Result<std::unique_ptr<LocalConnector>> LocalConnector::open(const std::filesystem::path& path) {
    auto db = LocalCrmDatabase::open(path);
    if (!db) return db.status();
    return std::make_unique<LocalConnector>(std::move(*db));
}

Result<std::string> LocalConnector::current_cursor() {
    auto seq = db_->change_sequence();
    if (!seq) return seq.status();
    return cursor_of(*seq);
}

Result<std::string> LocalConnector::read(std::string_view cursor, RecordSink& sink) {
    auto since = parse_cursor(cursor);
    if (!since) return since.status();
    // One snapshot for the whole stream: a write committed meanwhile is either wholly in this
    // read or wholly after the cursor it returns.
    auto transaction = SqliteTransaction::begin_read(*db_);
    if (!transaction) return transaction.status();
    auto seq = db_->change_sequence();
    if (!seq) return seq.status();

    auto deal_values = HeldValueJoin::start(*db_, RecordObject::deal);
    if (!deal_values) return deal_values.status();
    auto contact_values = HeldValueJoin::start(*db_, RecordObject::contact);
    if (!contact_values) return contact_values.status();

    PageWriter pages(sink);
    using model::Dataset;
    Status status = stream_table<model::Seller>(
        *db_, *since, [](Dataset& d) -> auto& { return d.sellers; }, pages, nullptr);
    if (status) {
        status = stream_table<model::Stage>(*db_, *since, [](Dataset& d) -> auto& { return d.stages; }, pages, nullptr);
    }
    if (status) {
        status = stream_table<model::Contact>(
            *db_, *since, [](Dataset& d) -> auto& { return d.contacts; }, pages, &*contact_values);
    }
    if (status) {
        status = stream_table<model::Deal>(*db_, *since, [](Dataset& d) -> auto& { return d.deals; }, pages, &*deal_values);
    }
    if (status) {
        status = stream_table<model::StageChange>(
            *db_, *since, [](Dataset& d) -> auto& { return d.stage_changes; }, pages, nullptr);
    }
    if (status) {
        status = stream_table<model::Activity>(
            *db_, *since, [](Dataset& d) -> auto& { return d.activities; }, pages, nullptr);
    }
    if (status) {
        status = stream_table<model::Spend>(*db_, *since, [](Dataset& d) -> auto& { return d.spend; }, pages, nullptr);
    }
    if (status) {
        status = stream_table<model::SurveyResponse>(
            *db_, *since, [](Dataset& d) -> auto& { return d.survey_responses; }, pages, nullptr);
    }
    if (status) {
        status = stream_table<model::Delivery>(
            *db_, *since, [](Dataset& d) -> auto& { return d.deliveries; }, pages, nullptr);
    }
    if (status) {
        auto companies = db_->prepare(
            "SELECT record_id, field_id, value FROM field_values WHERE object = 'company' AND updated_seq > ?1 "
            "ORDER BY record_id, field_id");
        if (!companies) return companies.status();
        companies->bind(1, *since);
        int rc = SQLITE_DONE;
        while (status && (rc = companies->step()) == SQLITE_ROW) {
            pages.held_values().push_back({RecordObject::company, std::string(companies->text(0)),
                                           std::string(companies->text(1)), stored_field_value(*companies, 2)});
            status = pages.count_held_value();
        }
        if (status && rc != SQLITE_DONE) status = db_->failure("reading company field values", rc);
    }
    if (status) status = pages.flush();
    if (!status) return status;
    return cursor_of(*seq);
}

Result<SchemaReport> LocalConnector::ensure_fields(std::span<const FieldDefinition> fields) {
    auto transaction = SqliteTransaction::begin_write(*db_);
    if (!transaction) return transaction.status();
    auto lookup = db_->prepare("SELECT type, object FROM custom_fields WHERE id = ?1");
    if (!lookup) return lookup.status();
    auto insert = db_->prepare(
        "INSERT INTO custom_fields (id, label, type, object, field_group, description, options) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!insert) return insert.status();

    SchemaReport report;
    for (const FieldDefinition& field : fields) {
        lookup->bind(1, std::string_view(field.id));
        const int rc = lookup->step();
        if (rc == SQLITE_ROW) {
            const std::string type(lookup->text(0));
            const std::string object(lookup->text(1));
            lookup->reset();
            if (type != type_name(field.type) || object != object_name(field.object)) {
                return Status::data("local CRM: field '" + field.id + "' already exists as a " + type + " field on " +
                                    object + "s; wanted a " + std::string(type_name(field.type)) + " field on " +
                                    std::string(object_name(field.object)) + "s");
            }
            report.existing.push_back(field.id);
            continue;
        }
        lookup->reset();
        if (rc != SQLITE_DONE) return db_->failure("looking up field '" + field.id + "'", rc);

        boost::json::array options;
        for (const std::string& option : field.options) options.emplace_back(option);
        const std::string options_json = boost::json::serialize(options);
        insert->bind(1, std::string_view(field.id));
        insert->bind(2, std::string_view(field.label));
        insert->bind(3, type_name(field.type));
        insert->bind(4, object_name(field.object));
        insert->bind(5, std::string_view(field.group));
        insert->bind(6, std::string_view(field.description));
        insert->bind(7, std::string_view(options_json));
        const int inserted = insert->step();
        insert->reset();
        if (inserted != SQLITE_DONE) return db_->failure("creating field '" + field.id + "'", inserted);
        report.created.push_back(field.id);
    }
    if (report.created.empty()) return report;
    if (auto seq = db_->next_change_sequence(); !seq) return seq.status();
    if (Status status = transaction->commit(); !status) return status;
    return report;
}

Result<SchemaReport> LocalConnector::remove_fields(std::span<const FieldDefinition> fields) {
    auto transaction = SqliteTransaction::begin_write(*db_);
    if (!transaction) return transaction.status();
    auto seq = db_->next_change_sequence();
    if (!seq) return seq.status();

    // Records that lose a value count as changed, so an incremental read sees them without it.
    const char* statements[] = {
        "UPDATE deals SET updated_seq = ?2 WHERE id IN "
        "(SELECT record_id FROM field_values WHERE object = 'deal' AND field_id = ?1)",
        "UPDATE contacts SET updated_seq = ?2 WHERE id IN "
        "(SELECT record_id FROM field_values WHERE object = 'contact' AND field_id = ?1)",
        "DELETE FROM field_values WHERE field_id = ?1",
        "DELETE FROM custom_fields WHERE id = ?1",
    };
    std::vector<SqliteStatement> prepared;
    for (const char* sql : statements) {
        auto statement = db_->prepare(sql);
        if (!statement) return statement.status();
        prepared.push_back(std::move(*statement));
    }

    SchemaReport report;
    for (const FieldDefinition& field : fields) {
        for (SqliteStatement& statement : prepared) {
            statement.bind(1, std::string_view(field.id));
            statement.bind(2, *seq);
            const int rc = statement.step();
            statement.reset();
            if (rc != SQLITE_DONE) return db_->failure("removing field '" + field.id + "'", rc);
        }
        // The last statement deleted the definition: its change count says whether there was one.
        (sqlite3_changes(db_->handle()) > 0 ? report.created : report.existing).push_back(field.id);
    }
    if (report.created.empty()) return report;
    if (Status status = transaction->commit(); !status) return status;
    return report;
}

Result<WriteReport> LocalConnector::write(std::span<const FieldWrite> writes) {
    auto transaction = SqliteTransaction::begin_write(*db_);
    if (!transaction) return transaction.status();
    auto fields = load_fields(*db_);
    if (!fields) return fields.status();
    auto seq = db_->next_change_sequence();
    if (!seq) return seq.status();

    auto upsert = db_->prepare(
        "INSERT INTO field_values (object, record_id, field_id, value, updated_seq) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (object, record_id, field_id) DO UPDATE SET value = excluded.value, "
        "updated_seq = excluded.updated_seq");
    auto erase = db_->prepare("DELETE FROM field_values WHERE object = ?1 AND record_id = ?2 AND field_id = ?3");
    auto stamp_deal = db_->prepare("UPDATE deals SET updated_seq = ?1 WHERE id = ?2 AND updated_seq <> ?1");
    auto stamp_contact = db_->prepare("UPDATE contacts SET updated_seq = ?1 WHERE id = ?2 AND updated_seq <> ?1");
    for (const auto* prepared : {&upsert, &erase, &stamp_deal, &stamp_contact}) {
        if (!*prepared) return prepared->status();
    }

    RecordDirectory directory(*db_);
    WriteReport report;
    for (std::size_t i = 0; i < writes.size(); ++i) {
        const FieldWrite& w = writes[i];
        const std::string target = std::string(object_name(w.object)) + " '" + w.record_id + "'";
        auto fail = [&](StatusCode code, const std::string& reason) {
            report.failures.push_back({i, Status(code, target + ": " + reason)});
        };
        const auto field = fields->find(w.field_id);
        if (field == fields->end()) {
            fail(StatusCode::not_found, "field '" + w.field_id + "' is not defined");
            continue;
        }
        if (field->second.object != object_name(w.object)) {
            fail(StatusCode::invalid_argument, "field '" + w.field_id + "' belongs to " + field->second.object + "s");
            continue;
        }
        auto exists = directory.exists(w.object, w.record_id);
        if (!exists) return exists.status();
        if (!*exists) {
            fail(StatusCode::not_found, "no such record");
            continue;
        }

        SqliteStatement* statement = &*erase;
        FieldValue stored;
        if (!std::holds_alternative<std::monostate>(w.value)) {
            auto checked = stored_form(field->second, w.value, w.field_id);
            if (!checked) {
                fail(checked.status().code(), checked.status().message());
                continue;
            }
            stored = std::move(*checked);
            statement = &*upsert;
            bind_value(*statement, 4, stored);
            statement->bind(5, *seq);
        }
        statement->bind(1, object_name(w.object));
        statement->bind(2, std::string_view(w.record_id));
        statement->bind(3, std::string_view(w.field_id));
        int rc = statement->step();
        statement->reset();
        if (rc != SQLITE_DONE) return db_->failure("writing field '" + w.field_id + "' of " + target, rc);

        if (w.object != RecordObject::company) {
            SqliteStatement& stamp = w.object == RecordObject::deal ? *stamp_deal : *stamp_contact;
            stamp.bind(1, *seq);
            stamp.bind(2, std::string_view(w.record_id));
            rc = stamp.step();
            stamp.reset();
            if (rc != SQLITE_DONE) return db_->failure("stamping " + target, rc);
        }
        ++report.written;
    }
    // Nothing written: roll back, so the change sequence (and every cursor) stays where it was.
    if (report.written == 0) return report;
    if (Status status = transaction->commit(); !status) return status;
    return report;
}

Result<std::vector<DealRow>> LocalConnector::query_deals(const DealQuery& query) {
    auto transaction = SqliteTransaction::begin_read(*db_);
    if (!transaction) return transaction.status();
    auto fields = load_fields(*db_);
    if (!fields) return fields.status();

    std::string sql =
        "SELECT id, owner_id, contact_id, company_id, pipeline_id, stage_id, amount, created_at, closed_at, status "
        "FROM deals d WHERE 1";
    std::vector<FieldValue> operands;
    for (const FieldPredicate& predicate : query.all_of) {
        const auto field = fields->find(predicate.field_id);
        if (field == fields->end() || field->second.object != "deal") {
            return Status::invalid_argument("unknown deal field '" + predicate.field_id + "'");
        }
        if (std::holds_alternative<std::monostate>(predicate.value)) {
            return Status::invalid_argument("field '" + predicate.field_id + "' compared with null");
        }
        auto operand = stored_form(field->second, predicate.value, predicate.field_id);
        if (!operand) return operand.status();
        const std::size_t index = operands.size() * 2 + 1;
        sql += " AND EXISTS (SELECT 1 FROM field_values v WHERE v.object = 'deal' AND v.record_id = d.id AND "
               "v.field_id = ?" +
               std::to_string(index) + " AND v.value " + compare_sql(predicate.op) + " ?" + std::to_string(index + 1) +
               ")";
        operands.push_back(std::move(*operand));
    }
    const std::size_t limit_index = operands.size() * 2 + 1;
    sql += " ORDER BY id LIMIT ?" + std::to_string(limit_index);

    auto statement = db_->prepare(sql);
    if (!statement) return statement.status();
    for (std::size_t i = 0; i < operands.size(); ++i) {
        statement->bind(static_cast<int>(2 * i + 1), std::string_view(query.all_of[i].field_id));
        bind_value(*statement, static_cast<int>(2 * i + 2), operands[i]);
    }
    statement->bind(static_cast<int>(limit_index), static_cast<std::int64_t>(query.limit));

    auto values = db_->prepare("SELECT field_id, value FROM field_values WHERE object = 'deal' AND record_id = ?1");
    if (!values) return values.status();
    std::vector<DealRow> rows;
    int rc;
    while ((rc = statement->step()) == SQLITE_ROW) {
        DealRow row{RecordTable<model::Deal>::decode(*statement), {}};
        values->bind(1, std::string_view(row.deal.id));
        int value_rc;
        while ((value_rc = values->step()) == SQLITE_ROW) {
            row.fields.emplace(std::string(values->text(0)), stored_field_value(*values, 1));
        }
        values->reset();
        if (value_rc != SQLITE_DONE) return db_->failure("reading field values", value_rc);
        rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) return db_->failure("querying deals", rc);
    return rows;
}

}  // namespace sellerscore::connectors
