// A prepared SQLite statement with RAII finalisation and typed bind/column helpers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <sqlite3.h>

namespace sellerscore::connectors {

class SqliteStatement {
public:
    SqliteStatement() = default;
    explicit SqliteStatement(sqlite3_stmt* statement) : statement_(statement) {}
    SqliteStatement(SqliteStatement&& other) noexcept : statement_(std::exchange(other.statement_, nullptr)) {}
    SqliteStatement& operator=(SqliteStatement&& other) noexcept {
        std::swap(statement_, other.statement_);
        return *this;
    }
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;
    ~SqliteStatement() { sqlite3_finalize(statement_); }

    // Text is bound without a copy (SQLITE_STATIC): it must outlive the next step() or reset().
    void bind(int index, std::string_view text) {
        sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
    }
    void bind(int index, double v) { sqlite3_bind_double(statement_, index, v); }
    void bind(int index, std::int64_t v) { sqlite3_bind_int64(statement_, index, v); }
    void bind(int index, int v) { sqlite3_bind_int(statement_, index, v); }
    void bind(int index, bool v) { sqlite3_bind_int(statement_, index, v ? 1 : 0); }
    void bind_null(int index) { sqlite3_bind_null(statement_, index); }
    template <class T>
    void bind(int index, const std::optional<T>& v) {
        if (v) {
            bind(index, *v);
        } else {
            bind_null(index);
        }
    }

    // SQLITE_ROW, SQLITE_DONE, or an error code.
    int step() { return sqlite3_step(statement_); }
    // Ready for new bindings; keeps the compiled plan.
    void reset() {
        sqlite3_reset(statement_);
        sqlite3_clear_bindings(statement_);
    }

    bool is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }
    int type(int column) const { return sqlite3_column_type(statement_, column); }
    std::string_view text(int column) const {
        const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
        return {data ? data : "", static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
    }
    std::int64_t int64(int column) const { return sqlite3_column_int64(statement_, column); }
    double real(int column) const { return sqlite3_column_double(statement_, column); }

    std::optional<std::string> optional_text(int column) const {
        if (is_null(column)) return std::nullopt;
        return std::string(text(column));
    }
    std::optional<double> optional_real(int column) const {
        if (is_null(column)) return std::nullopt;
        return real(column);
    }
    std::optional<std::int64_t> optional_int64(int column) const {
        if (is_null(column)) return std::nullopt;
        return int64(column);
    }

private:
    sqlite3_stmt* statement_ = nullptr;
};

}  // namespace sellerscore::connectors
