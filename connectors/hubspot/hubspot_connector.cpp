#include "hubspot_connector.hpp"

#include <algorithm>
#include <charconv>

#include <boost/json.hpp>

#include "association_reader.hpp"
#include "batch_writer.hpp"
#include "connectors/http/oauth_token_source.hpp"
#include "connectors/http/static_token_source.hpp"
#include "cursor_probe.hpp"
#include "deal_query_filters.hpp"
#include "field_schema.hpp"
#include "hubspot_api.hpp"
#include "json_access.hpp"
#include "portal_reader.hpp"
#include "property_installer.hpp"
#include "sync_cursor.hpp"
#include "write_ledger.hpp"

namespace sellerscore::connectors::hubspot {

namespace json = boost::json;

namespace {

MappingOptions mapping_options(const HubSpotSettings& settings) {
    MappingOptions options;
    options.visit_types = settings.visit_types;
    options.proposal_stages = settings.proposal_stages;
    options.objection_markers = settings.objection_markers;
    if (!settings.referral_property.empty()) options.referral_property = settings.referral_property;
    if (!settings.channel_property.empty()) options.channel_property = settings.channel_property;
    options.delivery_promised_property = settings.delivery_promised_property;
    options.delivery_delivered_property = settings.delivery_delivered_property;
    return options;
}

http::RateLimitHeaders hubspot_rate_headers() {
    http::RateLimitHeaders headers;
    headers.max = "X-HubSpot-RateLimit-Max";
    headers.remaining = "X-HubSpot-RateLimit-Remaining";
    headers.interval_ms = "X-HubSpot-RateLimit-Interval-Milliseconds";
    headers.daily_remaining = "X-HubSpot-RateLimit-Daily-Remaining";
    return headers;
}

}  // namespace

HubSpotConnector::HubSpotConnector(HubSpotSettings settings, std::unique_ptr<HubSpotApi> api,
                                   http::OAuthTokenSource* oauth, http::LogSink log, std::function<bool()> cancelled,
                                   http::Clock& clock)
    : settings_(std::move(settings)),
      api_(std::move(api)),
      oauth_(oauth),
      log_(std::move(log)),
      cancelled_(std::move(cancelled)),
      clock_(clock),
      schema_(std::make_unique<FieldSchema>()),
      ledger_(std::make_unique<WriteLedger>()) {}

HubSpotConnector::~HubSpotConnector() = default;

Result<std::unique_ptr<HubSpotConnector>> HubSpotConnector::create(HubSpotSettings settings, http::LogSink log,
                                                                   std::function<bool()> cancelled,
                                                                   http::Clock& clock) {
    std::unique_ptr<http::AccessTokenSource> auth;
    http::OAuthTokenSource* oauth = nullptr;
    if (!settings.access_token.empty()) {
        auth = std::make_unique<http::StaticTokenSource>("Authorization", "Bearer ", settings.access_token);
    } else if (!settings.client_id.empty() && !settings.client_secret.empty() && !settings.refresh_token.empty()) {
        http::OAuthSettings o;
        std::string base = settings.base_url;
        while (!base.empty() && base.back() == '/') base.pop_back();
        o.token_url = settings.token_url.empty() ? base + "/oauth/v1/token" : settings.token_url;
        o.client_id = settings.client_id;
        o.client_secret = settings.client_secret;
        o.refresh_token = settings.refresh_token;
        o.client_auth = http::OAuthClientAuth::body;
        o.ca_file = settings.ca_file;
        o.retry = settings.retry;
        o.log = log;
        auto source = http::OAuthTokenSource::create(std::move(o), clock);
        if (!source) return source.status().prefixed("hubspot: ");
        oauth = source->get();
        auth = std::move(*source);
    } else {
        return Status(StatusCode::auth,
                      "hubspot: no credentials: set SELLERSCORE_HUBSPOT_TOKEN (private app / service key) or the OAuth "
                      "trio SELLERSCORE_HUBSPOT_CLIENT_ID, _CLIENT_SECRET, _REFRESH_TOKEN");
    }

    http::ClientOptions options;
    options.transport.base_url = settings.base_url;
    options.transport.ca_file = settings.ca_file;
    options.transport.max_connections = std::max<std::size_t>(settings.max_connections, 1);
    options.transport.read_timeout = settings.read_timeout;
    options.retry = settings.retry;
    options.rate_headers = hubspot_rate_headers();
    options.rate_limit.max_requests = settings.rate_limit_max;
    options.rate_limit.interval = settings.rate_limit_interval;
    options.log = log;
    options.cancelled = cancelled;
    auto client = http::HttpClient::create(std::move(options), std::move(auth), clock);
    if (!client) return client.status().prefixed("hubspot: ");
    auto api = std::make_unique<HubSpotApi>(std::move(*client), settings.path_prefix, clock, settings.search_per_second);
    return std::unique_ptr<HubSpotConnector>(
        new HubSpotConnector(std::move(settings), std::move(api), oauth, std::move(log), std::move(cancelled), clock));
}

TransferStats HubSpotConnector::transfer_stats() const {
    const http::ClientStats s = stats();
    return TransferStats{s.attempts, s.retries, s.status_429};
}

http::ClientStats HubSpotConnector::stats() const {
    http::ClientStats stats = api_->stats();
    if (oauth_ != nullptr) stats.token_refreshes = oauth_->refreshes();
    return stats;
}

Status HubSpotConnector::know_schema() { return PropertyInstaller(*api_, *schema_).discover(); }

void HubSpotConnector::warn_missing_delivery_properties() const {
    if (!log_ || !schema_->loaded(RecordObject::deal)) return;
    for (const auto& [setting, name] : {std::pair{"hubspot.delivery.promised_property", &settings_.delivery_promised_property},
                                        std::pair{"hubspot.delivery.delivered_property",
                                                  &settings_.delivery_delivered_property}}) {
        if (name->empty() || schema_->has_property(RecordObject::deal, *name)) continue;
        log_(http::LogLevel::warn, std::string("hubspot: ") + setting + " names deal property '" + *name +
                                       "', which the portal does not have: deliveries are read without it");
    }
}

Result<SyncCursor> HubSpotConnector::plain_cursor(std::string owners, std::string pipelines) {
    SyncCursor cursor;
    cursor.owners = std::move(owners);
    cursor.pipelines = std::move(pipelines);
    for (ObjectType type : all_object_types) {
        auto probe = probe_type(*api_, type);
        if (!probe) return probe.status();
        cursor.live[type] = probe->total;
        if (probe->total > 0) cursor.marks[type] = probe->newest_ms;
    }
    return cursor;
}

// After a read, the cursor moves only past our own writes: for each type whose changes since the
// read are exactly the records we wrote (same count, none newer than our newest write), the mark
// advances so the next incremental read does not pull them back; any other change since the read
// (a foreign edit, a record created or archived, owners or pipelines edited) keeps the read's
// values, so the next run sees a different cursor and reads again.
// Residual race: someone else editing a record we also wrote, between our read and our write, is
// indistinguishable from our write by count and time and is absorbed with it; that edit is picked
// up the next time the record changes or on a full read.
Result<SyncCursor> HubSpotConnector::cursor_after_own_writes(const SyncCursor& read_cursor) {
    SyncCursor cursor = read_cursor;
    for (ObjectType type : all_object_types) {
        auto now = probe_type(*api_, type);
        if (!now) return now.status();
        const auto live = read_cursor.live.find(type);
        const std::int64_t live_then = live == read_cursor.live.end() ? 0 : live->second;
        const std::int64_t mark_then = read_cursor.mark(type);
        const auto ours = static_cast<std::int64_t>(ledger_->written(type));
        if (now->newest_ms == mark_then && now->total == live_then) continue;
        if (ours == 0 || now->total != live_then) continue;
        auto since = probe_type(*api_, type, mark_then);
        // The search index lags writes by seconds: wait for it to show all of ours, twice at most.
        for (int retry = 0; retry < 2 && since && since->total < ours; ++retry) {
            clock_.sleep_until(clock_.now() + std::chrono::seconds(1));
            since = probe_type(*api_, type, mark_then);
        }
        if (!since) return since.status();
        if (since->total == ours && since->newest_ms <= ledger_->newest_ms(type)) {
            cursor.marks[type] = since->newest_ms;
        } else if (log_) {
            log_(http::LogLevel::debug, "hubspot: " + std::string(path_name(type)) + " changed since the read beyond our " +
                                            std::to_string(ours) + " writes: the next run reads them again");
        }
    }
    return cursor;
}

Result<std::string> HubSpotConnector::read(std::string_view cursor_text, RecordSink& sink) {
    std::optional<SyncCursor> since;
    if (!cursor_text.empty()) {
        auto parsed = SyncCursor::parse(cursor_text);
        if (!parsed) return parsed.status();
        since = std::move(*parsed);
    }
    if (Status st = know_schema(); !st) return st;
    warn_missing_delivery_properties();
    auto reference = PortalReader::read_reference(*api_);
    if (!reference) return reference.status();
    // Taken before reading: whatever changes while the read runs is newer than these marks.
    auto cursor = plain_cursor(reference->owners_fingerprint, reference->stages.fingerprint());
    if (!cursor) return cursor.status();
    PortalReader reader(*api_, *schema_, mapping_options(settings_), log_, cancelled_);
    const Status read = since ? reader.read_changes(*reference, *since, sink) : reader.read_all(*reference, sink);
    if (!read) return read;
    ledger_->clear();
    last_read_ = std::make_unique<SyncCursor>(*cursor);
    return cursor->to_text();
}

Result<std::string> HubSpotConnector::current_cursor() {
    if (last_read_) {
        auto cursor = cursor_after_own_writes(*last_read_);
        if (!cursor) return cursor.status();
        last_read_.reset();
        ledger_->clear();
        return cursor->to_text();
    }
    auto reference = PortalReader::read_reference(*api_);
    if (!reference) return reference.status();
    auto cursor = plain_cursor(reference->owners_fingerprint, reference->stages.fingerprint());
    if (!cursor) return cursor.status();
    return cursor->to_text();
}

Result<SchemaReport> HubSpotConnector::ensure_fields(std::span<const FieldDefinition> fields) {
    auto report = PropertyInstaller(*api_, *schema_).ensure(fields);
    if (report) warn_missing_delivery_properties();
    return report;
}

Result<SchemaReport> HubSpotConnector::remove_fields(std::span<const FieldDefinition> fields) {
    return PropertyInstaller(*api_, *schema_).remove(fields);
}

Result<WriteReport> HubSpotConnector::write(std::span<const FieldWrite> writes) {
    if (writes.empty()) return WriteReport{};
    if (Status st = know_schema(); !st) return st;
    return BatchWriter(*api_, *schema_, *ledger_).write(writes);
}

Result<std::vector<DealRow>> HubSpotConnector::query_deals(const DealQuery& query) {
    if (Status st = know_schema(); !st) return st;
    auto filters = deal_query_filters(query, *schema_);
    if (!filters) return filters.status();
    std::vector<DealRow> rows;
    if (query.limit == 0) return rows;
    auto pipelines = api_->get(api_->v3("/pipelines/deals"));
    if (!pipelines) return pipelines.status();
    auto stages = StageCatalog::from_pipelines(*pipelines);
    if (!stages) return stages.status();
    const RecordMapper mapper(mapping_options(settings_), *stages, *schema_);

    SearchRequest search;
    search.filters = std::move(*filters);
    search.sorts.push_back({"hs_object_id", true});
    for (std::string_view name : base_properties(ObjectType::deals)) search.properties.emplace_back(name);
    for (const auto& [name, kind] : schema_->fields(RecordObject::deal)) search.properties.push_back(property_name(name));
    while (rows.size() < query.limit) {
        search.limit = static_cast<int>(std::min<std::size_t>(SearchRequest::max_limit, query.limit - rows.size()));
        auto body = api_->search(ObjectType::deals, search);
        if (!body) return body.status();
        const json::array* found = array_at(*body, "results");
        if (found == nullptr || found->empty()) break;
        std::vector<std::string> ids;
        for (const auto& deal : *found) ids.push_back(string_at(deal, "id"));
        auto links = read_first_associations(*api_, ObjectType::deals, ids);
        if (!links) return links.status();
        ReadPage page;
        for (const auto& deal : *found) mapper.add_deal(deal, (*links)[string_at(deal, "id")], page);
        for (auto& deal : page.records.deals) {
            if (rows.size() == query.limit) break;
            DealRow row{std::move(deal), {}};
            for (const auto& held : page.held_values) {
                if (held.record_id == row.deal.id) row.fields.emplace(held.field_id, held.value);
            }
            rows.push_back(std::move(row));
        }
        const json::value* paging = member(*body, "paging");
        const json::value* next = paging ? member(*paging, "next") : nullptr;
        const std::string after = next ? string_at(*next, "after") : std::string();
        if (after.empty()) break;
        // The search API stops at 10,000 results; a query asking for more gets the first 10,000.
        long long offset = 0;
        const auto [end, ec] = std::from_chars(after.data(), after.data() + after.size(), offset);
        const auto next_limit = std::min<std::size_t>(SearchRequest::max_limit, query.limit - rows.size());
        if (ec == std::errc() && offset + static_cast<long long>(next_limit) > SearchRequest::result_cap) break;
        search.after = after;
    }
    return rows;
}

}  // namespace sellerscore::connectors::hubspot
