// How Salesforce turns a JSON value written to a field into what the field holds: numbers rounded
// to the field's scale and refused past its precision, restricted picklists, text length, times
// parsed from ISO 8601. Used by composite updates and sObject creates.
#pragma once

#include <optional>
#include <string>

#include <boost/json/value.hpp>

#include "fake_salesforce_sobject.hpp"

namespace sellerscore::fakes {

struct SfWriteError {
    std::string status_code;  // NUMBER_OUTSIDE_VALID_RANGE, INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, ...
    std::string message;
};

struct SfFieldWrite {
    std::optional<SfValue> value;  // set when accepted
    std::optional<SfWriteError> error;
};

SfFieldWrite convert_field_write(const SfField& field, const boost::json::value& json);

}  // namespace sellerscore::fakes
