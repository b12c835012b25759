// The Pipedrive connector: API v2 where it exists, the v1 endpoints v2 still lacks (users, leads,
// notes, activity types, deal changelogs), per pipedrive_mapping.md. Reads stream page by page with
// checkpoints; writes are one PATCH per record inside custom_fields; every call is priced against
// the company's daily token budget before it is made.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/connector.hpp"
#include "connectors/connector_memory.hpp"
#include "connectors/http/http_client.hpp"
#include "experience_fields.hpp"

namespace sellerscore::connectors::pipedrive {

struct PipedriveSettings {
    // With OAuth, the token reply's api_domain ("https://<company>.pipedrive.com").
    std::string base_url = "https://api.pipedrive.com";
    std::string ca_file;  // extra trust anchors (a TLS-inspecting proxy, a test CA)
    std::string token_url = "https://oauth.pipedrive.com/oauth/token";
    // Either an API token (sent as x-api-token) ...
    std::string api_token;
    // ... or an OAuth app's credentials. A refresh token remembered from an earlier rotation
    // ("pipedrive.refresh_token" in the ConnectorMemory) takes precedence over this one.
    std::string client_id;
    std::string client_secret;
    std::string refresh_token;

    std::size_t max_connections = 4;
    std::chrono::milliseconds read_timeout{60'000};  // one read or write on a connection making no progress
    // The burst limit before the first x-ratelimit-* headers say otherwise (Growth plan, API token).
    int burst_max = 40;
    std::chrono::milliseconds burst_window{2000};
    // Calls stop before the daily token budget falls below this (left for the company's other tools).
    std::int64_t daily_token_reserve = 1000;

    // The currency amounts are kept in; "" = the company's own (company_currency.hpp).
    std::string home_currency;
    std::map<std::string, double> fx_rates;  // kpi.fx_rates: home-currency units per unit
    std::string channel_field = "Lead source";
    std::string referral_field = "Referred by";
    // pipedrive.survey.* and pipedrive.delivery.*: the fields survey responses and deliveries are read from.
    ExperienceSettings experience;
    std::vector<std::string> visit_types;        // activity type keys; empty = {"visit"}
    std::vector<std::string> proposal_types;     // empty = {"proposal"}
    std::vector<std::string> objection_markers;  // empty = {"#objection"}
    http::RetryPolicy retry;
};

class PipedriveConnector final : public Connector {
public:
    // `memory` must outlive the connector: field codes and rotated refresh tokens live there.
    static Result<std::unique_ptr<PipedriveConnector>> create(PipedriveSettings settings, ConnectorMemory& memory,
                                                              http::LogSink log, std::function<bool()> cancelled,
                                                              http::Clock& clock = http::system_clock());
    ~PipedriveConnector() override;

    std::string_view vendor() const override { return "pipedrive"; }
    TransferStats transfer_stats() const override;
    // Our estimate of the daily-budget tokens this connector's calls cost (for the bench).
    std::int64_t tokens_spent() const;

    Result<std::string> read(std::string_view cursor, RecordSink& sink) override;
    Result<std::string> current_cursor() override;
    Result<SchemaReport> ensure_fields(std::span<const FieldDefinition> fields) override;
    Result<SchemaReport> remove_fields(std::span<const FieldDefinition> fields) override;
    Result<WriteReport> write(std::span<const FieldWrite> writes) override;
    Result<std::vector<DealRow>> query_deals(const DealQuery& query) override;

private:
    struct Parts;
    explicit PipedriveConnector(std::unique_ptr<Parts> parts);
    std::unique_ptr<Parts> parts_;
};

}  // namespace sellerscore::connectors::pipedrive
