// A faithful in-process HubSpot (CRM v3/v4, OAuth v1) for tests and the bench: pure request ->
// response logic behind handle(), carried over TLS by LoopbackServer. It enforces what the real
// API enforces (Bearer auth, limit maxima, cursor paging, the 10,000 search cap, property name and
// type rules, string values, batch sizes, 207 multi-status, rate limits with the
// X-HubSpot-RateLimit-* headers) and answers errors in HubSpot's body shape. Thread-safe: the
// server calls handle() from several connection threads.
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

struct FakeHubSpotOptions {
    using SteadyNow = std::function<std::chrono::steady_clock::time_point()>;
    using EpochMillisNow = std::function<std::int64_t()>;

    // Static private-app token accepted as `Authorization: Bearer <access_token>`.
    std::string access_token = "pat-na1-11111111-2222-3333-4444-555555555555";
    // OAuth app: POST /oauth/v1/token with these issues access tokens living oauth_token_lifetime.
    std::string client_id = "fake-client-id";
    std::string client_secret = "fake-client-secret";
    std::string refresh_token = "fake-refresh-token";
    std::chrono::seconds oauth_token_lifetime{1800};

    // Burst limit: max_requests per sliding `interval`, per static token or per OAuth app.
    int max_requests = 100;
    std::chrono::milliseconds interval{10'000};
    // Search endpoints: their own limit of search_per_second per ROLLING `search_interval` (HubSpot:
    // 4 per token per second; scale the interval with `interval` to make tests fast). Search calls
    // do not use the burst window, and their answers carry no rate-limit headers.
    int search_per_second = 4;
    std::chrono::milliseconds search_interval{1'000};
    // Static-token calls per day (the Free/Starter figure); OAuth calls have no daily limit.
    std::int64_t daily_limit = 250'000;

    // Time of the rate windows and token expiry (inject a manual clock in tests).
    SteadyNow steady_now = [] { return std::chrono::steady_clock::now(); };
    // "Now" in epoch milliseconds for createdAt/updatedAt/hs_lastmodifieddate. The fake never hands
    // out the same modification time twice: each modification gets max(now, previous + 1).
    EpochMillisNow epoch_ms_now = [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    };    // Feedback submissions need Service Hub surveys and the crm.objects.feedback_submissions.read
    // scope; false plays a portal (or token) without them: every feedback_submissions call is a 403
    // MISSING_SCOPES.
    bool feedback_submissions_readable = true;
};

// Faults the fake can be told to produce (inject()).
enum class FakeHubSpotFault {
    http_5xx,               // alternately 502 with an HTML body "<html>Bad Gateway</html>" and 503 JSON; not processed
    close_before_response,  // the connection closes without an answer; not processed
    truncate_body,          // processed, then the body is cut short on the wire
    delay_response,         // processed, then answered after `delay`
    rate_limit_429,         // a TEN_SECONDLY_ROLLING 429 regardless of the window; not processed
};

struct FakeHubSpotPropertyOption {
    std::string label;
    std::string value;
    int display_order = 0;
    bool hidden = false;
};

// A property definition as GET /crm/v3/properties/{objectType}/{name} shows it.
struct FakeHubSpotProperty {
    std::string name;
    std::string label;
    std::string type;        // string, number, enumeration, datetime, date, bool, ...
    std::string field_type;  // text, textarea, number, select, radio, checkbox, booleancheckbox, date, ...
    std::string group_name;
    std::string description;
    std::optional<std::string> number_display_hint;
    std::vector<FakeHubSpotPropertyOption> options;
    bool hubspot_defined = false;  // built-in: cannot be created again or deleted
    bool calculated = false;       // derived by HubSpot (hs_v2_date_entered_*): read-only
};

class FakeHubSpot {
public:
    explicit FakeHubSpot(FakeHubSpotOptions options = {});
    ~FakeHubSpot();
    FakeHubSpot(const FakeHubSpot&) = delete;
    FakeHubSpot& operator=(const FakeHubSpot&) = delete;

    const FakeHubSpotOptions& options() const;

    // ---- the API --------------------------------------------------------------------------------
    FakeResponse handle(const FakeRequest& request);
    // handle() bound to this fake, for LoopbackServer; the fake must outlive the server.
    FakeHandler handler();

    // ---- data -----------------------------------------------------------------------------------
    // Stores `source` the way HubSpot would hold it (hubspot_mapping.md in reverse) and returns the
    // dataset as a faithful reader gets it back, with HubSpot ids: one entry per stage in the stage
    // history, call outcomes only from the four dispositions, meetings/notes/tasks outbound,
    // proposals as quotes (hs_status APPROVED), no spend, activity ids "<objectType>:<id>".
    model::Dataset seed(const model::Dataset& source);

    // ---- faults ---------------------------------------------------------------------------------
    // The next `times` requests whose target contains `path_contains` ("" = every request) get
    // `kind`; `delay` is how long delay_response waits. Each matching request consumes one.
    void inject(FakeHubSpotFault kind, int times, std::string path_contains = "",
                std::chrono::milliseconds delay = std::chrono::milliseconds{0});
    void clear_faults();
    int faults_pending() const;

    // ---- inspection -----------------------------------------------------------------------------
    std::uint64_t request_count() const;
    // By "METHOD route template", e.g. "POST /crm/v3/objects/deals/batch/update",
    // "GET /crm/v3/objects/contacts", "GET /crm/v3/properties/deals/{propertyName}".
    std::uint64_t request_count(const std::string& method_and_route) const;
    std::map<std::string, std::uint64_t> request_counts() const;
    std::uint64_t rate_limited_count() const;  // 429s sent (window, search, daily and injected)
    // The most requests ever counted inside one burst window (proves the limit held).
    int peak_window_count() const;

    // How many times batch/update wrote `property` of (object_type, id), whatever the value.
    std::uint64_t write_count(const std::string& object_type, const std::string& id,
                              const std::string& property) const;
    // How many batch/update inputs named (object_type, id) and were applied.
    std::uint64_t update_input_count(const std::string& object_type, const std::string& id) const;
    std::uint64_t total_property_writes() const;
    // (type, id, property) triples written more than once; 0 proves nothing was written twice.
    std::uint64_t properties_written_more_than_once() const;
    // Property writes that stored the value the property already held ("" and unset are the same).
    std::uint64_t writes_that_changed_nothing() const;

    // The stored value; nullopt when the object or the value does not exist ("" is cleared = nullopt).
    std::optional<std::string> value(const std::string& object_type, const std::string& id,
                                     const std::string& property) const;
    std::optional<FakeHubSpotProperty> property(const std::string& object_type, const std::string& name) const;
    std::size_t object_count(const std::string& object_type, bool archived = false) const;
    std::vector<std::string> object_ids(const std::string& object_type, bool archived = false) const;
    std::uint64_t refresh_count() const;

    // ---- mutations (what a CRM user does between syncs) -----------------------------------------
    // A user edit: sets the properties ("" clears) and bumps hs_lastmodifieddate/lastmodifieddate.
    // Setting dealstage on a deal records the stage entry. not_found for an unknown object.
    Status touch(const std::string& object_type, const std::string& id,
                 const std::map<std::string, std::string>& properties);
    // Creates an object as a user would; returns its id.
    Result<std::string> create(const std::string& object_type,
                               const std::map<std::string, std::string>& properties);
    // Associates two objects both ways (e.g. "deals", "12", "contacts", "34").
    Status associate(const std::string& from_type, const std::string& from_id, const std::string& to_type,
                     const std::string& to_id);
    Status archive(const std::string& object_type, const std::string& id);
    // The static token's calls left today (the daily limit stays); 0 refuses every later
    // static-token call with a DAILY 429 until this is raised again (a new day).
    void set_daily_calls_remaining(std::int64_t calls);
    // Defines (or redefines) a property without the API's checks, e.g. to plant a property whose
    // type conflicts with ours. Creates its group if missing.
    void define_property(const std::string& object_type, const FakeHubSpotProperty& definition);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace sellerscore::fakes
