// A faithful in-process Salesforce (REST API, Tooling API, sObject Collections, OAuth 2.0) for
// tests and the bench: pure request -> response logic behind handle(), carried over TLS by
// LoopbackServer, with Bulk API 2.0 query and ingest jobs. It enforces what the real org enforces: Bearer sessions that expire
// (INVALID_SESSION_ID), the daily API allocation (Sforce-Limit-Info, /limits,
// REQUEST_LIMIT_EXCEEDED), the concurrent long-running request limit, a SOQL subset with
// Salesforce's MALFORMED_QUERY / INVALID_FIELD / INVALID_TYPE bodies, batchSize paging with
// nextRecordsUrl, field-level security on custom fields, the 200-record cap of composite/sobjects
// with per-record SaveResults. Thread-safe: the server calls handle() from several connection
// threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "plugin/model/records.hpp"
#include "plugin/model/status.hpp"
#include "tests/fakes/fake_exchange.hpp"

namespace sellerscore::fakes {

struct FakeSalesforceOptions {
    using SteadyNow = std::function<std::chrono::steady_clock::time_point()>;
    using EpochMillisNow = std::function<std::int64_t()>;
    // How a request that is told to take long (delay_response) spends its time inside the fake.
    using SleepFor = std::function<void(std::chrono::milliseconds)>;

    // The connected app and the integration user. Refresh-token flow: client_id + client_secret +
    // refresh_token. JWT bearer flow: an RS256 assertion with iss = client_id, sub = username,
    // aud = login_url, verified with jwt_public_key_pem (the flow is refused while that is empty).
    std::string client_id = "3MVG9fake.consumer.key";
    std::string client_secret = "fake-consumer-secret";
    std::string refresh_token = "5Aep861fake.refresh.token";
    std::string username = "integration@example.com";
    std::string jwt_public_key_pem;  // PEM public key or X.509 certificate
    std::string login_url = "https://login.salesforce.com";
    // The reply's instance_url; set_instance_url() changes it once the server's port is known.
    std::string instance_url = "https://localhost";
    // A connected app may rotate refresh tokens; Salesforce's default keeps the same one.
    bool rotate_refresh_token = false;

    // Absolute session lifetime (Salesforce's session timeout; the token reply carries no expires_in).
    std::chrono::seconds session_lifetime{7200};
    // API requests per rolling 24 h (token calls do not count).
    std::int64_t daily_allocation = 100'000;
    bool multi_currency = false;
    // Units of each currency per unit of the corporate currency (multi-currency orgs; convertCurrency()
    // divides by it). Powers of two by default so that converting back is exact.
    std::string corporate_currency = "USD";
    std::map<std::string, double> conversion_rates = {{"USD", 1.0}, {"EUR", 0.5}, {"GBP", 0.25}};
    bool enhanced_email = true;
    // Salesforce Feedback Management (a licence): the survey objects (Survey, SurveyVersion,
    // SurveyQuestion, SurveyInvitation, SurveyResponse, SurveyQuestionResponse, SurveySubject) exist
    // and seed() stores every survey response there; without it a query of them is INVALID_TYPE.
    bool feedback_management = false;
    // seed() also stores survey responses and deliveries in custom fields an admin made on Opportunity
    // and Contact (fake_salesforce_seeder.hpp, "experience fields").
    bool experience_fields = false;
    std::string api_version = "v62.0";
    // Requests running for at least long_request_threshold count toward this limit (production: 25 over 20 s).
    int max_concurrent_long_requests = 25;
    std::chrono::seconds long_request_threshold{20};
    // Salesforce may answer a query page with fewer rows than batchSize asks for; the fake returns
    // batchSize - batch_shortfall rows per page (0 = exactly the batch size).
    int batch_shortfall = 0;
    // Bulk API 2.0: how many job status reads see InProgress before JobComplete.
    int bulk_polls_in_progress = 1;

