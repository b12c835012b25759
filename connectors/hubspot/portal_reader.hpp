// Streams a portal's records to a RecordSink, one ReadPage per API page, never the whole portal in
// memory: owners and pipelines first (small, every run), then each object type, either listed in
// full or searched for changes since a cursor.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "connectors/connector.hpp"
#include "connectors/http/http_client.hpp"
#include "field_schema.hpp"
#include "hubspot_api.hpp"
#include "record_mapper.hpp"
#include "stage_catalog.hpp"
#include "sync_cursor.hpp"

namespace sellerscore::connectors::hubspot {

// Owners and pipelines: read whole on every run, fingerprinted for the cursor.
struct PortalReference {
    std::vector<model::Seller> sellers;
    StageCatalog stages;
    std::string owners_fingerprint;
};

class PortalReader {
public:
    PortalReader(HubSpotApi& api, const FieldSchema& schema, MappingOptions options, http::LogSink log,
                 std::function<bool()> cancelled);

    // GET owners (active and archived) and deal pipelines.
    static Result<PortalReference> read_reference(HubSpotApi& api);

    // Every record, with list endpoints at their largest pages.
    Status read_all(const PortalReference& reference, RecordSink& sink);
    // Records changed since `since` (search), and the ones archived since (archived lists -> removed).
    Status read_changes(const PortalReference& reference, const SyncCursor& since, RecordSink& sink);

    // The properties a read of `type` asks for.
    std::vector<std::string> properties(ObjectType type) const;

private:
    // Only submissions created at or after `created_from` are delivered (0: all).
    Status read_feedback_submissions(const RecordMapper& mapper, RecordSink& sink, std::int64_t created_from);
    // Deals come with propertiesWithHistory=dealstage, 50 per page.
    Status list_type(ObjectType type, const RecordMapper& mapper, RecordSink& sink);
    Status search_type(ObjectType type, std::int64_t since_ms, const RecordMapper& mapper, RecordSink& sink);
    Status archived_type(ObjectType type, std::int64_t since_ms, const RecordMapper& mapper, RecordSink& sink);
    // POST <type>/batch/read for the wide property list (and the histories of `with_history`,
    // then 50 ids per call), in the ids' order.
    Result<std::vector<boost::json::value>> batch_read(ObjectType type, const std::vector<std::string>& ids,
                                                       const std::vector<std::string>& properties,
                                                       const std::vector<std::string>& with_history);
    // Adds propertiesWithHistory.dealstage to deals found by search (which cannot return it).
    Status attach_stage_history(boost::json::array& deals);
    // Maps one object into the page; counts what could not be mapped.
    MapOutcome add(ObjectType type, const RecordMapper& mapper, const boost::json::value& object,
                   const FirstAssociations& links, ReadPage& page);
    Status deliver(RecordSink& sink, ReadPage&& page);
    void report_skipped();
    Status check_cancelled() const;

    HubSpotApi& api_;
    const FieldSchema& schema_;
    MappingOptions options_;
    http::LogSink log_;
    std::function<bool()> cancelled_;
    std::map<ObjectType, std::size_t> without_owner_;
    std::map<ObjectType, std::size_t> not_records_;
};

}  // namespace sellerscore::connectors::hubspot
