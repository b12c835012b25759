// The interface every CRM connector implements (local, HubSpot, Pipedrive, Salesforce, ...).
// A connector is created from the settings JSON, holds no global state, and speaks only the
// vendor-neutral model of KPIS.md §1 to the rest of the plugin.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "../plugin/model/record_json.hpp"
#include "../plugin/model/records.hpp"
#include "../plugin/model/status.hpp"

namespace sellerscore::connectors {

enum class RecordObject { deal, contact, company };

// Logical field types of KPIS.md §7; each vendor maps them to its own.
// percentage values travel as ratios in [0, 1]; a connector converts if its CRM wants 0-100.
// text values travel as strings of at most 255 characters (the smallest vendor limit: Salesforce
// Text(255), Pipedrive varchar).
enum class FieldType { number, percentage, money, enumeration, datetime, text };

struct FieldDefinition {
    std::string id;  // logical id: "seller_score", "seller_score_band", ...
    std::string label;
    FieldType type = FieldType::number;
    RecordObject object = RecordObject::deal;
    std::string group;
    std::string description;
    std::vector<std::string> options;  // enumeration values, in display order
};

// A custom field's value: null (absent / to be cleared), a number, or a string (enumeration value,
// or an RFC 3339 instant for datetime fields).
using FieldValue = std::variant<std::monostate, double, std::string>;

// What the CRM currently holds in one of our custom fields.
struct HeldValue {
    RecordObject object = RecordObject::deal;
    std::string record_id;
    std::string field_id;
    FieldValue value;
};

// A record that no longer exists in the CRM (deleted, archived, merged away) since the cursor.
struct RemovedRecord {
    model::RecordType type = model::RecordType::deal;  // seller, contact, deal, activity, survey_response or delivery
    std::string id;
};

// One page of a read stream: records plus the values of our custom fields held on them.
// A deal in a page comes with its complete stage history (every stage change of that deal) in the
// same page, so a reader that keeps records between runs replaces a deal's history as a whole.
struct ReadPage {
    model::Dataset records;
    std::vector<HeldValue> held_values;
    std::vector<RemovedRecord> removed;  // only in incremental reads
    // When set: a cursor from which read() can resume, everything up to and including this page
    // having been applied. A reader that keeps records between runs may commit here, so a read
    // stopped by a daily API budget or a crash resumes instead of starting over.
    std::string checkpoint;
};

class RecordSink {
public:
    virtual ~RecordSink() = default;
    // Takes one page. A non-ok Status stops the read, and read() returns it.
    virtual Status accept(ReadPage&& page) = 0;
};

struct FieldWrite {
    RecordObject object = RecordObject::deal;
    std::string record_id;
    std::string field_id;
    FieldValue value;  // monostate clears the field
};

struct WriteFailure {
    std::size_t index = 0;  // into the span passed to write()
    Status status;
};

struct WriteReport {
    std::size_t written = 0;
    std::vector<WriteFailure> failures;
};

struct SchemaReport {
    std::vector<std::string> created;   // field ids the call created (or, for remove, removed)
    std::vector<std::string> existing;  // field ids already there with the right type (or already absent)
};

enum class CompareOp { eq, ne, lt, le, gt, ge };

struct FieldPredicate {
    std::string field_id;
    CompareOp op = CompareOp::eq;
    FieldValue value;
};

// Deals whose custom fields satisfy every predicate.
struct DealQuery {
    std::vector<FieldPredicate> all_of;
    std::size_t limit = 100;
};

struct DealRow {
    model::Deal deal;
    std::map<std::string, FieldValue> fields;  // our custom fields held on the deal
};

// What a connector's traffic to its CRM cost so far (a remote connector's HTTP requests).
struct TransferStats {
    std::uint64_t requests = 0;      // API calls, retries included
    std::uint64_t retries = 0;
    std::uint64_t rate_limited = 0;  // 429 answers received
};

class Connector {
public:
    virtual ~Connector() = default;

    // "local", "hubspot", ...
    virtual std::string_view vendor() const = 0;

    // True when a full read costs no more than reading a local copy would (the embedded local CRM):
    // the sync then reads everything every run. A remote connector returns false, and the sync keeps
    // the records between runs and asks only for what changed since its cursor.
    virtual bool reads_locally() const { return false; }

    virtual TransferStats transfer_stats() const { return {}; }

    // Streams every record to `sink`, page by page (a connector never buffers a whole CRM).
    // With a non-empty `cursor` from an earlier read, only records changed since then are streamed.
    // Returns the cursor to pass next time.
    virtual Result<std::string> read(std::string_view cursor, RecordSink& sink) = 0;

    // The cursor read() would return now, without reading records: equal to an earlier cursor
    // exactly when nothing in the CRM (records or our field values) changed since.
    virtual Result<std::string> current_cursor() = 0;

    // Creates the fields that are missing (idempotent). An existing field of another type is an
    // error naming it, never silently reused.
    virtual Result<SchemaReport> ensure_fields(std::span<const FieldDefinition> fields) = 0;

    // Tells the connector which of our fields to expect, creating nothing: for a command that reads
    // them (a query) in a process that has not run ensure_fields. A connector that finds its fields
    // by itself, or needs no schema to read them, keeps this no-op.
    virtual Status know_fields(std::span<const FieldDefinition> fields) {
        (void)fields;
        return Status::ok();
    }
    // Removes the fields and their values; absent fields are reported as `existing` (nothing to do).
    virtual Result<SchemaReport> remove_fields(std::span<const FieldDefinition> fields) = 0;

    // Sets values in the vendor's largest batches. Per-record failures are reported, not thrown;
    // a non-ok Result means nothing more could be written (auth, network, ...). Writes left unsent
    // because a daily API budget ran out are failures with StatusCode::rate_limited: the caller keeps
    // what was written and stops, and the next run writes the rest.
    virtual Result<WriteReport> write(std::span<const FieldWrite> writes) = 0;

    // Deals matching the query, through the vendor's own filter or search API.
    virtual Result<std::vector<DealRow>> query_deals(const DealQuery& query) = 0;
};

}  // namespace sellerscore::connectors
