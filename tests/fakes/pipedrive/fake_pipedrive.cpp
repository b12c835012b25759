#include "fake_pipedrive.hpp"

#include <algorithm>
#include <charconv>
#include <mutex>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "fake_pipedrive_faults.hpp"
#include "fake_pipedrive_oauth.hpp"
#include "fake_pipedrive_rate_limits.hpp"
#include "fake_pipedrive_record_edit.hpp"
#include "fake_pipedrive_response.hpp"
#include "fake_pipedrive_route.hpp"
#include "fake_pipedrive_seeder.hpp"
#include "fake_pipedrive_store.hpp"
#include "fake_pipedrive_v1_api.hpp"
#include "fake_pipedrive_v2_api.hpp"
#include "fake_pipedrive_write_log.hpp"
#include "tests/fakes/authorization_credential.hpp"

namespace sellerscore::fakes {

using namespace pipedrive;

namespace {

constexpr std::int64_t seconds_per_day = 86'400;

std::int64_t floor_day(std::int64_t epoch_seconds) {
    return epoch_seconds >= 0 ? epoch_seconds / seconds_per_day : -((-epoch_seconds + seconds_per_day - 1) / seconds_per_day);
}

std::string number_text(double number) {
    char text[64];
    const auto result = std::to_chars(text, text + sizeof text, number);
    return std::string(text, result.ptr);
}

// A user's text for a standard field, as the JSON value PATCH would carry.
boost::json::value standard_value(const std::string& key, const std::string& text) {
    const bool id_field = key == "owner_id" || key == "person_id" || key == "org_id" || key == "stage_id";
    if (id_field) {
        if (text.empty()) return nullptr;
        std::int64_t id = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
        if (error != std::errc{} || end != text.data() + text.size()) return boost::json::value(text);
        return id;
    }
    if (key == "value") {
        double number = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (error != std::errc{} || end != text.data() + text.size()) return boost::json::value(text);
        return number;
    }
    return boost::json::value(text);
}

}  // namespace

struct FakePipedrive::Impl {
    explicit Impl(FakePipedriveOptions opts)
        : options(std::move(opts)),
          limits(options.max_requests, options.interval, options.daily_tokens, options.abuse_threshold,
                 options.abuse_cooldown),
          oauth(options.client_id, options.client_secret, options.refresh_token, options.oauth_token_lifetime,
                options.scope) {}

    std::int64_t acting_user() const { return store.users.empty() ? 0 : store.users.front().id; }

    bool authenticated(const FakeRequest& request, RateLimits::TimePoint now) const {
        if (request.headers.contains("authorization")) return oauth.is_valid(authorization_credential(request), now);
        const auto api_token = request.headers.find("x-api-token");
        return api_token != request.headers.end() && api_token->second == options.api_token;
    }

    FakeResponse with_limit_headers(FakeResponse response, RateLimits::TimePoint now) {
        for (auto& header : limits.headers(now)) response.headers.push_back(std::move(header));
        return response;
    }

    FakeResponse handle(const FakeRequest& request);
    Status touch(const std::string& object, std::int64_t id, const std::map<std::string, std::string>& fields);

