#include "pipedrive_connector.hpp"

#include <algorithm>
#include <charconv>

#include <boost/json.hpp>

#include "connectors/http/oauth_token_source.hpp"
#include "connectors/http/static_token_source.hpp"
#include "deal_predicate.hpp"
#include "field_directory.hpp"
#include "company_currency.hpp"
#include "field_registry.hpp"
#include "json_access.hpp"
#include "object_route.hpp"
#include "pipedrive_api.hpp"
#include "record_mapper.hpp"
#include "record_patch.hpp"
#include "pipedrive_time.hpp"
#include "sync_cursor.hpp"
#include "sync_reader.hpp"
#include "write_ledger.hpp"

namespace sellerscore::connectors::pipedrive {

namespace json = boost::json;

namespace {

constexpr std::string_view refresh_token_key = "pipedrive.refresh_token";
// The last cursor handed out and the wall time (epoch seconds) it was handed out at.
constexpr std::string_view cursor_key = "pipedrive.cursor";
constexpr std::string_view cursor_time_key = "pipedrive.cursor_time";
// How far Pipedrive's clock may run ahead of ours before a mark's second counts as passed.
constexpr model::Timestamp clock_skew_ms = 60 * model::ms_per_second;

std::string object_label(RecordObject object) { return std::string(singular_of(object)); }

// The Status of a failure that stops write(): nothing more can be written (credentials, network,
// cancellation), as opposed to one record's failure.
bool stops_writing(StatusCode code) {
    return code == StatusCode::auth || code == StatusCode::permission || code == StatusCode::network ||
           code == StatusCode::timeout || code == StatusCode::cancelled || code == StatusCode::internal;
}

// Whether a 2xx answer to our PATCH is Pipedrive's: {"success": true, "data": {...}}. Anything else
// (a proxy's or a CDN's HTML page) did not come from Pipedrive, so the write did not happen.
bool confirms_write(const http::HttpResponse& response) {
    boost::system::error_code ec;
    const json::value body = json::parse(response.body, ec);
    if (ec || !body.is_object()) return false;
    const json::value* success = body.as_object().if_contains("success");
    return success != nullptr && success->is_bool() && success->get_bool() && member(body, "data") != nullptr;
}

// The update_time Pipedrive gave our PATCH, from its answer (the record as it now stands).
void remember_write(WriteLedger& ledger, const RecordPatch& patch, const http::HttpResponse& response) {
    boost::system::error_code ec;
    const json::value body = json::parse(response.body, ec);
    const json::value* data = ec ? nullptr : member(body, "data");
    const auto at = data ? parse_time(text_at(*data, "update_time")) : std::nullopt;
    if (at) ledger.record(patch.object, patch.record_id, *at);
}

}  // namespace

struct PipedriveConnector::Parts {
    Parts(std::unique_ptr<http::HttpClient> client, ApiOptions api_options, http::Clock& clock, ConnectorMemory& memory,
          ReaderSettings reader_settings)
        : clock(clock),
          memory(memory),
          api(std::move(client), std::move(api_options), clock),
          registry(memory),
          fields(api, registry),
          mapper(reader_settings.mapping, ActivityTypeMap(reader_settings.visit_types, reader_settings.proposal_types)),
          reader(api, fields, std::move(reader_settings)) {}

    // Remembers `cursor` as handed out now (a failure to remember costs the next run a full look).
    void remember(const std::string& cursor) {
        const auto now = std::chrono::duration_cast<std::chrono::seconds>(clock.wall_now().time_since_epoch()).count();
        (void)memory.put(cursor_key, cursor);
        (void)memory.put(cursor_time_key, std::to_string(now));
    }

