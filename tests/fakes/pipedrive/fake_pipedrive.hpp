// A faithful in-process Pipedrive (API v2 plus the v1 endpoints v2 still lacks, OAuth) for tests
// and the bench: pure request -> response logic behind handle(), carried over TLS by
// LoopbackServer. It enforces what the real API enforces (x-api-token or Bearer auth, v2 cursor and
// v1 start/limit paging with their maxima, strict RFC 3339 updated_since, custom fields nested
// under "custom_fields" keyed by 40-hex field codes, strict value types, token costs against a
// daily budget, a rolling burst window, the Cloudflare 403 after abuse) and answers errors in
// Pipedrive's body shape {"success":false,"error":..,"errorCode":..}. Thread-safe: the server calls
// handle() from several connection threads.
//
// Object names used by inspection and mutations are the v2 path names: "deals", "persons",
// "organizations" (fields: dealFields, personFields, organizationFields).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plugin/model/records.hpp"
#include "plugin/model/status.hpp"
#include "tests/fakes/fake_exchange.hpp"

namespace sellerscore::fakes {

struct FakePipedriveOptions {
    using SteadyNow = std::function<std::chrono::steady_clock::time_point()>;
    using EpochSecondsNow = std::function<std::int64_t()>;

    // Accepted as `x-api-token: <api_token>`.
    std::string api_token = "fake0pipedrive0api0token0000000000000001";
    // OAuth app: POST /oauth/token (grant_type=refresh_token, client credentials in HTTP Basic)
    // issues Bearer access tokens living oauth_token_lifetime and a new refresh token each time;
    // the refresh token used is then spent ("Invalid grant: refresh_token is invalid").
    std::string client_id = "fake-pipedrive-client-id";
    std::string client_secret = "fake-pipedrive-client-secret";
    std::string refresh_token = "fake-pipedrive-refresh-token-0";
    std::chrono::seconds oauth_token_lifetime{3599};
    std::string scope = "base,deals:full,contacts:full,activities:full,users:read,deal-fields:full,search:read";
    // Answered as api_domain by the token endpoint; tests set it to the LoopbackServer's base_url()
    // with set_api_domain() once the server has a port.
    std::string api_domain = "https://fake-company.pipedrive.com";

