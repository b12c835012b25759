// How each record type of the model maps to its table: the upsert that stores it, the select
// that reads it back in key order, and the row conversions between the two.
//
// Upserts bind updated_seq last. An upsert onto a row that already carries this import's sequence
// number changes nothing (sqlite3_changes() == 0): that is how the importer notices the same key
// twice in one import without holding every key in memory.
// Selects take one parameter, ?1: rows with updated_seq > ?1 (0 reads everything).
#pragma once

#include <cstdint>
#include <string_view>

#include "plugin/model/records.hpp"
#include "sqlite_statement.hpp"

namespace sellerscore::connectors {

template <class Record>
struct RecordTable;

template <>
struct RecordTable<model::Seller> {
    static const std::string_view upsert_sql;
    static const std::string_view select_sql;
    static void bind(SqliteStatement& statement, const model::Seller& record, std::int64_t seq);
    static model::Seller decode(const SqliteStatement& row);
};

template <>
struct RecordTable<model::Stage> {
    static const std::string_view upsert_sql;
    static const std::string_view select_sql;
    static void bind(SqliteStatement& statement, const model::Stage& record, std::int64_t seq);
    static model::Stage decode(const SqliteStatement& row);
};

template <>
struct RecordTable<model::Contact> {
    static const std::string_view upsert_sql;
    static const std::string_view select_sql;
    static void bind(SqliteStatement& statement, const model::Contact& record, std::int64_t seq);
    static model::Contact decode(const SqliteStatement& row);
};

template <>
struct RecordTable<model::Deal> {
    static const std::string_view upsert_sql;
    static const std::string_view select_sql;
    static void bind(SqliteStatement& statement, const model::Deal& record, std::int64_t seq);
    static model::Deal decode(const SqliteStatement& row);
};

template <>
struct RecordTable<model::StageChange> {
    static const std::string_view upsert_sql;
    static const std::string_view select_sql;
    static void bind(SqliteStatement& statement, const model::StageChange& record, std::int64_t seq);
    static model::StageChange decode(const SqliteStatement& row);
};

template <>
struct RecordTable<model::Activity> {
    static const std::string_view upsert_sql;
    static const std::string_view select_sql;
    static void bind(SqliteStatement& statement, const model::Activity& record, std::int64_t seq);
    static model::Activity decode(const SqliteStatement& row);
};

// Spend has no key: several rows for one channel and month add up (one per campaign, KPIS.md §1).
// An import's rows for a channel and month replace the ones earlier imports stored for them
// (replace_sql, bound with channel, month and this import's seq, runs before the first of them), so
// importing the same file again changes nothing.
template <>
struct RecordTable<model::Spend> {
    static const std::string_view replace_sql;
    static const std::string_view upsert_sql;
    static const std::string_view select_sql;
    static void bind(SqliteStatement& statement, const model::Spend& record, std::int64_t seq);
    static model::Spend decode(const SqliteStatement& row);
};

template <>
struct RecordTable<model::SurveyResponse> {
    static const std::string_view upsert_sql;
    static const std::string_view select_sql;
    static void bind(SqliteStatement& statement, const model::SurveyResponse& record, std::int64_t seq);
    static model::SurveyResponse decode(const SqliteStatement& row);
};

template <>
struct RecordTable<model::Delivery> {
    static const std::string_view upsert_sql;
    static const std::string_view select_sql;
    static void bind(SqliteStatement& statement, const model::Delivery& record, std::int64_t seq);
    static model::Delivery decode(const SqliteStatement& row);
};

}  // namespace sellerscore::connectors