    FakePipedriveOptions options;
    mutable std::mutex mutex;
    Store store;
    WriteLog writes;
    RateLimits limits;
    OAuthServer oauth;
    pipedrive::FaultQueue faults;
    std::uint64_t requests = 0;
    std::map<std::string, std::uint64_t> request_counts;
    std::int64_t tokens_total = 0;
    std::map<std::string, std::int64_t> tokens_by_route;
    std::uint64_t rate_limited = 0;
    std::uint64_t forbidden = 0;
};

FakeResponse FakePipedrive::Impl::handle(const FakeRequest& request) {
    ++requests;
    const std::optional<Route> route = find_route(request.method, request.path);
    const std::string route_name = route ? route->name : request.method + " " + request.path;
    ++request_counts[route_name];
    const RateLimits::TimePoint now = options.steady_now();

    const std::optional<pipedrive::FaultHit> fault = faults.take(request.target);
    if (fault) {
        switch (fault->kind) {
            case FakePipedriveFault::http_5xx:
                return fault->sequence % 2 == 0 ? bad_gateway_response()
                                                : error_response(503, "Service temporarily unavailable");
            case FakePipedriveFault::close_before_response: {
                FakeResponse response;
                response.fault = WireFault::close_before_response;
                return response;
            }
            case FakePipedriveFault::rate_limit_429: {
                ++rate_limited;
                FakeResponse response = with_limit_headers(error_response(429, "Request over limit"), now);
                for (auto& header : response.headers)
                    if (header.first == "x-ratelimit-remaining") header.second = "0";
                return response;
            }
            case FakePipedriveFault::truncate_body:
            case FakePipedriveFault::delay_response: break;
        }
    }
    auto play_fault = [&](FakeResponse response) {
        if (fault && fault->kind == FakePipedriveFault::truncate_body) response.fault = WireFault::truncate_body;
        if (fault && fault->kind == FakePipedriveFault::delay_response) {
            response.fault = WireFault::delay_response;
            response.delay = fault->delay;
        }
        return response;
    };

    if (route && route->endpoint == Endpoint::oauth_token)
        return play_fault(oauth.handle_token_request(request, now, options.api_domain));

    // Cloudflare sits in front of the API: a blocked client never reaches auth or the limits.
    if (limits.is_blocked(now)) {
        ++forbidden;
        return play_fault(cloudflare_forbidden_response());
    }
    if (!authenticated(request, now)) return play_fault(with_limit_headers(error_response(401, "unauthorized access"), now));
    if (!route) return play_fault(with_limit_headers(error_response(404, "Unknown method ."), now));

    switch (limits.admit(now, floor_day(options.epoch_seconds_now()))) {
        case RateLimits::Decision::blocked:
            ++forbidden;
            return play_fault(cloudflare_forbidden_response());
        case RateLimits::Decision::burst_exceeded:
        case RateLimits::Decision::daily_exhausted:
            ++rate_limited;
            return play_fault(with_limit_headers(error_response(429, "Request over limit"), now));
        case RateLimits::Decision::admitted: break;
    }
    limits.charge(route->token_cost);
    tokens_total += route->token_cost;
    tokens_by_route[route_name] += route->token_cost;

    const bool v1 = request.path.rfind("/api/v1/", 0) == 0;
    FakeResponse response = v1 ? handle_v1(*route, request, store, acting_user())
                               : handle_v2(*route, request, store, writes, options.epoch_seconds_now(), acting_user());
    return play_fault(with_limit_headers(std::move(response), now));
}

Status FakePipedrive::Impl::touch(const std::string& object, std::int64_t id,
                                  const std::map<std::string, std::string>& fields) {
    const auto kind = object_kind_from_plural(object);
    if (!kind) return Status::invalid_argument("touch: unknown object '" + object + "'");
    boost::json::object changes;
    boost::json::object custom;
    for (const auto& [key, text] : fields) {
        if (const FakePipedriveField* field = store.catalog.find_by_code(*kind, key); field && field->is_custom_field) {
            const auto json = FieldCatalog::value_from_text(*field, text);
            if (!json) return Status::invalid_argument("touch: '" + text + "' does not fit field " + key);
            custom[key] = *json;
        } else {
            changes[key] = standard_value(key, text);
        }
    }
    if (!custom.empty()) changes["custom_fields"] = std::move(custom);
    const EditResult result = edit_record(store, *kind, id, changes, options.epoch_seconds_now(), acting_user(), nullptr);
    if (result.outcome == EditOutcome::not_found) return Status::not_found("touch: " + result.detail);
    if (result.outcome == EditOutcome::invalid) return Status::invalid_argument("touch: " + result.detail);
    return Status::ok();
}

FakePipedrive::FakePipedrive(FakePipedriveOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
FakePipedrive::~FakePipedrive() = default;

const FakePipedriveOptions& FakePipedrive::options() const { return impl_->options; }

void FakePipedrive::set_api_domain(std::string api_domain) {
    std::lock_guard lock(impl_->mutex);
    impl_->options.api_domain = std::move(api_domain);
}

FakeResponse FakePipedrive::handle(const FakeRequest& request) {
    std::lock_guard lock(impl_->mutex);
    return impl_->handle(request);
}

FakeHandler FakePipedrive::handler() {
    return [this](const FakeRequest& request) { return handle(request); };
}

model::Dataset FakePipedrive::seed(const model::Dataset& source) {
    std::lock_guard lock(impl_->mutex);
    return seed_store(impl_->store, source, impl_->options.epoch_seconds_now(), impl_->options.currency);
}

void FakePipedrive::inject(FakePipedriveFault kind, int times, std::string path_contains,
                           std::chrono::milliseconds delay) {
    std::lock_guard lock(impl_->mutex);
    impl_->faults.inject(kind, times, std::move(path_contains), delay);
}

void FakePipedrive::clear_faults() {
    std::lock_guard lock(impl_->mutex);
    impl_->faults.clear();
}

int FakePipedrive::faults_pending() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->faults.pending();
}

std::uint64_t FakePipedrive::request_count() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->requests;
}

