#include "fake_salesforce.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <vector>

#include <boost/json/object.hpp>

#include "fake_salesforce_allocation.hpp"
#include "fake_salesforce_bulk_api.hpp"
#include "fake_salesforce_composite_api.hpp"
#include "fake_salesforce_faults.hpp"
#include "fake_salesforce_oauth.hpp"
#include "fake_salesforce_org.hpp"
#include "fake_salesforce_query_api.hpp"
#include "fake_salesforce_response.hpp"
#include "fake_salesforce_seeder.hpp"
#include "fake_salesforce_setup_api.hpp"
#include "tests/fakes/authorization_credential.hpp"
#include "tests/fakes/path_segments.hpp"

namespace sellerscore::fakes {
namespace {

bool is_version(const std::string& segment) {
    return segment.size() >= 4 && segment[0] == 'v' && segment.find('.') != std::string::npos;
}

// Salesforce's documented cap on a REST request's URI plus headers (the app limits cheat sheet).
constexpr std::size_t max_uri_and_headers = 16'384;

FakeResponse front_end_refusal(int status, const char* reason) {
    FakeResponse response;
    response.status = status;
    response.content_type = "text/html;charset=iso-8859-1";
    response.body = "<h1>Bad Message " + std::to_string(status) + "</h1><pre>reason: " + reason + "</pre>";
    return response;
}

FakeResponse maintenance_page() {
    FakeResponse response;
    response.status = 503;
    response.content_type = "text/html;charset=UTF-8";
    response.body = "<html><head><title>Service Unavailable</title></head><body>The server is temporarily unable to "
                    "service your request due to maintenance downtime or capacity problems. Please try again later.</body></html>";
    return response;
}

}  // namespace

struct FakeSalesforce::Impl {
    explicit Impl(FakeSalesforceOptions options_in)
        : options(std::move(options_in)),
          org(options.epoch_ms_now, options.multi_currency, options.enhanced_email, options.feedback_management),
          oauth(options),
          allocation(options.daily_allocation),
          queries(options.batch_shortfall),
          bulk(options.bulk_polls_in_progress) {
        SfObject& users = *org.object("User");
        SfRecord& user = org.create(users, org.now_ms());
        integration_user = user.id;
        org.set(users, user, "Name", SfValue::of_text("Integration User"));
        org.set(users, user, "FirstName", SfValue::of_text("Integration"));
        org.set(users, user, "LastName", SfValue::of_text("User"));
        org.set(users, user, "Email", SfValue::of_text(options.username));
        org.set(users, user, "Username", SfValue::of_text(options.username));
        org.set(users, user, "IsActive", SfValue::of_bool(true));
        org.set(users, user, "UserType", SfValue::of_text("Standard"));
    }

    FakeResponse handle(const FakeRequest& request);
    FakeResponse dispatch(const FakeRequest& request, const std::vector<std::string>& s, const std::string& user_id);
    SfQueryContext query_context(const std::string& user_id, bool all_rows, bool tooling) const {
        return {user_id, all_rows, tooling, options.multi_currency, options.corporate_currency, options.conversion_rates,
                options.api_version};
    }
    void add_limit_info(FakeResponse& response) {
        response.headers.emplace_back("Sforce-Limit-Info", "api-usage=" + std::to_string(allocation.used(options.steady_now())) + "/" +
                                                               std::to_string(allocation.allocation()));
    }
    int long_requests_in_flight(std::chrono::steady_clock::time_point now) const {
        return static_cast<int>(std::count_if(in_flight.begin(), in_flight.end(), [&](const auto& entry) {
            return now - entry.second >= options.long_request_threshold;
        }));
    }

