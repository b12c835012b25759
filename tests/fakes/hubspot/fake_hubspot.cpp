#include "fake_hubspot.hpp"

#include <algorithm>
#include <map>
#include <mutex>

#include <boost/json/object.hpp>

#include "fake_hubspot_faults.hpp"
#include "fake_hubspot_oauth.hpp"
#include "fake_hubspot_objects_api.hpp"
#include "fake_hubspot_properties_api.hpp"
#include "fake_hubspot_rate_window.hpp"
#include "fake_hubspot_reference_api.hpp"
#include "fake_hubspot_response.hpp"
#include "fake_hubspot_route.hpp"
#include "fake_hubspot_seeder.hpp"
#include "fake_hubspot_store.hpp"
#include "tests/fakes/authorization_credential.hpp"

namespace sellerscore::fakes {
namespace {

// Gateways in front of HubSpot refuse longer request lines (dlt-hub #311, PostHog #31617).
constexpr std::size_t max_target_length = 8'000;

enum class AuthKind { static_token, oauth };

FakeResponse html_response(int status, std::string body) {
    FakeResponse response;
    response.status = status;
    response.body = std::move(body);
    response.content_type = "text/html; charset=utf-8";
    return response;
}

}  // namespace

struct FakeHubSpot::Impl {
    explicit Impl(FakeHubSpotOptions options_in)
        : options(std::move(options_in)),
          store(options.epoch_ms_now),
          oauth(options.client_id, options.client_secret, options.refresh_token, options.oauth_token_lifetime) {}

    FakeResponse handle(const FakeRequest& request);
    FakeResponse serve(const FakeRequest& request, const FakeHubSpotRoute& route, const std::string& correlation);
    FakeResponse dispatch(const FakeRequest& request, const FakeHubSpotRoute& route, const std::string& correlation);
    FakeHubSpotRateWindow& window(std::map<std::string, FakeHubSpotRateWindow>& windows, const std::string& bucket,
                                  int max_requests, std::chrono::milliseconds length) {
        return windows.try_emplace(bucket, max_requests, length).first->second;
    }
    FakeResponse rate_limited(const char* policy, const char* message, const std::string& correlation) {
        ++rate_limited_count;
        return error_response(429, "", message, correlation,
                              boost::json::object{{"errorType", "RATE_LIMIT"}, {"policyName", policy}});
    }
    void add_rate_headers(FakeResponse& response, AuthKind auth, int remaining) {
        response.headers.emplace_back("X-HubSpot-RateLimit-Max", std::to_string(options.max_requests));
        response.headers.emplace_back("X-HubSpot-RateLimit-Remaining", std::to_string(remaining));
        response.headers.emplace_back("X-HubSpot-RateLimit-Interval-Milliseconds", std::to_string(options.interval.count()));
        if (auth == AuthKind::static_token) {
            response.headers.emplace_back("X-HubSpot-RateLimit-Daily", std::to_string(options.daily_limit));
            response.headers.emplace_back("X-HubSpot-RateLimit-Daily-Remaining",
                                          std::to_string(std::max<std::int64_t>(0, options.daily_limit - daily_used)));
        }
    }

