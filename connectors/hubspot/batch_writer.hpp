// write(): batch/update requests of at most 100 records sent with bounded concurrency, 200/207
// answers mapped back to every FieldWrite of each record. Transient per-record failures are retried
// once in a batch of just those records; validation errors are reported, never retried; a batch
// that succeeded is never sent again.
#pragma once

#include <span>

#include "connectors/connector.hpp"
#include "field_schema.hpp"
#include "hubspot_api.hpp"
#include "write_ledger.hpp"

namespace sellerscore::connectors::hubspot {

class BatchWriter {
public:
    BatchWriter(HubSpotApi& api, const FieldSchema& schema, WriteLedger& ledger)
        : api_(api), schema_(schema), ledger_(ledger) {}

    // A non-ok Result when nothing more could be written: auth, permission, the rate limit or the
    // network after the client's retries, or a property that does not exist (ensure_fields first).
    Result<WriteReport> write(std::span<const FieldWrite> writes);

private:
    HubSpotApi& api_;
    const FieldSchema& schema_;
    WriteLedger& ledger_;
};

}  // namespace sellerscore::connectors::hubspot
