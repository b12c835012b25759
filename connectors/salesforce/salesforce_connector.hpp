// The Connector over Salesforce's REST API (SOQL reads, Tooling API fields, composite write-back).
//
// The first call of a run gets a session (refresh-token or JWT bearer flow), learns the org's
// instance_url from the token reply, and reads /limits; from then on every answer's Sforce-Limit-Info
// keeps the daily allocation current and a call that would take the org below the reserve is not
// made (rate_limited: the sync keeps what it read and wrote, and the next run resumes).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "connectors/connector.hpp"
#include "connectors/connector_memory.hpp"
#include "connectors/http/clock.hpp"
#include "connectors/http/http_client.hpp"
#include "experience_fields.hpp"
#include "feedback_surveys.hpp"
#include "record_mapper.hpp"

namespace sellerscore::connectors::http {
class OAuthTokenSource;
}

namespace sellerscore::connectors::salesforce {

class SalesforceApi;
class ApiAllocation;
class FieldSchema;
class InstanceUrl;
struct SyncCursor;

// Filled by the plugin from config `salesforce`, the secrets and the kpi config.
struct SalesforceSettings {
    std::string login_url = "https://login.salesforce.com";
    std::string token_url;     // default: login_url + "/services/oauth2/token"
    std::string instance_url;  // default: the token reply's instance_url
    std::string api_version = "v62.0";
    std::string ca_file;
    std::string client_id, client_secret, refresh_token;  // refresh-token flow
    std::string username, private_key_file;               // JWT bearer flow
    std::string permission_set = "Sellerscore_KPIs";
    TeamField team_field = TeamField::department;
    VisitRule visit_rule = VisitRule::event_type;
    bool multi_currency = false;  // read convertCurrency(Amount) (the org's corporate currency)
    double daily_reserve_share = 0.2;
    std::int64_t daily_reserve_calls = 0;  // > 0 overrides the share
    // Selections of at least this many rows are read with Bulk API 2.0 query jobs; 0 = REST only.
    std::int64_t bulk_threshold = 10'000;
    // A write-back changing at least this many records goes through Bulk API 2.0 ingest jobs instead
    // of composite/sobjects (Salesforce's own guidance: more than 2,000 records suit Bulk API 2.0); 0 = never.
    std::int64_t bulk_write_threshold = 2'000;
    std::vector<std::string> visit_types, proposal_stages, objection_markers;
    std::map<std::string, double> fx_rates;
    std::string referral_field = "Referred_By__c";  // Contact field with the referrer's id; "" = none
    ExperienceSettings experience;  // salesforce.survey.* and salesforce.delivery.*: the named fields
    std::size_t max_connections = 4;
    std::chrono::milliseconds read_timeout{120'000};
    http::RetryPolicy retry;
};

class SalesforceConnector final : public Connector {
public:
    // auth when neither flow's credentials are complete; the JWT key file's mode is checked here.
    static Result<std::unique_ptr<SalesforceConnector>> create(SalesforceSettings settings, ConnectorMemory& memory,
                                                               http::LogSink log, std::function<bool()> cancelled,
                                                               http::Clock& clock = http::system_clock());
    ~SalesforceConnector() override;

    http::ClientStats stats() const;
    TransferStats transfer_stats() const override;
    // Calls used and allocated per the latest Sforce-Limit-Info; nullopt before the first call.
    std::optional<std::pair<std::int64_t, std::int64_t>> api_usage() const;

    std::string_view vendor() const override { return "salesforce"; }
    Result<std::string> read(std::string_view cursor, RecordSink& sink) override;
    Result<std::string> current_cursor() override;
    Result<SchemaReport> ensure_fields(std::span<const FieldDefinition> fields) override;
    Result<SchemaReport> remove_fields(std::span<const FieldDefinition> fields) override;
    Status know_fields(std::span<const FieldDefinition> fields) override;
    Result<WriteReport> write(std::span<const FieldWrite> writes) override;
    Result<std::vector<DealRow>> query_deals(const DealQuery& query) override;

private:
    SalesforceConnector(SalesforceSettings settings, ConnectorMemory& memory, http::LogSink log,
                        std::function<bool()> cancelled, http::Clock& clock);
    // Session, instance URL, HttpClient and /limits, once per connector.
    Status connect();
    // The last read's cursor with each object's mark moved past our own writes, when the only changes
    // since the read are records we wrote; any other change keeps the read's mark, so it is read again.
    Result<SyncCursor> cursor_after_own_writes(const SyncCursor& read_cursor);

    SalesforceSettings settings_;
    ConnectorMemory& memory_;
    http::LogSink log_;
    std::function<bool()> cancelled_;
    http::Clock& clock_;
    std::shared_ptr<InstanceUrl> session_;
    std::unique_ptr<http::OAuthTokenSource> pending_auth_;  // until connect() hands it to the client
    http::OAuthTokenSource* auth_ = nullptr;                // owned by the client after connect()
    std::unique_ptr<ApiAllocation> allocation_;
    std::unique_ptr<SalesforceApi> api_;
    std::unique_ptr<FieldSchema> schema_;
    bool enhanced_email_ = true;
    // The cursor the last read returned, until current_cursor() has accounted for what happened since.
    std::unique_ptr<SyncCursor> last_read_;
    std::map<std::string, std::set<std::string>> written_;  // sObject -> ids we wrote since that read
    // What the last ensure_fields() found of the survey and delivery sources. A sync checks fields,
    // then reads: the read takes this instead of probing (and warning) again, so a sync says each
    // missing field, or the lack of any survey source, once. Consumed by the next read.
    struct ProbedExperience {
        ExperienceSettings settings;
        FeedbackSurveys feedback;
    };
    std::optional<ProbedExperience> probed_experience_;
};

}  // namespace sellerscore::connectors::salesforce