    mutable std::mutex mutex;
    FakeHubSpotOptions options;
    FakeHubSpotStore store;
    FakeHubSpotOAuth oauth;
    FakeHubSpotFaults faults;
    std::map<std::string, FakeHubSpotRateWindow> burst_windows;   // per static token / OAuth app
    std::map<std::string, FakeHubSpotRateWindow> search_windows;  // per token
    std::int64_t daily_used = 0;
    std::uint64_t total_requests = 0;
    std::map<std::string, std::uint64_t> requests_by_route;
    std::uint64_t rate_limited_count = 0;
    std::uint64_t correlation_sequence = 0;
};

FakeResponse FakeHubSpot::Impl::handle(const FakeRequest& request) {
    ++total_requests;
    const FakeHubSpotRoute route = match_route(request);
    ++requests_by_route[route.template_name];
    const std::string correlation = correlation_id(++correlation_sequence);

    if (request.target.size() > max_target_length)
        return html_response(414, "<html><head><title>414 Request-URI Too Large</title></head><body><h1>414 "
                                  "Request-URI Too Large</h1></body></html>");

    const std::optional<FakeHubSpotFaultHit> fault = faults.take(request.target);
    if (fault) {
        switch (fault->kind) {
            case FakeHubSpotFault::http_5xx:
                if (fault->sequence % 2 == 0) return html_response(502, "<html>Bad Gateway</html>");
                return error_response(503, "", "Service Unavailable. Please try again later.", correlation);
            case FakeHubSpotFault::close_before_response: {
                FakeResponse response;
                response.fault = WireFault::close_before_response;
                return response;
            }
            case FakeHubSpotFault::rate_limit_429:
                return rate_limited("TEN_SECONDLY_ROLLING", "You have reached your ten_secondly_rolling limit.", correlation);
            case FakeHubSpotFault::truncate_body:
            case FakeHubSpotFault::delay_response: break;
        }
    }

    FakeResponse response = serve(request, route, correlation);
    if (fault && fault->kind == FakeHubSpotFault::truncate_body) response.fault = WireFault::truncate_body;
    if (fault && fault->kind == FakeHubSpotFault::delay_response) {
        response.fault = WireFault::delay_response;
        response.delay = fault->delay;
    }
    const auto accept = request.headers.find("accept-encoding");
    if (accept != request.headers.end() && accept->second.find("gzip") != std::string::npos && !response.body.empty())
        response.gzip = true;
    return response;
}

FakeResponse FakeHubSpot::Impl::serve(const FakeRequest& request, const FakeHubSpotRoute& route,
                                      const std::string& correlation) {
    const auto now = options.steady_now();
    if (route.endpoint == FakeHubSpotEndpoint::oauth_token) return oauth.handle_token_request(request, now, correlation);

    const std::string token = authorization_credential(request);
    AuthKind auth = AuthKind::static_token;
    std::string bucket;
    if (!token.empty() && token == options.access_token) {
        bucket = "static:" + token;
    } else {
        switch (token.empty() ? FakeHubSpotOAuth::TokenState::unknown : oauth.check(token, now)) {
            case FakeHubSpotOAuth::TokenState::valid:
                auth = AuthKind::oauth;
                bucket = "app:" + options.client_id;
                break;
            case FakeHubSpotOAuth::TokenState::expired:
                return error_response(401, "EXPIRED_AUTHENTICATION",
                                      "The OAuth token used to make this call expired " +
                                          std::to_string(oauth.seconds_expired(token, now)) + " second(s) ago.",
                                      correlation);
            case FakeHubSpotOAuth::TokenState::unknown:
                return error_response(401, "INVALID_AUTHENTICATION",
                                      "Authentication credentials not found. This API supports OAuth 2.0 authentication "
                                      "and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
                                      correlation);
        }
    }

    if (auth == AuthKind::static_token && daily_used >= options.daily_limit) {
        FakeResponse response = rate_limited("DAILY", "You have reached your daily limit.", correlation);
        add_rate_headers(response, auth, window(burst_windows, bucket, options.max_requests, options.interval).remaining(now));
        return response;
    }
    const bool search = route.endpoint == FakeHubSpotEndpoint::search_objects;
    if (search) {
        // Search calls have their own per-second limit and carry no rate-limit headers.
        if (!window(search_windows, token, options.search_per_second, options.search_interval).try_admit(now))
            return rate_limited("SECONDLY", "You have reached your secondly limit.", correlation);
        if (auth == AuthKind::static_token) ++daily_used;
        return dispatch(request, route, correlation);
    }
    FakeHubSpotRateWindow& burst = window(burst_windows, bucket, options.max_requests, options.interval);
    if (!burst.try_admit(now)) {
        FakeResponse response = rate_limited("TEN_SECONDLY_ROLLING", "You have reached your ten_secondly_rolling limit.", correlation);
        add_rate_headers(response, auth, 0);
        return response;
    }
    if (auth == AuthKind::static_token) ++daily_used;
    FakeResponse response = dispatch(request, route, correlation);
    add_rate_headers(response, auth, burst.remaining(now));
    return response;
}

FakeResponse FakeHubSpot::Impl::dispatch(const FakeRequest& request, const FakeHubSpotRoute& route,
                                         const std::string& correlation) {
    if (!route.path_known)
        return error_response(404, "OBJECT_NOT_FOUND", request.method + " " + request.path + " is not a HubSpot API endpoint",
                              correlation);
    if (route.endpoint == FakeHubSpotEndpoint::unknown)
        return error_response(405, "VALIDATION_ERROR", "Method " + request.method + " is not allowed on " + request.path,
                              correlation);
    if (!route.type_known)
        return error_response(400, "VALIDATION_ERROR", "Unable to infer object type from: " + request.path, correlation);
    if (route.type == HubSpotObjectType::feedback_submissions) {
        if (!options.feedback_submissions_readable) {
            return error_response(403, "MISSING_SCOPES",
                                  "This app hasn't been granted all required scopes to make this call. Read more about "
                                  "required scopes here: https://developers.hubspot.com/scopes.",
                                  correlation);
        }
        // The feedback submissions API is read-only: HubSpot's surveys write them, nobody else.
        if (route.endpoint == FakeHubSpotEndpoint::batch_update_objects ||
            route.endpoint == FakeHubSpotEndpoint::create_property) {
            return error_response(405, "VALIDATION_ERROR",
                                  "Method " + request.method + " is not allowed on " + request.path, correlation);
        }
    }
    switch (route.endpoint) {
        case FakeHubSpotEndpoint::list_objects: return list_objects(store, *route.type, request, correlation);
        case FakeHubSpotEndpoint::read_object: return read_object(store, *route.type, route.name, request, correlation);
        case FakeHubSpotEndpoint::batch_read_objects: return batch_read_objects(store, *route.type, request, correlation);
        case FakeHubSpotEndpoint::search_objects: return search_objects(store, *route.type, request, correlation);
        case FakeHubSpotEndpoint::batch_update_objects: return batch_update_objects(store, *route.type, request, correlation);
        case FakeHubSpotEndpoint::list_properties: return list_properties(store, *route.type);
        case FakeHubSpotEndpoint::create_property: return create_property(store, *route.type, request, correlation);
        case FakeHubSpotEndpoint::read_property: return read_property(store, *route.type, route.name, correlation);
        case FakeHubSpotEndpoint::delete_property: return delete_property(store, *route.type, route.name, correlation);
        case FakeHubSpotEndpoint::list_property_groups: return list_property_groups(store, *route.type);
        case FakeHubSpotEndpoint::create_property_group: return create_property_group(store, *route.type, request, correlation);
        case FakeHubSpotEndpoint::list_owners: return list_owners(store, request, correlation);
        case FakeHubSpotEndpoint::list_deal_pipelines: return list_deal_pipelines(store);
        case FakeHubSpotEndpoint::batch_read_associations:
            return batch_read_associations(store, *route.type, *route.to_type, request, correlation);
        case FakeHubSpotEndpoint::oauth_token:
        case FakeHubSpotEndpoint::unknown: break;
    }
    return error_response(404, "OBJECT_NOT_FOUND", "Resource not found", correlation);
}

// ---- facade ---------------------------------------------------------------------------------------

FakeHubSpot::FakeHubSpot(FakeHubSpotOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
FakeHubSpot::~FakeHubSpot() = default;

const FakeHubSpotOptions& FakeHubSpot::options() const { return impl_->options; }

FakeResponse FakeHubSpot::handle(const FakeRequest& request) {
    std::lock_guard lock(impl_->mutex);
    return impl_->handle(request);
}

FakeHandler FakeHubSpot::handler() {
    return [this](const FakeRequest& request) { return handle(request); };
}

model::Dataset FakeHubSpot::seed(const model::Dataset& source) {
    std::lock_guard lock(impl_->mutex);
    return seed_fake_hubspot(impl_->store, source);
}

void FakeHubSpot::inject(FakeHubSpotFault kind, int times, std::string path_contains, std::chrono::milliseconds delay) {
    std::lock_guard lock(impl_->mutex);
    impl_->faults.inject(kind, times, std::move(path_contains), delay);
}

void FakeHubSpot::clear_faults() {
    std::lock_guard lock(impl_->mutex);
    impl_->faults.clear();
}

int FakeHubSpot::faults_pending() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->faults.pending();
}

std::uint64_t FakeHubSpot::request_count() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->total_requests;
}