std::uint64_t FakePipedrive::request_count(const std::string& method_and_route) const {
    std::lock_guard lock(impl_->mutex);
    const auto found = impl_->request_counts.find(method_and_route);
    return found == impl_->request_counts.end() ? 0 : found->second;
}

std::map<std::string, std::uint64_t> FakePipedrive::request_counts() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->request_counts;
}

std::int64_t FakePipedrive::tokens_spent() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->tokens_total;
}

std::int64_t FakePipedrive::tokens_spent(const std::string& method_and_route) const {
    std::lock_guard lock(impl_->mutex);
    const auto found = impl_->tokens_by_route.find(method_and_route);
    return found == impl_->tokens_by_route.end() ? 0 : found->second;
}

std::int64_t FakePipedrive::daily_tokens_remaining() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->limits.daily_remaining();
}

std::uint64_t FakePipedrive::rate_limited_count() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->rate_limited;
}

std::uint64_t FakePipedrive::forbidden_count() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->forbidden;
}

int FakePipedrive::peak_window_count() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->limits.peak_window_count();
}

std::uint64_t FakePipedrive::write_count(const std::string& object, std::int64_t id,
                                         const std::string& field_code) const {
    std::lock_guard lock(impl_->mutex);
    const auto kind = object_kind_from_plural(object);
    if (!kind) return 0;
    const auto found = impl_->writes.count_by_field.find({*kind, id, field_code});
    return found == impl_->writes.count_by_field.end() ? 0 : found->second;
}

std::uint64_t FakePipedrive::total_field_writes() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->writes.total;
}

std::uint64_t FakePipedrive::writes_that_changed_nothing() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->writes.unchanged;
}

std::uint64_t FakePipedrive::fields_written_more_than_once() const {
    std::lock_guard lock(impl_->mutex);
    std::uint64_t count = 0;
    for (const auto& [key, writes] : impl_->writes.count_by_field)
        if (writes > 1) ++count;
    return count;
}

std::optional<std::string> FakePipedrive::value(const std::string& object, std::int64_t id,
                                                const std::string& field_code) const {
    std::lock_guard lock(impl_->mutex);
    const auto kind = object_kind_from_plural(object);
    if (!kind) return std::nullopt;
    const CustomValues* values = impl_->store.custom_values(*kind, id);
    if (!values) return std::nullopt;
    const auto found = values->find(field_code);
    if (found == values->end()) return std::nullopt;
    const boost::json::value& stored = found->second;
    if (stored.is_string()) return std::string(stored.get_string());
    if (stored.is_int64()) return std::to_string(stored.get_int64());
    if (stored.is_uint64()) return std::to_string(stored.get_uint64());
    if (stored.is_double()) return number_text(stored.get_double());
    return boost::json::serialize(stored);
}

std::optional<double> FakePipedrive::number_value(const std::string& object, std::int64_t id,
                                                  const std::string& field_code) const {
    std::lock_guard lock(impl_->mutex);
    const auto kind = object_kind_from_plural(object);
    if (!kind) return std::nullopt;
    const CustomValues* values = impl_->store.custom_values(*kind, id);
    if (!values) return std::nullopt;
    const auto found = values->find(field_code);
    if (found == values->end() || !found->second.is_number()) return std::nullopt;
    return found->second.to_number<double>();
}