    mutable std::mutex mutex;
    FakeSalesforceOptions options;
    SfOrg org;
    SfOAuth oauth;
    SfAllocation allocation;
    SfQueryApi queries;
    SfBulkApi bulk;
    SfFaults faults;
    std::string integration_user;
    std::map<std::string, std::string> validation_failures;
    SfUpdateTally tally;
    std::map<std::string, std::size_t> requests_by_path;
    std::size_t total_requests = 0;
    std::map<std::uint64_t, std::chrono::steady_clock::time_point> in_flight;
    std::uint64_t in_flight_sequence = 0;
    int peak_in_flight = 0;
};

FakeResponse FakeSalesforce::Impl::handle(const FakeRequest& request) {
    std::unique_lock lock(mutex);
    ++total_requests;
    ++requests_by_path[request.path];
    const std::vector<std::string> s = path_segments(request.path);

    // The web tier refuses oversized requests before Salesforce sees them: nothing is counted.
    std::size_t header_bytes = 0;
    for (const auto& [name, value] : request.headers) header_bytes += name.size() + value.size() + 4;
    if (request.target.size() > max_uri_and_headers) return front_end_refusal(414, "URI Too Long");
    if (request.target.size() + header_bytes > max_uri_and_headers) return front_end_refusal(431, "Request Header Fields Too Large");

    const std::optional<SfFaultHit> fault = faults.take(request.target);
    if (fault) {
        switch (fault->kind) {
            case FakeSalesforceFault::http_5xx: return maintenance_page();
            case FakeSalesforceFault::close_before_response: {
                FakeResponse response;
                response.fault = WireFault::close_before_response;
                return response;
            }
            case FakeSalesforceFault::expire_session: oauth.expire_all(); break;
            default: break;
        }
    }

    if (s.size() == 3 && s[0] == "services" && s[1] == "oauth2" && s[2] == "token")
        return oauth.token(request, integration_user, options.instance_url);  // token calls do not count

    if (s.size() < 3 || s[0] != "services" || s[1] != "data" || !is_version(s[2]))
        return sf_error(404, "NOT_FOUND", "The requested resource does not exist");

    const std::optional<std::string> user = oauth.session_user(authorization_credential(request, {"Bearer ", "OAuth "}));
    if (!user) {
        FakeResponse response = sf_error(401, "INVALID_SESSION_ID", "Session expired or invalid");
        response.headers.emplace_back("WWW-Authenticate", "Token");
        return response;
    }
    const auto now = options.steady_now();
    if (fault && fault->kind == FakeSalesforceFault::request_limit_exceeded) {
        FakeResponse response = sf_error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
        add_limit_info(response);
        return response;
    }
    if (long_requests_in_flight(now) >= options.max_concurrent_long_requests) {
        FakeResponse response = sf_error(403, "REQUEST_LIMIT_EXCEEDED",
                                         "ConcurrentPerOrgLongTxn Limit exceeded.");
        add_limit_info(response);
        return response;
    }
    if (!allocation.take(now)) {
        FakeResponse response = sf_error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
        add_limit_info(response);
        return response;
    }

    FakeResponse response = dispatch(request, s, *user);
    add_limit_info(response);
    const auto accept = request.headers.find("accept-encoding");
    if (accept != request.headers.end() && accept->second.find("gzip") != std::string::npos && !response.body.empty())
        response.gzip = true;
    if (fault && fault->kind == FakeSalesforceFault::truncate_body) response.fault = WireFault::truncate_body;
    if (fault && fault->kind == FakeSalesforceFault::delay_response) {
        // The request stays in flight inside the org for `delay`: it counts toward the long-running limit.
        const std::uint64_t ticket = ++in_flight_sequence;
        in_flight[ticket] = now;
        peak_in_flight = std::max(peak_in_flight, static_cast<int>(in_flight.size()));
        lock.unlock();
        options.sleep_for(fault->delay);
        lock.lock();
        in_flight.erase(ticket);
    }
    return response;
}

FakeResponse FakeSalesforce::Impl::dispatch(const FakeRequest& request, const std::vector<std::string>& s,
                                            const std::string& user_id) {
    const std::size_t n = s.size();
    const std::string& method = request.method;
    auto wrong_method = [&] {
        return sf_error(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method + "' not allowed. Allowed are GET,HEAD");
    };
    if (n == 4 && s[3] == "limits") {
        if (method != "GET") return wrong_method();
        const std::int64_t used = allocation.used(options.steady_now());
        boost::json::object body;
        body["DailyApiRequests"] = {{"Max", allocation.allocation()}, {"Remaining", allocation.allocation() - used}};
        body["DailyBulkV2QueryJobs"] = {{"Max", 10000}, {"Remaining", 10000}};
        body["DailyBulkApiBatches"] = {{"Max", bulk_batches_per_24h},
                                       {"Remaining", bulk_batches_per_24h - bulk.batches_used(org.now_ms())}};
        return sf_json(200, body);
    }
    const bool tooling = n >= 4 && s[3] == "tooling";
    const std::size_t base = tooling ? 4 : 3;
    if (n > base && (s[base] == "query" || s[base] == "queryAll")) {
        if (method != "GET") return wrong_method();
        if (n == base + 1)
            return queries.query(org, request, query_context(user_id, s[base] == "queryAll", tooling), options.steady_now());
        if (n == base + 2) return queries.next_page(org, s[base + 1], user_id, options.steady_now());
    }
    if (tooling && n == 7 && s[4] == "sobjects" && s[5] == "CustomField") {
        if (method != "DELETE") return wrong_method();
        return delete_custom_field(org, s[6]);
    }
    if (tooling && n == 6 && s[4] == "sobjects" && s[5] == "CustomField") {
        if (method != "POST") return wrong_method();
        return create_custom_field(org, request);
    }
    if (!tooling && n == 5 && s[3] == "sobjects") {
        if (method != "POST") return wrong_method();
        return create_sobject(org, s[4], request, user_id);
    }
    if (!tooling && n == 5 && s[3] == "composite" && s[4] == "sobjects") {
        if (method != "PATCH") return wrong_method();
        SfUpdateHooks hooks{[this] { return faults.take_lock_failure(); }, &validation_failures};
        return update_records(org, request, user_id, hooks, tally);
    }
    if (!tooling && n >= 4 && s[3] == "jobs") {
        SfUpdateHooks hooks{[this] { return faults.take_lock_failure(); }, &validation_failures};
        return bulk.handle(org, request, std::vector<std::string>(s.begin() + 4, s.end()), query_context(user_id, false, false),
                           hooks, tally);
    }
    return sf_error(404, "NOT_FOUND", "The requested resource does not exist");
}

FakeSalesforce::FakeSalesforce(FakeSalesforceOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
FakeSalesforce::~FakeSalesforce() = default;

const FakeSalesforceOptions& FakeSalesforce::options() const { return impl_->options; }

void FakeSalesforce::set_instance_url(std::string url) {
    std::lock_guard lock(impl_->mutex);
    impl_->options.instance_url = std::move(url);
}

FakeResponse FakeSalesforce::handle(const FakeRequest& request) { return impl_->handle(request); }

FakeHandler FakeSalesforce::handler() {
    return [this](const FakeRequest& request) { return handle(request); };
}

model::Dataset FakeSalesforce::seed(const model::Dataset& source) {
    std::lock_guard lock(impl_->mutex);
    return seed_org(impl_->org, source, impl_->options, impl_->integration_user);
}

std::string FakeSalesforce::integration_user_id() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->integration_user;
}

void FakeSalesforce::inject(FakeSalesforceFault kind, int times, std::string path_contains, std::chrono::milliseconds delay) {
    std::lock_guard lock(impl_->mutex);
    impl_->faults.inject(kind, times, std::move(path_contains), delay);
}

void FakeSalesforce::clear_faults() {
    std::lock_guard lock(impl_->mutex);
    impl_->faults.clear();
}

void FakeSalesforce::reject_writes(const std::string& object, const std::string& id, std::string message) {
    std::lock_guard lock(impl_->mutex);
    static_cast<void>(object);  // ids are unique across the org
    impl_->validation_failures[id] = std::move(message);
}

std::optional<std::string> FakeSalesforce::value(const std::string& object, const std::string& id,
                                                 const std::string& field) const {
    std::lock_guard lock(impl_->mutex);
    const SfObject* type = impl_->org.object(object);
    const SfRecord* record = type ? type->find(id) : nullptr;
    const std::optional<std::size_t> slot = type ? type->slot_of(field) : std::nullopt;
    if (!record || !slot || record->at(*slot).is_null()) return std::nullopt;
    return record->at(*slot).to_text();
}

std::size_t FakeSalesforce::requests(const std::string& route_prefix) const {
    std::lock_guard lock(impl_->mutex);
    std::size_t total = 0;
    for (const auto& [path, count] : impl_->requests_by_path)
        if (path.compare(0, route_prefix.size(), route_prefix) == 0) total += count;
    return total;
}

std::size_t FakeSalesforce::requests() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->total_requests;
}