std::uint64_t FakeHubSpot::request_count(const std::string& method_and_route) const {
    std::lock_guard lock(impl_->mutex);
    const auto found = impl_->requests_by_route.find(method_and_route);
    return found == impl_->requests_by_route.end() ? 0 : found->second;
}

std::map<std::string, std::uint64_t> FakeHubSpot::request_counts() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->requests_by_route;
}

std::uint64_t FakeHubSpot::rate_limited_count() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->rate_limited_count;
}

int FakeHubSpot::peak_window_count() const {
    std::lock_guard lock(impl_->mutex);
    int peak = 0;
    for (const auto& [bucket, window] : impl_->burst_windows) peak = std::max(peak, window.peak());
    return peak;
}

std::uint64_t FakeHubSpot::write_count(const std::string& object_type, const std::string& id,
                                       const std::string& property) const {
    std::lock_guard lock(impl_->mutex);
    const std::optional<HubSpotObjectType> type = parse_object_type(object_type);
    const std::optional<std::uint64_t> number = parse_object_id(id);
    return type && number ? impl_->store.property_write_count(*type, *number, property) : 0;
}

std::uint64_t FakeHubSpot::update_input_count(const std::string& object_type, const std::string& id) const {
    std::lock_guard lock(impl_->mutex);
    const std::optional<HubSpotObjectType> type = parse_object_type(object_type);
    const std::optional<std::uint64_t> number = parse_object_id(id);
    return type && number ? impl_->store.update_input_count(*type, *number) : 0;
}

