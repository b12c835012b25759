#include "fake_salesforce_value.hpp"

#include <charconv>

#include "fake_salesforce_time.hpp"

namespace sellerscore::fakes {

boost::json::value SfValue::to_json(boost::json::storage_ptr storage) const {
    switch (kind) {
        case Kind::null: return boost::json::value(nullptr, storage);
        case Kind::text: return boost::json::value(boost::json::string_view(text), storage);
        case Kind::number: return boost::json::value(number, storage);
        case Kind::boolean: return boost::json::value(boolean, storage);
        case Kind::datetime: return boost::json::value(boost::json::string_view(salesforce_datetime(ms)), storage);
        case Kind::date: return boost::json::value(boost::json::string_view(salesforce_date(ms)), storage);
    }
    return boost::json::value(nullptr, storage);
}

std::string SfValue::to_text() const {
    switch (kind) {
        case Kind::null: return {};
        case Kind::text: return text;
        case Kind::number: {
            char buffer[32];
            const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, number);
            return std::string(buffer, end);
        }
        case Kind::boolean: return boolean ? "true" : "false";
        case Kind::datetime: return salesforce_datetime(ms);
        case Kind::date: return salesforce_date(ms);
    }
    return {};
}

bool SfValue::operator==(const SfValue& other) const { return kind == other.kind && compare(other) == 0; }

int SfValue::compare(const SfValue& other) const {
    if (kind != other.kind) return kind == Kind::null ? -1 : (other.kind == Kind::null ? 1 : (kind < other.kind ? -1 : 1));
    switch (kind) {
        case Kind::null: return 0;
        case Kind::text: return text < other.text ? -1 : (text == other.text ? 0 : 1);
        case Kind::number: return number < other.number ? -1 : (number == other.number ? 0 : 1);
        case Kind::boolean: return boolean == other.boolean ? 0 : (boolean ? 1 : -1);
        case Kind::datetime:
        case Kind::date: return ms < other.ms ? -1 : (ms == other.ms ? 0 : 1);
    }
    return 0;
}

}  // namespace sellerscore::fakes
