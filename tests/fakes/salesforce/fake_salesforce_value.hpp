// One field value of a record, typed as Salesforce's JSON shows it: null, a string, a number, a
// boolean, a datetime (epoch ms, shown "2026-03-01T12:00:00.000+0000") or a date ("2026-03-01").
#pragma once

#include <cstdint>
#include <string>

#include <boost/json/value.hpp>

namespace sellerscore::fakes {

struct SfValue {
    enum class Kind : std::uint8_t { null, text, number, boolean, datetime, date };
    // Laid out small: an org of a million records holds tens of millions of these.
    Kind kind = Kind::null;
    bool boolean = false;
    union {
        double number = 0;
        std::int64_t ms;  // datetime and date (midnight UTC)
    };
    std::string text;

    static SfValue null() { return {}; }
    static SfValue of_text(std::string t) {
        SfValue v;
        v.kind = Kind::text;
        v.text = std::move(t);
        return v;
    }
    static SfValue of_number(double n) {
        SfValue v;
        v.kind = Kind::number;
        v.number = n;
        return v;
    }
    static SfValue of_bool(bool b) {
        SfValue v;
        v.kind = Kind::boolean;
        v.boolean = b;
        return v;
    }
    static SfValue of_datetime(std::int64_t at) {
        SfValue v;
        v.kind = Kind::datetime;
        v.ms = at;
        return v;
    }
    static SfValue of_date(std::int64_t at) {
        SfValue v;
        v.kind = Kind::date;
        v.ms = at;
        return v;
    }

    bool is_null() const { return kind == Kind::null; }
    boost::json::value to_json(boost::json::storage_ptr storage = {}) const;
    // The value as value() reports it: JSON text of numbers/booleans, strings unquoted.
    std::string to_text() const;
    bool operator==(const SfValue& other) const;
    // Total order within one kind (null first), for ORDER BY and comparisons.
    int compare(const SfValue& other) const;
};

}  // namespace sellerscore::fakes