std::uint64_t FakeHubSpot::total_property_writes() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->store.total_property_writes();
}

std::uint64_t FakeHubSpot::properties_written_more_than_once() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->store.properties_written_more_than_once();
}

std::uint64_t FakeHubSpot::writes_that_changed_nothing() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->store.unchanged_property_writes();
}

void FakeHubSpot::set_daily_calls_remaining(std::int64_t calls) {
    std::lock_guard lock(impl_->mutex);
    impl_->daily_used = std::max<std::int64_t>(0, impl_->options.daily_limit - calls);
}

std::optional<std::string> FakeHubSpot::value(const std::string& object_type, const std::string& id,
                                              const std::string& property) const {
    std::lock_guard lock(impl_->mutex);
    const std::optional<HubSpotObjectType> type = parse_object_type(object_type);
    if (!type) return std::nullopt;
    const FakeHubSpotObject* object = impl_->store.find(*type, std::string_view(id));
    const std::optional<FakeHubSpotPropertyCatalog::Slot> slot = impl_->store.catalog(*type).slot_of(property);
    if (!object || !slot) return std::nullopt;
    std::optional<std::string> shown = impl_->store.shown_value(*type, *object, *slot);
    if (shown && shown->empty()) return std::nullopt;
    return shown;
}

std::optional<FakeHubSpotProperty> FakeHubSpot::property(const std::string& object_type, const std::string& name) const {
    std::lock_guard lock(impl_->mutex);
    const std::optional<HubSpotObjectType> type = parse_object_type(object_type);
    if (!type) return std::nullopt;
    const std::optional<FakeHubSpotPropertyCatalog::Slot> slot = impl_->store.catalog(*type).slot_of(name);
    if (!slot) return std::nullopt;
    return impl_->store.catalog(*type).definition(*slot);
}

std::size_t FakeHubSpot::object_count(const std::string& object_type, bool archived) const {
    std::lock_guard lock(impl_->mutex);
    const std::optional<HubSpotObjectType> type = parse_object_type(object_type);
    if (!type) return 0;
    const std::vector<FakeHubSpotObject>& objects = impl_->store.objects(*type);
    return static_cast<std::size_t>(std::count_if(objects.begin(), objects.end(), [&](const FakeHubSpotObject& object) {
        return object.archived_ms.has_value() == archived;
    }));
}

std::vector<std::string> FakeHubSpot::object_ids(const std::string& object_type, bool archived) const {
    std::lock_guard lock(impl_->mutex);
    std::vector<std::string> ids;
    const std::optional<HubSpotObjectType> type = parse_object_type(object_type);
    if (!type) return ids;
    for (const FakeHubSpotObject& object : impl_->store.objects(*type))
        if (object.archived_ms.has_value() == archived) ids.push_back(std::to_string(object.id));
    return ids;
}

std::uint64_t FakeHubSpot::refresh_count() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->oauth.refresh_count();
}