std::int64_t FakeSalesforce::api_usage() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->allocation.used(impl_->options.steady_now());
}

std::size_t FakeSalesforce::writes_that_changed_nothing() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->tally.unchanged;
}

std::size_t FakeSalesforce::records_written() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->tally.written;
}

std::int64_t FakeSalesforce::bulk_records_ingested() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->bulk.records_ingested(impl_->org.now_ms());
}

std::int64_t FakeSalesforce::bulk_batches_used() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->bulk.batches_used(impl_->org.now_ms());
}

void FakeSalesforce::record_other_bulk_ingest(std::int64_t records) {
    std::lock_guard lock(impl_->mutex);
    impl_->bulk.record_ingested(impl_->org.now_ms(), records);
}

std::size_t FakeSalesforce::record_count(const std::string& object, bool include_deleted) const {
    return record_ids(object, include_deleted).size();
}

std::vector<std::string> FakeSalesforce::record_ids(const std::string& object, bool include_deleted) const {
    std::lock_guard lock(impl_->mutex);
    std::vector<std::string> ids;
    const SfObject* type = impl_->org.object(object);
    if (!type) return ids;
    for (const SfRecord& record : type->records())
        if (include_deleted || !record.deleted) ids.push_back(record.id);
    return ids;
}

int FakeSalesforce::peak_in_flight() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->peak_in_flight;
}

