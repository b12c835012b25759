#include "salesforce_connector.hpp"

#include <algorithm>
#include <functional>

#include "api_allocation.hpp"
#include "bulk_ingest.hpp"
#include "composite_writer.hpp"
#include "connectors/http/oauth_token_source.hpp"
#include "deal_where.hpp"
#include "feedback_surveys.hpp"
#include "field_installer.hpp"
#include "field_name.hpp"
#include "field_schema.hpp"
#include "org_reader.hpp"
#include "salesforce_time.hpp"
#include "salesforce_api.hpp"
#include "session_auth.hpp"
#include "sobject_fields.hpp"
#include "sync_cursor.hpp"

namespace sellerscore::connectors::salesforce {

namespace json = boost::json;

namespace {

constexpr std::string_view rotated_token_key = "salesforce.refresh_token";

// The memory keeps a rotated refresh token with a fingerprint of the secret it replaced, so a new
// secret set by the admin wins over a token rotated from an old one.
std::string secret_fingerprint(const std::string& secret) { return std::to_string(std::hash<std::string>{}(secret)); }

MappingOptions mapping_options(const SalesforceSettings& s) {
    MappingOptions m;
    m.team_field = s.team_field;
    m.visit_rule = s.visit_rule;
    m.visit_types = s.visit_types;
    m.proposal_stages = s.proposal_stages;
    m.objection_markers = s.objection_markers;
    m.fx_rates = s.fx_rates;
    m.converted_amounts = s.multi_currency;
    m.referral_field = s.referral_field;
    return m;
}

const std::string opportunity_fields =
    "Id, OwnerId, AccountId, ContactId, StageName, IsClosed, IsWon, CloseDate, CreatedDate, RecordTypeId, "
    "SystemModstamp";

}  // namespace

SalesforceConnector::SalesforceConnector(SalesforceSettings settings, ConnectorMemory& memory, http::LogSink log,
                                         std::function<bool()> cancelled, http::Clock& clock)
    : settings_(std::move(settings)),
      memory_(memory),
      log_(std::move(log)),
      cancelled_(std::move(cancelled)),
      clock_(clock),
      session_(std::make_shared<InstanceUrl>()),
      allocation_(std::make_unique<ApiAllocation>(settings_.daily_reserve_share, settings_.daily_reserve_calls)),
      schema_(std::make_unique<FieldSchema>()) {}

SalesforceConnector::~SalesforceConnector() = default;

Result<std::unique_ptr<SalesforceConnector>> SalesforceConnector::create(SalesforceSettings settings,
                                                                         ConnectorMemory& memory, http::LogSink log,
                                                                         std::function<bool()> cancelled,
                                                                         http::Clock& clock) {
    std::unique_ptr<SalesforceConnector> connector(
        new SalesforceConnector(std::move(settings), memory, std::move(log), std::move(cancelled), clock));
    const SalesforceSettings& s = connector->settings_;
    AuthSettings auth;
    auth.login_url = s.login_url;
    auth.token_url = s.token_url;
    auth.client_id = s.client_id;
    auth.client_secret = s.client_secret;
    auth.refresh_token = s.refresh_token;
    auth.username = s.username;
    auth.private_key_file = s.private_key_file;
    auth.ca_file = s.ca_file;
    auth.retry = s.retry;
    if (auto kept = memory.get(rotated_token_key)) {
        const auto newline = kept->find('\n');
        if (newline != std::string::npos && kept->substr(0, newline) == secret_fingerprint(s.refresh_token))
            auth.refresh_token = kept->substr(newline + 1);
    }
    const std::string fingerprint = secret_fingerprint(s.refresh_token);
    ConnectorMemory* kept_in = &memory;
    auth.on_refresh_token_rotated = [kept_in, fingerprint](const std::string& token) {
        (void)kept_in->put(rotated_token_key, fingerprint + "\n" + token);
    };
    auto source = make_token_source(auth, connector->session_, connector->log_, clock);
    if (!source) return source.status();
    connector->pending_auth_ = std::move(*source);
    return connector;
}

Status SalesforceConnector::connect() {
    if (api_) return Status::ok();
    // The first token tells where the org lives.
    if (auto credential = pending_auth_->credential(); !credential) return credential.status();
    std::string instance = settings_.instance_url.empty() ? session_->get() : settings_.instance_url;
    if (instance.empty()) return Status(StatusCode::auth, "salesforce: the token reply has no instance_url");

    http::ClientOptions options;
    options.transport.base_url = instance;
    options.transport.ca_file = settings_.ca_file;
    options.transport.max_connections = std::max<std::size_t>(settings_.max_connections, 1);
    options.transport.read_timeout = settings_.read_timeout;
    options.retry = settings_.retry;
    options.log = log_;
    options.cancelled = cancelled_;
    auth_ = pending_auth_.get();
    auto client = http::HttpClient::create(std::move(options), std::move(pending_auth_), clock_);
    if (!client) return client.status().prefixed("salesforce: ");
    api_ = std::make_unique<SalesforceApi>(std::move(*client), settings_.api_version, *allocation_);

    // /limits: the allocation before the first header says so (the call itself counts like any other).
    auto limits = api_->get(api_->data("/limits"));
    if (!limits) return limits.status();
    const auto max = number_at(*limits, "DailyApiRequests.Max");
    const auto remaining = number_at(*limits, "DailyApiRequests.Remaining");
    if (max && remaining) {
        allocation_->observe({static_cast<std::int64_t>(*max - *remaining), static_cast<std::int64_t>(*max)});
    }
    if (Status st = allocation_->may_call(); !st) return st;
    return Status::ok();
}

http::ClientStats SalesforceConnector::stats() const {
    http::ClientStats stats = api_ ? api_->stats() : http::ClientStats{};
    if (auth_ != nullptr) stats.token_refreshes = auth_->refreshes();
    return stats;
}

TransferStats SalesforceConnector::transfer_stats() const {
    const http::ClientStats s = stats();
    return TransferStats{s.attempts, s.retries, s.status_429};
}

std::optional<std::pair<std::int64_t, std::int64_t>> SalesforceConnector::api_usage() const {
    const auto usage = allocation_->usage();
    if (!usage) return std::nullopt;
    return std::pair{usage->used, usage->max};
}

Result<std::string> SalesforceConnector::read(std::string_view cursor_text, RecordSink& sink) {
    if (Status st = connect(); !st) return st;
    std::optional<SyncCursor> since;
    if (!cursor_text.empty()) {
        auto parsed = SyncCursor::parse(cursor_text);
        if (!parsed) return parsed.status();
        since = std::move(*parsed);
    }
    // Taken before reading: whatever changes while the read runs is newer than these marks.
    auto after = OrgReader::probe(*api_);
    if (!after) return after.status();
    ReaderOptions options;
    options.mapping = mapping_options(settings_);
    options.multi_currency = settings_.multi_currency;
    options.enhanced_email = enhanced_email_;
    options.bulk_threshold = settings_.bulk_threshold;
    options.clock = &clock_;
    options.experience = settings_.experience;
    if (probed_experience_) {
        options.experience = probed_experience_->settings;
        options.probed_feedback = std::move(probed_experience_->feedback);
        probed_experience_.reset();
    }
    OrgReader reader(*api_, *schema_, options, log_, cancelled_);
    Status st = reader.read(since, sink);
    enhanced_email_ = reader.enhanced_email();
    if (!st) return st;
    last_read_ = std::make_unique<SyncCursor>(*after);
    written_.clear();
    return after->to_text();
}

Result<SyncCursor> SalesforceConnector::cursor_after_own_writes(const SyncCursor& read_cursor) {
    auto now = OrgReader::probe(*api_);
    if (!now) return now.status();
    SyncCursor cursor = read_cursor;
    for (const auto& [object, newest] : now->marks) {
        const auto mark = read_cursor.marks.find(object);
        const auto count = read_cursor.counts.find(object);
        if (mark == read_cursor.marks.end() || count == read_cursor.counts.end()) continue;
        if (mark->second == newest && count->second == now->counts[object]) continue;
        const auto ours = written_.find(object);
        if (ours == written_.end() || count->second != now->counts[object]) continue;
        bool only_ours = true;
        std::optional<model::Timestamp> latest;
        Status st = api_->query("SELECT Id, SystemModstamp FROM " + object + " WHERE SystemModstamp > " +
                                    soql_instant(mark->second),
                                [&](const json::array& rows) {
                                    for (const auto& row : rows) {
                                        if (ours->second.count(id_at(row)) == 0) only_ours = false;
                                        const auto stamp = instant_at(row, "SystemModstamp");
                                        if (stamp && (!latest || *stamp > *latest)) latest = stamp;
                                    }
                                    return Status::ok();
                                });
        if (!st) return st;
        // Residual race, as with any marker: a foreign edit of a record we also wrote, between our read
        // and our write, is absorbed with our write and picked up the next time that record changes.
        if (only_ours && latest) {
            cursor.marks[object] = *latest;
        } else if (log_) {
            log_(http::LogLevel::debug,
                 "salesforce: " + object + " changed since the read beyond our writes: the next run reads it again");
        }
    }
    return cursor;
}

Result<std::string> SalesforceConnector::current_cursor() {
    if (Status st = connect(); !st) return st;
    if (last_read_) {
        auto cursor = cursor_after_own_writes(*last_read_);
        if (!cursor) return cursor.status();
        last_read_.reset();
        written_.clear();
        return cursor->to_text();
    }
    auto cursor = OrgReader::probe(*api_);
    if (!cursor) return cursor.status();
    return cursor->to_text();
}

Result<SchemaReport> SalesforceConnector::ensure_fields(std::span<const FieldDefinition> fields) {
    if (Status st = connect(); !st) return st;
    auto report = FieldInstaller(*api_, *schema_, settings_.permission_set, session_->user_id(), &memory_).ensure(fields);
    if (!report) return report;
    // Install says which named survey or delivery field the org lacks (or that no survey source
    // exists), as every sync does.
    auto feedback = FeedbackSurveys::find(*api_);
    if (!feedback) return feedback.status();
    ExperienceFields experience(settings_.experience);
    if (Status st = experience.probe(*api_, log_, feedback->available()); !st) return st;
    probed_experience_ = ProbedExperience{experience.settings(), std::move(*feedback)};
    return report;
}

// One Tooling query: the fields that exist join the schema with the types the plugin expects (a
// field of another type is install's to report, and a query comparing it fails in SOQL).
Status SalesforceConnector::know_fields(std::span<const FieldDefinition> fields) {
    if (Status st = connect(); !st) return st;
    return FieldInstaller(*api_, *schema_, settings_.permission_set, session_->user_id(), &memory_).discover(fields);
}

Result<SchemaReport> SalesforceConnector::remove_fields(std::span<const FieldDefinition> fields) {
    if (Status st = connect(); !st) return st;
    return FieldInstaller(*api_, *schema_, settings_.permission_set, session_->user_id(), &memory_).remove(fields);
}

Result<WriteReport> SalesforceConnector::write(std::span<const FieldWrite> writes) {
    if (writes.empty()) return WriteReport{};
    if (Status st = connect(); !st) return st;
    std::set<std::pair<RecordObject, std::string>> records;
    for (const auto& write : writes) records.emplace(write.object, write.record_id);
    if (settings_.bulk_write_threshold > 0 && static_cast<std::int64_t>(records.size()) >= settings_.bulk_write_threshold)
        return BulkIngest(*api_, clock_, *schema_, &written_).write(writes);
    return CompositeWriter(*api_, *schema_, &written_).write(writes);
}

Result<std::vector<DealRow>> SalesforceConnector::query_deals(const DealQuery& query) {
    if (Status st = connect(); !st) return st;
    auto where = deal_where(query, *schema_);
    if (!where) return where.status();
    std::vector<DealRow> rows;
    if (query.limit == 0) return rows;

    json::array stage_rows, record_types;
    for (auto [soql, into] :
         {std::pair{"SELECT Id, ApiName, MasterLabel, SortOrder, IsClosed, IsWon, IsActive, DefaultProbability FROM "
                    "OpportunityStage",
                    &stage_rows},
          std::pair{"SELECT Id, Name, SobjectType, BusinessProcessId FROM RecordType WHERE SobjectType = 'Opportunity'",
                    &record_types}}) {
        Status st = api_->query(soql, [into](const json::array& found) {
            for (const auto& row : found) into->push_back(row);
            return Status::ok();
        });
        if (!st) return st;
    }
    const StageCatalog stages = StageCatalog::from_rows(stage_rows, record_types);
    const RecordMapper mapper(mapping_options(settings_), stages);
    std::string fields = opportunity_fields + (settings_.multi_currency ? ", convertCurrency(Amount)" : ", Amount");
    const auto ids = schema_->ids(RecordObject::deal);
    for (const auto& id : ids) fields += ", " + api_field_name(id);
    const std::string soql = "SELECT " + fields + " FROM Opportunity" + (where->empty() ? "" : " WHERE " + *where) +
                             " ORDER BY Id ASC LIMIT " + std::to_string(query.limit);
    Status st = api_->query(soql, [&](const json::array& found) {
        for (const auto& record : found) {
            if (rows.size() == query.limit) break;
            model::Dataset one;
            if (Status mapped = mapper.deal(record, {}, std::nullopt, one); !mapped) return mapped;
            DealRow row{std::move(one.deals.front()), {}};
            for (const auto& id : ids) {
                const auto* value = field_at(record, api_field_name(id));
                row.fields.emplace(id, value == nullptr ? FieldValue{}
                                                        : from_salesforce(*schema_->type_of(RecordObject::deal, id), *value));
            }
            rows.push_back(std::move(row));
        }
        return Status::ok();
    });
    if (!st) return st;
    return rows;
}

}  // namespace sellerscore::connectors::salesforce