std::optional<FakePipedriveField> FakePipedrive::field_by_name(const std::string& object,
                                                               const std::string& field_name) const {
    std::vector<FakePipedriveField> named = fields_named(object, field_name);
    if (named.empty()) return std::nullopt;
    return named.front();
}

std::vector<FakePipedriveField> FakePipedrive::fields_named(const std::string& object,
                                                            const std::string& field_name) const {
    std::lock_guard lock(impl_->mutex);
    const auto kind = object_kind_from_plural(object);
    if (!kind) return {};
    return impl_->store.catalog.named(*kind, field_name);
}

std::optional<FakePipedriveField> FakePipedrive::field_by_code(const std::string& object,
                                                               const std::string& field_code) const {
    std::lock_guard lock(impl_->mutex);
    const auto kind = object_kind_from_plural(object);
    if (!kind) return std::nullopt;
    const FakePipedriveField* field = impl_->store.catalog.find_by_code(*kind, field_code);
    if (!field) return std::nullopt;
    return *field;
}

std::size_t FakePipedrive::object_count(const std::string& object) const {
    std::lock_guard lock(impl_->mutex);
    const Store& store = impl_->store;
    if (object == "deals") return store.deals.size();
    if (object == "persons") return store.persons.size();
    if (object == "organizations") return store.organizations.size();
    if (object == "activities") return store.activities.size();
    if (object == "notes") return store.notes.size();
    if (object == "leads") return store.leads.size();
    if (object == "users") return store.users.size();
    if (object == "pipelines") return store.pipelines.size();
    if (object == "stages") return store.stages.size();
    return 0;
}

std::optional<std::int64_t> FakePipedrive::update_time(const std::string& object, std::int64_t id) const {
    std::lock_guard lock(impl_->mutex);
    const auto kind = object_kind_from_plural(object);
    if (!kind) return std::nullopt;
    const std::int64_t* time = impl_->store.update_time(*kind, id);
    if (!time) return std::nullopt;
    return *time;
}

std::vector<FakePipedriveStageChange> FakePipedrive::stage_changes(std::int64_t deal_id) const {
    std::lock_guard lock(impl_->mutex);
    const DealRecord* deal = find_by_id(impl_->store.deals, deal_id);
    if (!deal) return {};
    std::vector<FakePipedriveStageChange> changes;
    const auto log = impl_->store.changelog.find(deal_id);
    if (log != impl_->store.changelog.end()) {
        for (const ChangelogEntry& entry : log->second) {
            if (entry.field_key != "stage_id") continue;
            if (changes.empty()) changes.push_back({deal_id, std::nullopt, entry.old_value.to_number<std::int64_t>(), deal->add_time});
            changes.push_back({deal_id, entry.old_value.to_number<std::int64_t>(), entry.new_value.to_number<std::int64_t>(),
                               entry.time});
        }
    }
    if (changes.empty()) changes.push_back({deal_id, std::nullopt, deal->stage_id, deal->add_time});
    return changes;
}

std::uint64_t FakePipedrive::refresh_count() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->oauth.refresh_count();
}

Status FakePipedrive::touch(const std::string& object, std::int64_t id,
                            const std::map<std::string, std::string>& fields) {
    std::lock_guard lock(impl_->mutex);
    return impl_->touch(object, id, fields);
}

