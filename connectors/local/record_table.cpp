#include "record_table.hpp"

#include "plugin/model/record_json.hpp"

namespace sellerscore::connectors {

namespace {

// Only this code writes the enum columns, so every stored spelling is a known one.
template <class Enum, int count>
Enum enum_from_text(std::string_view text) {
    for (int i = 0; i < count; ++i) {
        if (model::to_string(static_cast<Enum>(i)) == text) return static_cast<Enum>(i);
    }
    return Enum{};
}

template <class Enum>
std::string_view enum_text(Enum v) {
    return model::to_string(v);
}

std::optional<bool> optional_bool(const SqliteStatement& row, int column) {
    if (row.is_null(column)) return std::nullopt;
    return row.int64(column) != 0;
}

}  // namespace

// ---- sellers
const std::string_view RecordTable<model::Seller>::upsert_sql =
    "INSERT INTO sellers (id, name, email, team, active, updated_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, team = excluded.team, "
    "active = excluded.active, updated_seq = excluded.updated_seq WHERE updated_seq <> excluded.updated_seq";
const std::string_view RecordTable<model::Seller>::select_sql =
    "SELECT id, name, email, team, active FROM sellers WHERE updated_seq > ?1 ORDER BY id";

void RecordTable<model::Seller>::bind(SqliteStatement& s, const model::Seller& r, std::int64_t seq) {
    s.bind(1, r.id);
    s.bind(2, r.name);
    s.bind(3, r.email);
    s.bind(4, r.team);
    s.bind(5, r.active);
    s.bind(6, seq);
}

model::Seller RecordTable<model::Seller>::decode(const SqliteStatement& row) {
    return {std::string(row.text(0)), std::string(row.text(1)), std::string(row.text(2)), row.optional_text(3),
            row.int64(4) != 0};
}

// ---- stages
const std::string_view RecordTable<model::Stage>::upsert_sql =
    "INSERT INTO stages (id, pipeline_id, name, sort_order, kind, probability, updated_seq) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
    "ON CONFLICT (id) DO UPDATE SET pipeline_id = excluded.pipeline_id, name = excluded.name, "
    "sort_order = excluded.sort_order, kind = excluded.kind, probability = excluded.probability, "
    "updated_seq = excluded.updated_seq WHERE updated_seq <> excluded.updated_seq";
const std::string_view RecordTable<model::Stage>::select_sql =
    "SELECT id, pipeline_id, name, sort_order, kind, probability FROM stages WHERE updated_seq > ?1 ORDER BY id";

void RecordTable<model::Stage>::bind(SqliteStatement& s, const model::Stage& r, std::int64_t seq) {
    s.bind(1, r.id);
    s.bind(2, r.pipeline_id);
    s.bind(3, r.name);
    s.bind(4, r.order);
    s.bind(5, enum_text(r.kind));
    s.bind(6, r.probability);
    s.bind(7, seq);
}

model::Stage RecordTable<model::Stage>::decode(const SqliteStatement& row) {
    return {std::string(row.text(0)), std::string(row.text(1)), std::string(row.text(2)),
            static_cast<int>(row.int64(3)), enum_from_text<model::StageKind, 3>(row.text(4)), row.optional_real(5)};
}

// ---- contacts
const std::string_view RecordTable<model::Contact>::upsert_sql =
    "INSERT INTO contacts (id, owner_id, created_at, channel, referred_by, company_id, updated_seq) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
    "ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, created_at = excluded.created_at, "
    "channel = excluded.channel, referred_by = excluded.referred_by, company_id = excluded.company_id, "
    "updated_seq = excluded.updated_seq WHERE updated_seq <> excluded.updated_seq";
const std::string_view RecordTable<model::Contact>::select_sql =
    "SELECT id, owner_id, created_at, channel, referred_by, company_id FROM contacts "
    "WHERE updated_seq > ?1 ORDER BY id";

void RecordTable<model::Contact>::bind(SqliteStatement& s, const model::Contact& r, std::int64_t seq) {
    s.bind(1, r.id);
    s.bind(2, r.owner_id);
    s.bind(3, r.created_at);
    s.bind(4, r.channel);
    s.bind(5, r.referred_by);
    s.bind(6, r.company_id);
    s.bind(7, seq);
}

model::Contact RecordTable<model::Contact>::decode(const SqliteStatement& row) {
    return {std::string(row.text(0)), row.optional_text(1), row.int64(2),
            row.optional_text(3),     row.optional_text(4), row.optional_text(5)};
}

// ---- deals
const std::string_view RecordTable<model::Deal>::upsert_sql =
    "INSERT INTO deals (id, owner_id, contact_id, company_id, pipeline_id, stage_id, amount, created_at, "
    "closed_at, status, updated_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
    "ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, contact_id = excluded.contact_id, "
    "company_id = excluded.company_id, pipeline_id = excluded.pipeline_id, stage_id = excluded.stage_id, "
    "amount = excluded.amount, created_at = excluded.created_at, closed_at = excluded.closed_at, "
    "status = excluded.status, updated_seq = excluded.updated_seq WHERE updated_seq <> excluded.updated_seq";
const std::string_view RecordTable<model::Deal>::select_sql =
    "SELECT id, owner_id, contact_id, company_id, pipeline_id, stage_id, amount, created_at, closed_at, status "
    "FROM deals WHERE updated_seq > ?1 ORDER BY id";

void RecordTable<model::Deal>::bind(SqliteStatement& s, const model::Deal& r, std::int64_t seq) {
    s.bind(1, r.id);
    s.bind(2, r.owner_id);
    s.bind(3, r.contact_id);
    s.bind(4, r.company_id);
    s.bind(5, r.pipeline_id);
    s.bind(6, r.stage_id);
    s.bind(7, r.amount);
    s.bind(8, r.created_at);
    s.bind(9, r.closed_at);
    s.bind(10, enum_text(r.status));
    s.bind(11, seq);
}

model::Deal RecordTable<model::Deal>::decode(const SqliteStatement& row) {
    return {std::string(row.text(0)),
            std::string(row.text(1)),
            row.optional_text(2),
            row.optional_text(3),
            std::string(row.text(4)),
            std::string(row.text(5)),
            row.optional_real(6),
            row.int64(7),
            row.optional_int64(8),
            enum_from_text<model::DealStatus, 3>(row.text(9))};
}

// ---- stage changes
const std::string_view RecordTable<model::StageChange>::upsert_sql =
    "INSERT INTO stage_changes (deal_id, stage_id, entered_at, updated_seq) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (deal_id, stage_id, entered_at) DO UPDATE SET updated_seq = excluded.updated_seq "
    "WHERE updated_seq <> excluded.updated_seq";
const std::string_view RecordTable<model::StageChange>::select_sql =
    "SELECT deal_id, stage_id, entered_at FROM stage_changes WHERE updated_seq > ?1 "
    "ORDER BY deal_id, stage_id, entered_at";

void RecordTable<model::StageChange>::bind(SqliteStatement& s, const model::StageChange& r, std::int64_t seq) {
    s.bind(1, r.deal_id);
    s.bind(2, r.stage_id);
    s.bind(3, r.entered_at);
    s.bind(4, seq);
}

model::StageChange RecordTable<model::StageChange>::decode(const SqliteStatement& row) {
    return {std::string(row.text(0)), std::string(row.text(1)), row.int64(2)};
}

// ---- activities
const std::string_view RecordTable<model::Activity>::upsert_sql =
    "INSERT INTO activities (id, owner_id, type, direction, at, contact_id, deal_id, duration_s, outcome, "
    "opened, clicked, objection, updated_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
    "ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, type = excluded.type, "
    "direction = excluded.direction, at = excluded.at, contact_id = excluded.contact_id, "
    "deal_id = excluded.deal_id, duration_s = excluded.duration_s, outcome = excluded.outcome, "
    "opened = excluded.opened, clicked = excluded.clicked, objection = excluded.objection, "
    "updated_seq = excluded.updated_seq WHERE updated_seq <> excluded.updated_seq";
const std::string_view RecordTable<model::Activity>::select_sql =
    "SELECT id, owner_id, type, direction, at, contact_id, deal_id, duration_s, outcome, opened, clicked, "
    "objection FROM activities WHERE updated_seq > ?1 ORDER BY id";

void RecordTable<model::Activity>::bind(SqliteStatement& s, const model::Activity& r, std::int64_t seq) {
    s.bind(1, r.id);
    s.bind(2, r.owner_id);
    s.bind(3, enum_text(r.type));
    s.bind(4, enum_text(r.direction));
    s.bind(5, r.at);
    s.bind(6, r.contact_id);
    s.bind(7, r.deal_id);
    s.bind(8, r.duration_s);
    if (r.outcome) {
        s.bind(9, enum_text(*r.outcome));
    } else {
        s.bind_null(9);
    }
    s.bind(10, r.opened);
    s.bind(11, r.clicked);
    s.bind(12, r.objection);
    s.bind(13, seq);
}

model::Activity RecordTable<model::Activity>::decode(const SqliteStatement& row) {
    model::Activity a;
    a.id = row.text(0);
    a.owner_id = row.text(1);
    a.type = enum_from_text<model::ActivityType, 7>(row.text(2));
    a.direction = enum_from_text<model::Direction, 2>(row.text(3));
    a.at = row.int64(4);
    a.contact_id = row.optional_text(5);
    a.deal_id = row.optional_text(6);
    a.duration_s = row.optional_real(7);
    if (!row.is_null(8)) a.outcome = enum_from_text<model::Outcome, 7>(row.text(8));
    a.opened = optional_bool(row, 9);
    a.clicked = optional_bool(row, 10);
    a.objection = row.int64(11) != 0;
    return a;
}

// ---- spend
const std::string_view RecordTable<model::Spend>::replace_sql =
    "DELETE FROM spend WHERE channel = ?1 AND month = ?2 AND updated_seq <> ?3";
const std::string_view RecordTable<model::Spend>::upsert_sql =
    "INSERT INTO spend (channel, month, amount, clicks, updated_seq) VALUES (?1, ?2, ?3, ?4, ?5)";
// rowid keeps a month's rows in the order they were imported.
const std::string_view RecordTable<model::Spend>::select_sql =
    "SELECT channel, month, amount, clicks FROM spend WHERE updated_seq > ?1 ORDER BY channel, month, rowid";

void RecordTable<model::Spend>::bind(SqliteStatement& s, const model::Spend& r, std::int64_t seq) {
    s.bind(1, r.channel);
    s.bind(2, r.month);
    s.bind(3, r.amount);
    s.bind(4, r.clicks);
    s.bind(5, seq);
}

model::Spend RecordTable<model::Spend>::decode(const SqliteStatement& row) {
    return {std::string(row.text(0)), std::string(row.text(1)), row.real(2), row.optional_real(3)};
}

// ---- survey responses
const std::string_view RecordTable<model::SurveyResponse>::upsert_sql =
    "INSERT INTO survey_responses (id, kind, score, at, contact_id, deal_id, seller_id, updated_seq) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
    "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, score = excluded.score, at = excluded.at, "
    "contact_id = excluded.contact_id, deal_id = excluded.deal_id, seller_id = excluded.seller_id, "
    "updated_seq = excluded.updated_seq WHERE updated_seq <> excluded.updated_seq";
const std::string_view RecordTable<model::SurveyResponse>::select_sql =
    "SELECT id, kind, score, at, contact_id, deal_id, seller_id FROM survey_responses WHERE updated_seq > ?1 "
    "ORDER BY id";

void RecordTable<model::SurveyResponse>::bind(SqliteStatement& s, const model::SurveyResponse& r, std::int64_t seq) {
    s.bind(1, r.id);
    s.bind(2, enum_text(r.kind));
    s.bind(3, r.score);
    s.bind(4, r.at);
    s.bind(5, r.contact_id);
    s.bind(6, r.deal_id);
    s.bind(7, r.seller_id);
    s.bind(8, seq);
}

model::SurveyResponse RecordTable<model::SurveyResponse>::decode(const SqliteStatement& row) {
    return {std::string(row.text(0)), enum_from_text<model::SurveyKind, 2>(row.text(1)),
            static_cast<int>(row.int64(2)), row.int64(3), row.optional_text(4), row.optional_text(5),
            row.optional_text(6)};
}

// ---- deliveries
const std::string_view RecordTable<model::Delivery>::upsert_sql =
    "INSERT INTO deliveries (id, deal_id, promised_at, delivered_at, updated_seq) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (id) DO UPDATE SET deal_id = excluded.deal_id, promised_at = excluded.promised_at, "
    "delivered_at = excluded.delivered_at, updated_seq = excluded.updated_seq "
    "WHERE updated_seq <> excluded.updated_seq";
const std::string_view RecordTable<model::Delivery>::select_sql =
    "SELECT id, deal_id, promised_at, delivered_at FROM deliveries WHERE updated_seq > ?1 ORDER BY id";

void RecordTable<model::Delivery>::bind(SqliteStatement& s, const model::Delivery& r, std::int64_t seq) {
    s.bind(1, r.id);
    s.bind(2, r.deal_id);
    s.bind(3, r.promised_at);
    s.bind(4, r.delivered_at);
    s.bind(5, seq);
}

model::Delivery RecordTable<model::Delivery>::decode(const SqliteStatement& row) {
    return {std::string(row.text(0)), std::string(row.text(1)), row.int64(2), row.optional_int64(3)};
}

}  // namespace sellerscore::connectors
