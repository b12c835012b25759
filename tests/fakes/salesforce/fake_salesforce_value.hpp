// One field value of a record, typed as Salesforce's JSON shows it: null, a string, a number, a
// boolean, a datetime (epoch ms, shown "2026-03-01T12:00:00.000+0000") or a date ("2026-03-01").
#pragma once

#include <cstdint>
#include <string>

#include <boost/json/value.hpp>

namespace sellerscore::fakes {

struct SfValue {
    enum class Kind { null, text, number, boolean, datetime, date };
    Kind kind = Kind::null;
    std::string text;
    double number = 0;
    bool boolean = false;
    std::int64_t ms = 0;  // datetime and date (midnight UTC)

    static SfValue null() { return {}; }
    static SfValue of_text(std::string t) { return {Kind::text, std::move(t), 0, false, 0}; }
    static SfValue of_number(double n) { return {Kind::number, {}, n, false, 0}; }
    static SfValue of_bool(bool b) { return {Kind::boolean, {}, 0, b, 0}; }
    static SfValue of_datetime(std::int64_t ms) { return {Kind::datetime, {}, 0, false, ms}; }
    static SfValue of_date(std::int64_t ms) { return {Kind::date, {}, 0, false, ms}; }

    bool is_null() const { return kind == Kind::null; }
    boost::json::value to_json(boost::json::storage_ptr storage = {}) const;
    // The value as value() reports it: JSON text of numbers/booleans, strings unquoted.
    std::string to_text() const;
    bool operator==(const SfValue& other) const;
    // Total order within one kind (null first), for ORDER BY and comparisons.
    int compare(const SfValue& other) const;
};

}  // namespace sellerscore::fakes
