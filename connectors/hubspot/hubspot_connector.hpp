// The Connector over HubSpot's CRM API (v3, associations v4), per hubspot_mapping.md.
//
// Reads: owners, pipelines, deals (with their full dealstage history), contacts,
// companies (held values only), calls, emails, meetings, notes, tasks and quotes. A full read lists
// every type at the largest page size; read(cursor) searches what changed since the cursor and
// lists what was archived since. Write-back: properties in group "seller_kpis", values through
// batch/update. Credentials never appear in logs or Status messages.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "connectors/connector.hpp"
#include "connectors/http/clock.hpp"
#include "connectors/http/http_client.hpp"

namespace sellerscore::connectors::http {
class OAuthTokenSource;
}

namespace sellerscore::connectors::hubspot {

class HubSpotApi;
class FieldSchema;
class WriteLedger;
struct SyncCursor;

// Filled by the plugin from config `hubspot`, the secrets and the kpi config.
struct HubSpotSettings {
    std::string base_url = "https://api.hubapi.com";
    std::string ca_file;
    std::string path_prefix = "/crm/v3";
    std::string token_url;     // default: base_url + "/oauth/v1/token"
    std::string access_token;  // private-app / static token / service key, or empty for OAuth
    std::string client_id, client_secret, refresh_token;  // OAuth refresh grant
    std::size_t max_connections = 4;
    std::chrono::milliseconds read_timeout{60'000};  // one read or write on a connection making no progress
    int rate_limit_max = 100;  // until the headers say otherwise
    std::chrono::milliseconds rate_limit_interval{10'000};
    int search_per_second = 4;  // HubSpot's search limit is per token, not in the headers
    std::string referral_property = "referred_by_contact_id";
    std::string channel_property = "hs_analytics_source";  // the contact property holding the lead source
    // The deal properties a won deal's delivery is read from (hubspot.delivery.*); empty: no deliveries.
    std::string delivery_promised_property, delivery_delivered_property;
    std::vector<std::string> visit_types, proposal_stages, objection_markers;  // empty = defaults
    http::RetryPolicy retry;
};

class HubSpotConnector final : public Connector {
public:
    // auth when neither a token nor the OAuth trio is set; invalid_argument for a bad URL or ca_file.
    static Result<std::unique_ptr<HubSpotConnector>> create(HubSpotSettings settings, http::LogSink log,
                                                            std::function<bool()> cancelled,
                                                            http::Clock& clock = http::system_clock());
    ~HubSpotConnector() override;

    // Requests, retries, 429s, waits; token_refreshes counts OAuth refreshes.
    http::ClientStats stats() const;
    TransferStats transfer_stats() const override;

    std::string_view vendor() const override { return "hubspot"; }
    Result<std::string> read(std::string_view cursor, RecordSink& sink) override;
    // Without a read in this connector: owners and pipelines fingerprints plus, per object type, the
    // newest lastmodified and the live record count (3 + 9 requests). The first call after a read
    // instead returns that read's cursor moved past our own writes only (see cursor_after_own_writes),
    // so whatever else changed since the read is read again next run.
    Result<std::string> current_cursor() override;
    Result<SchemaReport> ensure_fields(std::span<const FieldDefinition> fields) override;
    Result<SchemaReport> remove_fields(std::span<const FieldDefinition> fields) override;
    Result<WriteReport> write(std::span<const FieldWrite> writes) override;
    Result<std::vector<DealRow>> query_deals(const DealQuery& query) override;

private:
    HubSpotConnector(HubSpotSettings settings, std::unique_ptr<HubSpotApi> api, http::OAuthTokenSource* oauth,
                     http::LogSink log, std::function<bool()> cancelled, http::Clock& clock);

    Status know_schema();
    // One warning line per named delivery property the portal's deals do not have (install and sync).
    void warn_missing_delivery_properties() const;
    // Owners/pipelines fingerprints and, per type, the newest modification and the live count.
    Result<SyncCursor> plain_cursor(std::string owners, std::string pipelines);
    Result<SyncCursor> cursor_after_own_writes(const SyncCursor& read_cursor);

    HubSpotSettings settings_;
    std::unique_ptr<HubSpotApi> api_;
    http::OAuthTokenSource* oauth_;  // owned by the client; null with a static token
    http::LogSink log_;
    std::function<bool()> cancelled_;
    http::Clock& clock_;
    std::unique_ptr<FieldSchema> schema_;
    bool schema_known_ = false;
    std::unique_ptr<WriteLedger> ledger_;
    // The cursor the last read returned, until current_cursor() has accounted for what happened since.
    std::unique_ptr<SyncCursor> last_read_;
};

}  // namespace sellerscore::connectors::hubspot
