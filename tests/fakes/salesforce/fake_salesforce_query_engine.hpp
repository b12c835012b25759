// Runs a parsed SOQL query over the fake org as one user sees it: unknown objects are
// INVALID_TYPE, unknown fields and custom fields without read access (field-level security) are
// INVALID_FIELD, literals must match the field's type. The result is the matching rows, rendered
// page by page as Salesforce's records (attributes, nested relationship objects, times in
// "...+0000").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <boost/json/array.hpp>

#include "fake_salesforce_org.hpp"
#include "fake_salesforce_soql.hpp"

namespace sellerscore::fakes {

struct SfQueryContext {
    std::string user_id;
    bool all_rows = false;  // queryAll: deleted rows too
    bool tooling = false;
    bool multi_currency = false;
    std::string corporate_currency;
    std::map<std::string, double> conversion_rates;
    std::string api_version;
};

struct SfColumn {
    std::string key;           // JSON key: the field's defined name
    std::string relationship;  // defined relationship name, or empty
    std::string target_object;
    const SfObject* target = nullptr;  // the related object (objects live as long as the org)
    std::size_t reference_slot = 0;    // relationship: the reference field on the queried object
    std::size_t slot = 0;            // the field on the queried (or related) object
    bool convert_currency = false;
};

struct SfQueryResult {
    std::string object;
    bool tooling = false;
    bool count = false;
    std::vector<SfColumn> columns;
    std::vector<std::size_t> rows;  // record indices into the object's records
    std::size_t total_size = 0;
};

std::variant<SfQueryResult, SoqlError> run_soql(SfOrg& org, const SoqlQuery& query, const SfQueryContext& context);

// The value of `column` in the result's row at `position` (convertCurrency applied).
SfValue column_value(SfOrg& org, const SfQueryResult& result, std::size_t position, const SfColumn& column,
                     const SfQueryContext& context);

// Rows [from, to) of `result` as Salesforce record objects, allocated from `storage`.
boost::json::array render_records(SfOrg& org, const SfQueryResult& result, std::size_t from, std::size_t to,
                                  const SfQueryContext& context, boost::json::storage_ptr storage = {});

}  // namespace sellerscore::fakes