Result<std::int64_t> FakePipedrive::create(const std::string& object,
                                           const std::map<std::string, std::string>& fields) {
    const auto kind = object_kind_from_plural(object);
    if (!kind) return Status::invalid_argument("create: unknown object '" + object + "'");
    std::lock_guard lock(impl_->mutex);
    Store& store = impl_->store;
    std::int64_t id = 0;
    {
        const std::int64_t now = impl_->options.epoch_seconds_now();
        // Born a second before `now` so that filling in `fields` (an edit) lands on `now`.
        if (*kind == ObjectKind::deal) {
            if (store.stages.empty()) return Status::invalid_argument("create: a deal needs a pipeline with a stage");
            DealRecord deal;
            deal.id = id = store.next_deal_id++;
            deal.title = "Deal " + std::to_string(id);
            deal.owner_id = impl_->acting_user();
            deal.stage_id = store.stages.front().id;
            deal.pipeline_id = store.stages.front().pipeline_id;
            deal.add_time = now;
            deal.update_time = now - 1;
            store.deals.push_back(std::move(deal));
        } else if (*kind == ObjectKind::person) {
            PersonRecord person;
            person.id = id = store.next_person_id++;
            person.name = "Person " + std::to_string(id);
            person.owner_id = impl_->acting_user();
            person.add_time = now;
            person.update_time = now - 1;
            store.persons.push_back(std::move(person));
        } else {
            OrganizationRecord organization;
            organization.id = id = store.next_organization_id++;
            organization.name = "Organization " + std::to_string(id);
            organization.owner_id = impl_->acting_user();
            organization.add_time = now;
            organization.update_time = now - 1;
            store.organizations.push_back(std::move(organization));
        }
    }
    const Status filled = impl_->touch(object, id, fields);
    if (!filled.is_ok()) {
        if (*kind == ObjectKind::deal) store.deals.pop_back();
        if (*kind == ObjectKind::person) store.persons.pop_back();
        if (*kind == ObjectKind::organization) store.organizations.pop_back();
        return Status(filled.code(), "create: " + filled.message());
    }
    if (*kind == ObjectKind::deal) {
        // Creating is not changing: the deal starts in its stage with an empty changelog.
        store.changelog.erase(id);
        DealRecord& deal = *find_by_id(store.deals, id);
        deal.stage_change_time.reset();
        if (deal.status != "open") store.record_change(id, "status", "open", boost::json::value(deal.status), deal.add_time, deal.owner_id);
    }
    return id;
}

Status FakePipedrive::delete_deal(std::int64_t id) {
    std::lock_guard lock(impl_->mutex);
    DealRecord* deal = find_by_id(impl_->store.deals, id);
    if (!deal) return Status::not_found("delete_deal: no deal " + std::to_string(id));
    deal->update_time = next_update_time(deal->update_time, impl_->options.epoch_seconds_now());
    impl_->store.record_change(id, "status", boost::json::value(deal->status), "deleted", deal->update_time,
                               impl_->acting_user());
    deal->status = "deleted";
    return Status::ok();
}

Status FakePipedrive::archive_deal(std::int64_t id) {
    std::lock_guard lock(impl_->mutex);
    DealRecord* deal = find_by_id(impl_->store.deals, id);
    if (!deal) return Status::not_found("archive_deal: no deal " + std::to_string(id));
    deal->update_time = next_update_time(deal->update_time, impl_->options.epoch_seconds_now());
    deal->is_archived = true;
    return Status::ok();
}

Result<std::int64_t> FakePipedrive::add_activity(const std::string& type_key, std::int64_t owner_id, bool done,
                                                 std::int64_t due_time, std::optional<std::int64_t> deal_id,
                                                 std::optional<std::int64_t> person_id, std::string note) {
    std::lock_guard lock(impl_->mutex);
    Store& store = impl_->store;
    if (std::none_of(store.activity_types.begin(), store.activity_types.end(),
                     [&](const ActivityTypeRecord& type) { return type.key_string == type_key; }))
        return Status::invalid_argument("add_activity: unknown activity type '" + type_key + "'");
    const std::int64_t now = impl_->options.epoch_seconds_now();
    ActivityRecord activity;
    activity.id = store.next_activity_id++;
    activity.type = type_key;
    activity.subject = type_key + " " + std::to_string(activity.id);
    activity.owner_id = owner_id;
    activity.deal_id = deal_id;
    activity.person_id = person_id;
    activity.done = done;
    activity.due = due_time;
    if (done) activity.marked_as_done_time = due_time;
    activity.add_time = now;
    activity.update_time = now;
    activity.note = std::move(note);
    store.activities.push_back(std::move(activity));
    return store.activities.back().id;
}

void FakePipedrive::set_daily_tokens_remaining(std::int64_t tokens) {
    std::lock_guard lock(impl_->mutex);
    impl_->limits.set_daily_remaining(tokens);
}

FakePipedriveField FakePipedrive::define_field(const std::string& object, FakePipedriveField field) {
    std::lock_guard lock(impl_->mutex);
    const auto kind = object_kind_from_plural(object);
    if (!kind) return field;
    return impl_->store.catalog.define(*kind, std::move(field));
}

}  // namespace sellerscore::fakes