Status FakeSalesforce::touch(const std::string& object, const std::string& id, const std::map<std::string, std::string>& fields) {
    std::lock_guard lock(impl_->mutex);
    return touch_record(impl_->org, object, id, fields);
}

Status FakeSalesforce::define_field(const std::string& object, const std::string& name, const std::string& type) {
    std::lock_guard lock(impl_->mutex);
    SfObject* owner = impl_->org.object(object);
    if (owner == nullptr) return Status::invalid_argument("fake Salesforce: no object " + object);
    if (owner->slot_of(name)) return Status::invalid_argument("fake Salesforce: " + object + "." + name + " exists");
    SfField field;
    field.name = name;
    field.custom = true;
    if (type == "date") {
        field.type = SfFieldType::date;
    } else if (type == "datetime") {
        field.type = SfFieldType::datetime;
    } else if (type == "number") {
        field.type = SfFieldType::number;
        field.precision = 18;
    } else if (type == "text") {
        field.type = SfFieldType::text;
        field.precision = 255;
    } else {
        return Status::invalid_argument("fake Salesforce: field type " + type);
    }
    owner->add_field(std::move(field));
    return Status::ok();
}

Status FakeSalesforce::remove(const std::string& object, const std::string& id) {
    std::lock_guard lock(impl_->mutex);
    SfObject* type = impl_->org.object(object);
    SfRecord* record = type ? type->find(id) : nullptr;
    if (!record || record->deleted) return Status::not_found("fake Salesforce: no " + object + " " + id);
    record->deleted = true;
    type->set(*record, *type->slot_of("IsDeleted"), SfValue::of_bool(true));
    impl_->org.touch(*type, *record);
    return Status::ok();
}

}  // namespace sellerscore::fakes
