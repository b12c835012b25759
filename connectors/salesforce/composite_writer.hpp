// write(): our field values through PATCH /composite/sobjects, at most 200 records per call, one
// object type per call, allOrNone false. Each record's SaveResult decides its writes: success counts
// them written; UNABLE_TO_LOCK_ROW is retried once alone; any other error (validation rules,
// FIELD_CUSTOM_VALIDATION_EXCEPTION, ...) is reported for each of that record's writes. A call is never
// re-sent after the server may have acted on it, so nothing is written twice; writes left when the
// daily reserve is reached are failures with rate_limited.
#pragma once

#include <map>
#include <set>
#include <span>
#include <string>

#include "connectors/connector.hpp"
#include "field_schema.hpp"
#include "salesforce_api.hpp"

namespace sellerscore::connectors::salesforce {

inline constexpr std::size_t composite_max_records = 200;

class CompositeWriter {
public:
    // ledger, when given, receives "<sObject>" -> ids of the records written (for the cursor after our writes).
    CompositeWriter(SalesforceApi& api, const FieldSchema& schema,
                    std::map<std::string, std::set<std::string>>* ledger = nullptr)
        : api_(api), schema_(schema), ledger_(ledger) {}
    Result<WriteReport> write(std::span<const FieldWrite> writes);
    std::uint64_t calls() const { return calls_; }

private:
    struct RecordWrite {
        RecordObject object;
        std::string id;
        std::vector<std::size_t> indexes;  // into writes
    };
    // The SaveResults of one call, in record order; a non-ok Status when the call itself failed.
    Result<boost::json::array> patch(std::span<const FieldWrite> writes, const std::vector<const RecordWrite*>& records);

    SalesforceApi& api_;
    void written(const RecordWrite& record);

    const FieldSchema& schema_;
    std::map<std::string, std::set<std::string>>* ledger_;
    std::uint64_t calls_ = 0;
};

}  // namespace sellerscore::connectors::salesforce