    http::Clock& clock;
    ConnectorMemory& memory;
    PipedriveApi api;
    FieldRegistry registry;
    FieldDirectory fields;
    RecordMapper mapper;
    SyncReader reader;
    std::size_t write_batch = 16;
    // Set by a read, used up by the current_cursor() after the writes that follow it.
    std::optional<std::string> last_read_cursor;
    WriteLedger ledger;
};

PipedriveConnector::PipedriveConnector(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
PipedriveConnector::~PipedriveConnector() = default;

Result<std::unique_ptr<PipedriveConnector>> PipedriveConnector::create(PipedriveSettings settings,
                                                                       ConnectorMemory& memory, http::LogSink log,
                                                                       std::function<bool()> cancelled,
                                                                       http::Clock& clock) {
    std::unique_ptr<http::AccessTokenSource> auth;
    if (!settings.api_token.empty()) {
        auth = std::make_unique<http::StaticTokenSource>("x-api-token", "", settings.api_token);
    } else if (!settings.client_id.empty() && !settings.client_secret.empty()) {
        http::OAuthSettings oauth;
        oauth.token_url = settings.token_url;
        oauth.client_id = settings.client_id;
        oauth.client_secret = settings.client_secret;
        // A rotated refresh token replaced the configured one, which Pipedrive has already spent.
        oauth.refresh_token = memory.get(refresh_token_key).value_or(settings.refresh_token);
        if (oauth.refresh_token.empty()) {
            return Status::invalid_argument("pipedrive: OAuth needs a refresh token (none configured or remembered)");
        }
        oauth.client_auth = http::OAuthClientAuth::basic;
        oauth.default_lifetime = std::chrono::seconds(3599);
        oauth.ca_file = settings.ca_file;
        oauth.retry = settings.retry;
        oauth.log = log;
        oauth.on_refresh_token_rotated = [&memory, log](const std::string& rotated) {
            if (Status kept = memory.put(refresh_token_key, rotated); !kept && log) {
                log(http::LogLevel::error, "pipedrive: could not keep the rotated OAuth refresh token: " + kept.message());
            }
        };
        auto source = http::OAuthTokenSource::create(std::move(oauth), clock);
        if (!source) return source.status().prefixed("pipedrive: ");
        auth = std::move(*source);
    } else {
        return Status::invalid_argument(
            "pipedrive: no credentials: set an API token, or an OAuth client id, client secret and refresh token");
    }

    http::ClientOptions options;
    options.transport.base_url = settings.base_url;
    options.transport.ca_file = settings.ca_file;
    options.transport.max_connections = std::max<std::size_t>(1, settings.max_connections);
    options.transport.read_timeout = settings.read_timeout;
    options.retry = settings.retry;
    options.rate_headers.max = "x-ratelimit-limit";
    options.rate_headers.remaining = "x-ratelimit-remaining";
    // Not x-ratelimit-reset: it is whole seconds until the oldest request leaves the rolling
    // window, so waiting for it stalls up to a second where the next slot frees in milliseconds.
    // The pacer times the window from our own starts instead (it is ours alone between the
    // limit and remaining headers).
    // The client stops retrying a 429 once this header says the day's tokens are gone (retrying
    // cannot help before midnight); the connector's own budget stops well before that.
    options.rate_headers.daily_remaining = "x-daily-ratelimit-token-remaining";
    options.rate_limit.max_requests = settings.burst_max;
    options.rate_limit.interval = settings.burst_window;
    options.rate_limit.daily_reserve = 0;
    options.log = log;
    options.cancelled = cancelled;
    auto client = http::HttpClient::create(std::move(options), std::move(auth), clock);
    if (!client) return client.status().prefixed("pipedrive: ");

    ApiOptions api_options;
    api_options.daily_token_reserve = settings.daily_token_reserve;
    api_options.firewall_wait = settings.burst_window;
    api_options.retry = settings.retry;
    api_options.log = log;
    api_options.cancelled = cancelled;

    ReaderSettings reader;
    reader.mapping.home_currency = settings.home_currency;
    reader.mapping.fx_rates = settings.fx_rates;
    reader.mapping.objection_markers = settings.objection_markers;
    reader.visit_types = settings.visit_types;
    reader.proposal_types = settings.proposal_types;
    reader.channel_field = settings.channel_field;
    reader.referral_field = settings.referral_field;
    reader.experience = settings.experience;
    reader.concurrent_reads = std::max<std::size_t>(1, std::min<std::size_t>(3, settings.max_connections));
    reader.log = log;

    auto parts = std::make_unique<Parts>(std::move(*client), std::move(api_options), clock, memory, std::move(reader));
    // Enough PATCHes in flight to keep every connection busy between budget checks.
    parts->write_batch = std::max<std::size_t>(1, settings.max_connections) * 4;
    return std::unique_ptr<PipedriveConnector>(new PipedriveConnector(std::move(parts)));
}

TransferStats PipedriveConnector::transfer_stats() const {
    const http::ClientStats stats = parts_->api.stats();
    return TransferStats{stats.attempts, stats.retries, stats.status_429};
}

std::int64_t PipedriveConnector::tokens_spent() const { return parts_->api.budget().spent(); }

Result<std::string> PipedriveConnector::read(std::string_view cursor, RecordSink& sink) {
    parts_->last_read_cursor.reset();
    parts_->ledger.clear();
    auto next = parts_->reader.read(cursor, sink);
    if (next) {
        parts_->last_read_cursor = *next;
        parts_->remember(*next);
    }
    return next;
}

Result<std::string> PipedriveConnector::current_cursor() {
    // After a read (and our writes), the read's cursor moved past our own writes only: a change
    // someone else made since the read is not hidden by a fresh look at the marks.
    if (parts_->last_read_cursor) {
        auto cursor = parts_->reader.cursor_after_own_writes(*parts_->last_read_cursor, parts_->ledger);
        if (!cursor) return cursor.status();
        parts_->last_read_cursor.reset();
        parts_->ledger.clear();
        parts_->remember(*cursor);
        return cursor;
    }
    std::optional<SyncCursor> remembered;
    model::Timestamp settled_before = 0;
    const auto text = parts_->memory.get(cursor_key);
    const auto time = parts_->memory.get(cursor_time_key);
    if (text && time) {
        auto parsed = SyncCursor::parse(*text);
        std::int64_t at = 0;
        const auto [end, ec] = std::from_chars(time->data(), time->data() + time->size(), at);
        if (parsed && ec == std::errc() && end == time->data() + time->size()) {
            remembered = std::move(*parsed);
            settled_before = at * model::ms_per_second - clock_skew_ms;
        }
    }
    auto cursor = parts_->reader.current_cursor(remembered, settled_before);
    if (cursor) parts_->remember(*cursor);
    return cursor;
}

Result<SchemaReport> PipedriveConnector::ensure_fields(std::span<const FieldDefinition> definitions) {
    SchemaReport report;
    for (const FieldDefinition& definition : definitions) {
        const std::string_view wanted = pipedrive_type_of(definition.type);
        const std::string where = object_label(definition.object) + " field \"" + definition.label + "\"";
        auto all = parts_->fields.all(definition.object);
        if (!all) return all.status();

        // A remembered code wins over the name: a user may have renamed our field.
        const CustomField* found = nullptr;
        if (const auto code = parts_->registry.code(definition.object, definition.id)) {
            const auto it = std::find_if((*all)->begin(), (*all)->end(), [&](const CustomField& f) { return f.code == *code; });
            if (it != (*all)->end()) found = &*it;
        }
        if (found == nullptr) {
            // Pipedrive allows several fields of one name: one of the right type is ours, else any
            // custom field of that name is a conflict.
            const CustomField* conflicting = nullptr;
            for (const auto& field : **all) {
                if (field.name != definition.label || !is_custom_code(field.code)) continue;
                if (field.type == wanted) {
                    found = &field;
                    break;
                }
                if (conflicting == nullptr) conflicting = &field;
            }
            if (found == nullptr && conflicting != nullptr) found = conflicting;
        }
        if (found != nullptr) {
            if (found->type != wanted) {
                return Status::data("pipedrive: the " + where + " exists with type " + found->type + ", not " +
                                    std::string(wanted) + "; rename or delete it in Pipedrive, then sync again");
            }
            for (const auto& option : definition.options) {
                if (!found->option_id(option)) {
                    return Status::data("pipedrive: the " + where + " lacks the option \"" + option +
                                        "\"; add it in Pipedrive, then sync again");
                }
            }
            if (Status s = parts_->registry.remember(definition.object, definition.id, found->code); !s) return s;
            report.existing.push_back(definition.id);
            continue;
        }

        json::object body{{"field_name", definition.label}, {"field_type", wanted}};
        if (definition.type == FieldType::enumeration) {
            json::array options;
            for (const auto& option : definition.options) options.push_back(json::object{{"label", option}});
            body["options"] = std::move(options);
        }
        http::HttpRequest request = PipedriveApi::json_request(
            http::Method::post, PipedriveApi::v2("/" + std::string(fields_route_of(definition.object))), body);
        // Pipedrive does not refuse a second field of the same name: a create is never sent twice.
        request.idempotent = false;
        auto response = parts_->api.send(request);
        if (!response) return response.status();
        if (response->status / 100 != 2) return PipedriveApi::error_of(request, *response);
        boost::system::error_code ec;
        const json::value created = json::parse(response->body, ec);
        const json::value* data = ec ? nullptr : member(created, "data");
        const std::string code = data ? text_at(*data, "field_code") : std::string();
        if (code.empty()) return Status::data("pipedrive: " + PipedriveApi::where(request) + ": the reply has no field_code");
        if (Status s = parts_->registry.remember(definition.object, definition.id, code); !s) return s;
        parts_->fields.invalidate(definition.object);
        report.created.push_back(definition.id);
    }
    // Install says which named survey or delivery field the company lacks, as every sync does.
    if (Status s = parts_->reader.check_experience_fields(); !s) return s;
    return report;
}

Result<SchemaReport> PipedriveConnector::remove_fields(std::span<const FieldDefinition> definitions) {
    SchemaReport report;
    for (const FieldDefinition& definition : definitions) {
        std::optional<std::string> code = parts_->registry.code(definition.object, definition.id);
        if (!code) {
            auto named = parts_->fields.named(definition.object, definition.label);
            if (!named) return named.status();
            if (*named && is_custom_code((*named)->code) && (*named)->type == pipedrive_type_of(definition.type)) {
                code = (*named)->code;
            }
        }
        if (!code) {
            report.existing.push_back(definition.id);
            continue;
        }
        http::HttpRequest request;
        request.method = http::Method::del;
        request.target = PipedriveApi::v2("/" + std::string(fields_route_of(definition.object)) + "/" + *code);
        auto response = parts_->api.send(request);
        if (!response) return response.status();
        if (response->status == 404 || response->status == 410) {
            report.existing.push_back(definition.id);
        } else if (response->status / 100 == 2) {
            report.created.push_back(definition.id);
        } else {
            return PipedriveApi::error_of(request, *response);
        }
        if (Status s = parts_->registry.forget(definition.object, definition.id); !s) return s;
        parts_->fields.invalidate(definition.object);
    }
    return report;
}

Result<WriteReport> PipedriveConnector::write(std::span<const FieldWrite> writes) {
    std::map<RecordObject, std::map<std::string, CustomField>> ours;
    for (const FieldWrite& write : writes) {
        if (ours.count(write.object) > 0) continue;
        auto fields = parts_->fields.ours(write.object);
        if (!fields) return fields.status();
        ours[write.object] = std::move(*fields);
    }
    PatchPlan plan = plan_patches(writes, ours);
    WriteReport report;
    report.failures = std::move(plan.failures);

    std::optional<Status> budget_stop;
    const std::size_t batch = parts_->write_batch;
    for (std::size_t begin = 0; begin < plan.patches.size(); begin += batch) {
        const std::size_t end = std::min(plan.patches.size(), begin + batch);
        if (budget_stop) {
            for (std::size_t p = begin; p < end; ++p) {
                for (std::size_t i : plan.patches[p].writes) report.failures.push_back(WriteFailure{i, *budget_stop});
            }
            continue;
        }
        std::vector<http::HttpRequest> requests;
        for (std::size_t p = begin; p < end; ++p) requests.push_back(plan.patches[p].request());
        auto answers = parts_->api.send_all(requests);
        for (std::size_t k = 0; k < answers.size(); ++k) {
            const RecordPatch& patch = plan.patches[begin + k];
            Status failure;
            if (!answers[k]) {
                failure = answers[k].status();
                if (stops_writing(failure.code())) return failure;
                if (failure.code() == StatusCode::rate_limited) budget_stop = failure;
            } else if (answers[k]->status / 100 == 2 && !confirms_write(*answers[k])) {
                failure = Status::data("pipedrive: " + PipedriveApi::where(requests[k]) +
                                       ": the answer is not Pipedrive's JSON; the values were not written");
            } else if (answers[k]->status / 100 == 2) {
                report.written += patch.writes.size();
                remember_write(parts_->ledger, patch, *answers[k]);
                continue;
            } else {
                failure = PipedriveApi::error_of(requests[k], *answers[k]);
                if (stops_writing(failure.code())) return failure;
            }
            for (std::size_t i : patch.writes) report.failures.push_back(WriteFailure{i, failure});
        }
    }
    std::sort(report.failures.begin(), report.failures.end(),
              [](const WriteFailure& a, const WriteFailure& b) { return a.index < b.index; });
    return report;
}

Result<std::vector<DealRow>> PipedriveConnector::query_deals(const DealQuery& query) {
    auto ours = parts_->fields.ours(RecordObject::deal);
    if (!ours) return ours.status();
    if (parts_->mapper.home_currency().empty()) {
        auto users = parts_->api.unpaged_list(PipedriveApi::v1("/users"));
        if (!users) return users.status();
        const std::string currency = company_currency(*users);
        parts_->mapper.set_home_currency(currency.empty() ? std::string("EUR") : currency);
    }
    for (const auto& predicate : query.all_of) {
        if (ours->count(predicate.field_id) == 0) {
            return Status::invalid_argument("pipedrive: query: no deal field for " + predicate.field_id +
                                            " (ensure_fields first)");
        }
    }
    std::vector<DealRow> rows;
    if (query.limit == 0) return rows;
    // See deal_predicate.hpp for why the deals are matched here and not through Pipedrive's filters.
    bool full = false;
    Status walked = parts_->api.each_cursor_page(
        PipedriveApi::v2("/deals?limit=500&status=open,won,lost"), [&](std::vector<json::value>&& items) {
            for (const auto& item : items) {
                bool unconverted = false;
                auto deal = parts_->mapper.deal(item, unconverted);
                if (!deal) continue;
                DealRow row{std::move(*deal), {}};
                for (const auto& [field_id, field] : *ours) {
                    FieldValue value = field.held_value(custom_field_value(item, field.code));
                    if (!std::holds_alternative<std::monostate>(value)) row.fields[field_id] = std::move(value);
                }
                if (!matches_all(row.fields, query.all_of)) continue;
                rows.push_back(std::move(row));
                if (rows.size() >= query.limit) {
                    full = true;
                    return Status{StatusCode::cancelled, "enough rows"};
                }
            }
            return Status::ok();
        });
    if (!walked && !full) return walked;
    return rows;
}

}  // namespace sellerscore::connectors::pipedrive