    SteadyNow steady_now = [] { return std::chrono::steady_clock::now(); };
    // "Now" for CreatedDate/SystemModstamp. The fake never hands out the same SystemModstamp twice:
    // each modification gets max(now, previous + 1).
    EpochMillisNow epoch_ms_now = [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    };
    SleepFor sleep_for = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
};

// Faults the fake can be told to produce (inject()).
enum class FakeSalesforceFault {
    http_5xx,                // 503 with Salesforce's HTML maintenance page; not processed, not counted
    close_before_response,   // the connection closes without an answer; not processed
    truncate_body,           // processed, then the body is cut short on the wire
    delay_response,          // processed while the request stays in flight inside the fake for `delay`
    expire_session,          // every session ends now: this request gets 401 INVALID_SESSION_ID
    request_limit_exceeded,  // 403 REQUEST_LIMIT_EXCEEDED (TotalRequests) regardless of the allocation
    unable_to_lock_row,      // the next `times` records written through composite/sobjects fail with UNABLE_TO_LOCK_ROW
};

class FakeSalesforce {
public:
    explicit FakeSalesforce(FakeSalesforceOptions options = {});
    ~FakeSalesforce();
    FakeSalesforce(const FakeSalesforce&) = delete;
    FakeSalesforce& operator=(const FakeSalesforce&) = delete;

    const FakeSalesforceOptions& options() const;
    void set_instance_url(std::string url);

    // ---- the API --------------------------------------------------------------------------------
    FakeResponse handle(const FakeRequest& request);
    // handle() bound to this fake, for LoopbackServer; the fake must outlive the server.
    FakeHandler handler();

    // ---- data -----------------------------------------------------------------------------------
    // Stores `source` the way a Salesforce org holds it and returns the dataset as a faithful reader
    // gets it back (Salesforce ids, lead-created contacts, no email clicks); see fake_salesforce_seeder.hpp.
    model::Dataset seed(const model::Dataset& source);
    // The integration user (the `username` option): the User every session acts as.
    std::string integration_user_id() const;

    // ---- faults ---------------------------------------------------------------------------------
    // The next `times` requests whose target contains `path_contains` ("" = every request) get
    // `kind` (unable_to_lock_row: the next `times` composite records instead).
    void inject(FakeSalesforceFault kind, int times, std::string path_contains = "",
                std::chrono::milliseconds delay = std::chrono::milliseconds{0});
    void clear_faults();
    // Every later write to this record fails with FIELD_CUSTOM_VALIDATION_EXCEPTION (a validation rule).
    void reject_writes(const std::string& object, const std::string& id, std::string message);

    // ---- inspection -----------------------------------------------------------------------------
    // The stored value as Salesforce's JSON would show it (numbers as JSON numbers' text, times as
    // "2026-03-01T12:00:00.000+0000"); nullopt for null, an unknown record or an unknown field.
    std::optional<std::string> value(const std::string& object, const std::string& id, const std::string& field) const;
    // Requests whose path starts with `route_prefix` ("/services/data/v62.0/query", "/services/oauth2/token").
    std::size_t requests(const std::string& route_prefix) const;
    std::size_t requests() const;
    // API calls counted against the allocation in the current 24 h window.
    std::int64_t api_usage() const;
    // Composite record writes whose every field already held the value written.
    std::size_t writes_that_changed_nothing() const;
    // Composite record writes applied (success: true).
    std::size_t records_written() const;
    std::size_t record_count(const std::string& object, bool include_deleted = false) const;
    std::vector<std::string> record_ids(const std::string& object, bool include_deleted = false) const;
    // The most requests that were in flight at once (a client's concurrency bound shows here).
    int peak_in_flight() const;
    // Records ingested through Bulk API 2.0 in the rolling 24 h (limit 150,000,000) and the Bulk API
    // batches those jobs used (one per 10,000 records of a job; 15,000 a day).
    std::int64_t bulk_records_ingested() const;
    std::int64_t bulk_batches_used() const;

    // ---- mutations (what a Salesforce user does between syncs) ----------------------------------
    // Sets fields from text ("" = null) and bumps SystemModstamp; StageName on an Opportunity adds an
    // OpportunityHistory row. Custom fields are settable whatever their field-level security.
    Status touch(const std::string& object, const std::string& id, const std::map<std::string, std::string>& fields);
    // Another integration's Bulk API 2.0 ingest of `records` now: it counts toward the org's daily limit.
    void record_other_bulk_ingest(std::int64_t records);
    // A custom field an admin made in Setup (readable by everyone): type "date", "datetime", "number"
    // or "text"; invalid_argument for another type, an unknown object or a name taken.
    Status define_field(const std::string& object, const std::string& name, const std::string& type);
    // Moves a record to the recycle bin: gone from /query, IsDeleted = true in /queryAll.
    Status remove(const std::string& object, const std::string& id);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace sellerscore::fakes