namespace {

// Checks every value first so a refused edit changes nothing.
Status apply_user_edit(FakeHubSpotStore& store, HubSpotObjectType type, FakeHubSpotObject& object,
                       const std::map<std::string, std::string>& properties) {
    std::vector<std::pair<FakeHubSpotPropertyCatalog::Slot, std::string>> checked;
    for (const auto& [name, wire] : properties) {
        const std::optional<FakeHubSpotPropertyCatalog::Slot> slot = store.catalog(type).slot_of(name);
        if (!slot)
            return Status::invalid_argument("fake HubSpot: " + std::string(plural_name(type)) + " has no property \"" + name + "\"");
        FakeHubSpotWriteCheck check = store.check_write(type, *slot, wire);
        if (!check.accepted) return Status::invalid_argument("fake HubSpot: " + check.message);
        checked.emplace_back(*slot, std::move(check.stored));
    }
    store.mark_modified(object);
    for (auto& [slot, stored] : checked) store.put(type, object, slot, std::move(stored), object.updated_ms);
    return Status::ok();
}

}  // namespace

Status FakeHubSpot::touch(const std::string& object_type, const std::string& id,
                          const std::map<std::string, std::string>& properties) {
    std::lock_guard lock(impl_->mutex);
    const std::optional<HubSpotObjectType> type = parse_object_type(object_type);
    if (!type) return Status::invalid_argument("fake HubSpot: unknown object type \"" + object_type + "\"");
    FakeHubSpotObject* object = impl_->store.find(*type, std::string_view(id));
    if (!object || object->archived_ms) return Status::not_found("fake HubSpot: no " + object_type + " with id " + id);
    return apply_user_edit(impl_->store, *type, *object, properties);
}

Result<std::string> FakeHubSpot::create(const std::string& object_type,
                                        const std::map<std::string, std::string>& properties) {
    std::lock_guard lock(impl_->mutex);
    const std::optional<HubSpotObjectType> type = parse_object_type(object_type);
    if (!type) return Status::invalid_argument("fake HubSpot: unknown object type \"" + object_type + "\"");
    FakeHubSpotStore& store = impl_->store;
    // Validate first so a refused create leaves no object behind.
    for (const auto& [name, wire] : properties) {
        const std::optional<FakeHubSpotPropertyCatalog::Slot> slot = store.catalog(*type).slot_of(name);
        if (!slot) return Status::invalid_argument("fake HubSpot: " + object_type + " has no property \"" + name + "\"");
        const FakeHubSpotWriteCheck check = store.check_write(*type, *slot, wire);
        if (!check.accepted) return Status::invalid_argument("fake HubSpot: " + check.message);
    }
    FakeHubSpotObject& object = store.create(*type, store.now_ms());
    const Status applied = apply_user_edit(store, *type, object, properties);
    if (!applied) return applied;
    return std::to_string(object.id);
}

Status FakeHubSpot::associate(const std::string& from_type, const std::string& from_id, const std::string& to_type,
                              const std::string& to_id) {
    std::lock_guard lock(impl_->mutex);
    const std::optional<HubSpotObjectType> from = parse_object_type(from_type);
    const std::optional<HubSpotObjectType> to = parse_object_type(to_type);
    if (!from || !to) return Status::invalid_argument("fake HubSpot: unknown object type in association");
    FakeHubSpotObject* source = impl_->store.find(*from, std::string_view(from_id));
    FakeHubSpotObject* target = impl_->store.find(*to, std::string_view(to_id));
    if (!source || !target)
        return Status::not_found("fake HubSpot: cannot associate " + from_type + " " + from_id + " with " + to_type + " " + to_id);
    impl_->store.associate(*from, *source, *to, *target);
    return Status::ok();
}

Status FakeHubSpot::archive(const std::string& object_type, const std::string& id) {
    std::lock_guard lock(impl_->mutex);
    const std::optional<HubSpotObjectType> type = parse_object_type(object_type);
    if (!type) return Status::invalid_argument("fake HubSpot: unknown object type \"" + object_type + "\"");
    FakeHubSpotObject* object = impl_->store.find(*type, std::string_view(id));
    if (!object || object->archived_ms) return Status::not_found("fake HubSpot: no " + object_type + " with id " + id);
    impl_->store.mark_modified(*object);
    object->archived_ms = object->updated_ms;
    return Status::ok();
}

void FakeHubSpot::define_property(const std::string& object_type, const FakeHubSpotProperty& definition) {
    std::lock_guard lock(impl_->mutex);
    const std::optional<HubSpotObjectType> type = parse_object_type(object_type);
    if (!type) return;
    FakeHubSpotPropertyCatalog& catalog = impl_->store.catalog(*type);
    if (!catalog.has_group(definition.group_name)) catalog.add_group({definition.group_name, definition.group_name, -1});
    catalog.define(definition);
}

}  // namespace sellerscore::fakes