    // Burst limit: at most max_requests per rolling `interval` (Growth plan API token: 40 per 2 s).
    // One window for the whole company, API token and OAuth traffic alike.
    int max_requests = 40;
    std::chrono::milliseconds interval{2'000};
    // Daily token budget: 30,000 x plan multiplier (Growth 2) x seats (5). A request is served while
    // the remaining budget is positive; its cost is then charged (remaining never goes below 0), and
    // every later request is refused with 429 and x-daily-ratelimit-token-remaining: 0.
    std::int64_t daily_tokens = 300'000;
    // A client that sends more than abuse_threshold requests in a row that are refused with 429
    // (burst or daily) gets 403 with a Cloudflare HTML page for every request during abuse_cooldown.
    int abuse_threshold = 10;
    std::chrono::milliseconds abuse_cooldown{60'000};

    // The company's default currency: every user's default_currency, and the currency seeded deals are in.
    std::string currency = "EUR";

    // Time of the rate windows, the abuse cool-down and token expiry (inject a manual clock in tests).
    SteadyNow steady_now = [] { return std::chrono::steady_clock::now(); };
    // "Now" in epoch seconds for add_time/update_time. The fake never hands out the same
    // update_time twice: each modification gets max(now, previous + 1).
    EpochSecondsNow epoch_seconds_now = [] {
        return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    };
};

// Faults the fake can be told to produce (inject()).
enum class FakePipedriveFault {
    http_5xx,               // alternately 502 with an HTML body and 503 JSON; not processed, not charged
    close_before_response,  // the connection closes without an answer; not processed
    truncate_body,          // processed (and charged), then the body is cut short on the wire
    delay_response,         // processed (and charged), then answered after `delay`
    rate_limit_429,         // a burst 429 regardless of the window; not processed, not charged
};

struct FakePipedriveFieldOption {
    std::int64_t id = 0;
    std::string label;
};

// A field as GET /api/v2/dealFields shows it.
struct FakePipedriveField {
    std::string field_name;
    std::string field_code;  // 40 lowercase hex for custom fields; the API name ("value") for system fields
    std::string field_type;  // varchar, text, double, phone, date, daterange, time, timerange, set, enum, ...
    std::vector<FakePipedriveFieldOption> options;  // enum and set
    bool is_custom_field = true;
};

// A stage change of a deal as the v1 changelog and flow report it.
struct FakePipedriveStageChange {
    std::int64_t deal_id = 0;
    std::optional<std::int64_t> old_stage_id;  // nullopt for the stage a deal was created in
    std::int64_t new_stage_id = 0;
    std::int64_t time = 0;  // epoch seconds
};

class FakePipedrive {
public:
    explicit FakePipedrive(FakePipedriveOptions options = {});
    ~FakePipedrive();
    FakePipedrive(const FakePipedrive&) = delete;
    FakePipedrive& operator=(const FakePipedrive&) = delete;

    const FakePipedriveOptions& options() const;
    void set_api_domain(std::string api_domain);

    // ---- the API --------------------------------------------------------------------------------
    // v1: GET /api/v1/users, /api/v1/leads, /api/v1/notes, /api/v1/activityTypes (start/limit),
    //     GET /api/v1/deals/{id}/changelog (cursor/limit), GET /api/v1/deals/{id}/flow (start/limit),
    //     GET /api/v1/callLogs (start/limit <= 50; the acting user's call logs only).
    // v2: GET /api/v2/pipelines, /stages, /deals, /deals/archived, /deals/{id}, /persons,
    //     /persons/{id}, /organizations, /organizations/{id}, /activities (cursor/limit);
    //     GET|POST /api/v2/{deal,person,organization}Fields, DELETE /api/v2/{...}Fields/{field_code};
    //     PATCH /api/v2/{deals,persons,organizations}/{id}.
    // OAuth: POST /oauth/token. Costs: see fake_pipedrive_token_cost.hpp (the mapping's table).
    FakeResponse handle(const FakeRequest& request);
    // handle() bound to this fake, for LoopbackServer; the fake must outlive the server.
    FakeHandler handler();

    // ---- data -----------------------------------------------------------------------------------
    // Stores `source` the way Pipedrive would hold it (pipedrive_mapping.md in reverse) and returns
    // the dataset as a faithful reader gets it back, with Pipedrive ids (decimal text):
    // - sellers: team null; stages: open stages only (probability = whole percent / 100, 1 when
    //   absent) plus per pipeline "P:won" (name "Won", order max+1, probability 1) and "P:lost"
    //   (name "Lost", order max+2, probability 0);
    // - contacts: channel in the enum person field "Lead source" (option label), except contacts
    //   with a channel and no deal, whose channel is the source_name of a v1 lead of theirs;
    //   referred_by in the varchar person field "Referred by" (the referrer's person id as text,
    //   dropped when the referrer is not a seeded contact); companies become organizations;
    // - deals: amount null -> value 0 (Pipedrive has no null value), currency EUR; a closed deal
    //   keeps its last open stage as stage_id and reads back with stage "P:won"/"P:lost";
    // - stage history: the deal's first open stage at add_time, each later change of open stage
    //   (repeats dropped), then "P:won"/"P:lost" at closed_at;
    // - activities: all done; note-type activities become v1 notes ("note:<id>"), the rest v2
    //   activities ("activity:<id>") of type call/email/meeting/visit/proposal/task; durations
    //   rounded to whole minutes ("HH:MM"); direction outbound, outcome/opened/clicked null;
    //   objection flagged by "#objection" in the note text; spend dropped. Exceptions: an activity
    //   with outcome canceled is stored not done (no marked_as_done_time) and reads back with
    //   outcome canceled at its due time (whole minutes); a call with outcome connected, no_answer, busy or voicemail gets a call log
    //   (left_voicemail for voicemail) converting it, and reads back with that outcome when its
    //   owner is the first seller (the user the API is used as: /v1/callLogs lists only theirs).
    // Records of each type come back in ascending id order (activities first, then notes).
    // Ids count up per type from: users 11, pipelines 1, stages 1, deals 101, persons 1001,
    // organizations 501, activities 1, notes 1.
    model::Dataset seed(const model::Dataset& source);

    // ---- faults ---------------------------------------------------------------------------------
    // The next `times` requests whose target contains `path_contains` ("" = every request) get
    // `kind`; `delay` is how long delay_response waits. Each matching request consumes one.
    void inject(FakePipedriveFault kind, int times, std::string path_contains = "",
                std::chrono::milliseconds delay = std::chrono::milliseconds{0});
    void clear_faults();
    int faults_pending() const;

    // ---- inspection -----------------------------------------------------------------------------
    std::uint64_t request_count() const;
    // By "METHOD route template", e.g. "GET /api/v2/deals", "PATCH /api/v2/deals/{id}",
    // "GET /api/v1/deals/{id}/changelog", "POST /api/v2/dealFields", "POST /oauth/token".
    std::uint64_t request_count(const std::string& method_and_route) const;
    std::map<std::string, std::uint64_t> request_counts() const;
    std::int64_t tokens_spent() const;
    std::int64_t tokens_spent(const std::string& method_and_route) const;
    std::int64_t daily_tokens_remaining() const;
    std::uint64_t rate_limited_count() const;  // 429s sent (burst, daily and injected)
    std::uint64_t forbidden_count() const;     // Cloudflare 403s sent after abuse
    // The most requests ever admitted inside one burst window (proves the limit held).
    int peak_window_count() const;

    // How many PATCHes set `field_code` of (object, id), whatever the value (null included).
    std::uint64_t write_count(const std::string& object, std::int64_t id, const std::string& field_code) const;
    std::uint64_t total_field_writes() const;
    // (object, id, field_code) triples written more than once; 0 proves nothing was written twice.
    std::uint64_t fields_written_more_than_once() const;
    // Field writes that set the value the field already held (null on an unset field included).
    std::uint64_t writes_that_changed_nothing() const;

    // The stored custom value as text: a double as JSON writes it ("87.5"), an enum option id in
    // decimal ("3"), a date or varchar as the string itself; nullopt when unset or unknown.
    std::optional<std::string> value(const std::string& object, std::int64_t id, const std::string& field_code) const;
    std::optional<double> number_value(const std::string& object, std::int64_t id, const std::string& field_code) const;
    // The first field with that name (Pipedrive allows duplicate names), and all of them.
    std::optional<FakePipedriveField> field_by_name(const std::string& object, const std::string& field_name) const;
    std::vector<FakePipedriveField> fields_named(const std::string& object, const std::string& field_name) const;
    std::optional<FakePipedriveField> field_by_code(const std::string& object, const std::string& field_code) const;
    std::size_t object_count(const std::string& object) const;
    std::optional<std::int64_t> update_time(const std::string& object, std::int64_t id) const;  // epoch seconds
    std::vector<FakePipedriveStageChange> stage_changes(std::int64_t deal_id) const;
    std::uint64_t refresh_count() const;

    // ---- mutations (what a CRM user does between syncs) -----------------------------------------
    // A user edit of a deal, person or organization: standard fields by name ("title", "value",
    // "currency", "owner_id", "person_id", "org_id", "stage_id", "status" = open|won|lost, "name")
    // or custom fields by field_code (text parsed per the field type; "" clears). Bumps
    // update_time; a stage change is recorded (changelog, flow, stage_change_time); status won/lost
    // sets won_time/lost_time and close_time. not_found for an unknown object, invalid_argument
    // for an unknown field or a value of the wrong type.
    Status touch(const std::string& object, std::int64_t id, const std::map<std::string, std::string>& fields);
    // Creates a deal, person or organization with the given fields (as for touch()); returns its id.
    Result<std::int64_t> create(const std::string& object, const std::map<std::string, std::string>& fields);
    // Status "deleted" (is_deleted true): only `status=deleted` lists it from then on.
    Status delete_deal(std::int64_t id);
    // is_archived true: only /api/v2/deals/archived lists it from then on.
    Status archive_deal(std::int64_t id);
    // Adds an activity (done or not) as a user would; returns its id.
    Result<std::int64_t> add_activity(const std::string& type_key, std::int64_t owner_id, bool done,
                                      std::int64_t due_time, std::optional<std::int64_t> deal_id = std::nullopt,
                                      std::optional<std::int64_t> person_id = std::nullopt, std::string note = "");
    void set_daily_tokens_remaining(std::int64_t tokens);
    // Defines a field without the API's checks, e.g. to plant a field whose type conflicts with
    // ours; an empty field_code gets a fresh 40-hex code. Returns the field as stored (an unknown
    // object stores nothing and returns `field` unchanged).
    FakePipedriveField define_field(const std::string& object, FakePipedriveField field);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace sellerscore::fakes
