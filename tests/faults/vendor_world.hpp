// One vendor's fake CRM behind TLS on loopback, seeded with the matrix's small company, with the
// FaultInjector in front of it and the vendor's own fault switches behind a common vocabulary.
// Each fault and each kill point gets a fresh world, so every run starts from the same CRM.
#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "host/demo/demo_options.hpp"
#include "tests/fakes/fault_injector.hpp"
#include "tests/fakes/test_certificates.hpp"

namespace sellerscore::faults {

enum class Vendor { hubspot, pipedrive, salesforce };
enum class Auth { static_token, oauth };

// The vendor-shaped faults every fake can play (its own bodies and headers).
enum class VendorFault {
    rate_limit_429,  // the vendor's 429 (Salesforce sends none: an edge 429 without Retry-After instead)
    http_5xx,
    connection_reset,  // closed without an answer, not processed
    truncated_body,    // processed, the answer cut short
    slow_answer,       // processed, answered after the delay
};

// Every value of our custom fields in the CRM, keyed "<object>/<id>/<field>", plus
// "fields/<object>/<field>" -> how many fields of that name exist (a field created twice shows).
using FieldValues = std::map<std::string, std::string>;

class VendorWorld {
public:
    virtual ~VendorWorld() = default;

    virtual const char* name() const = 0;
    virtual std::string connector() const = 0;
    // The connector's config section (base_url, ca_file, limits, read_timeout_ms).
    virtual boost::json::object section() const = 0;
    // SELLERSCORE_* credential variables for crmhost.
    virtual std::map<std::string, std::string> credentials() const = 0;

    virtual FieldValues values() const = 0;
    virtual std::uint64_t writes_that_changed_nothing() const = 0;
    virtual std::uint64_t token_refreshes() const = 0;
    // Whether "METHOD path" writes field values (the write-back, not schema or reads).
    virtual bool is_value_write(const std::string& method_and_path) const = 0;

    virtual void inject(VendorFault fault, int times, std::chrono::milliseconds delay) = 0;
    // Every access token issued so far expires now (OAuth); the refresh token stays good.
    virtual void expire_tokens() = 0;
    // The day's API budget is gone / a new day starts.
    virtual void exhaust_daily_budget() = 0;
    virtual void restore_daily_budget() = 0;
    // Back to normal answers (faults cleared, budget restored, credentials accepted again).
    virtual void heal() = 0;

    fakes::FaultInjector injector;
};

// The matrix's company: small enough for ~200 crmhost runs in CI, big enough that every vendor
// needs several read pages and more than one write request.
demo::DemoOptions matrix_company();

// The read timeout the matrix configures, and how long a "slow" answer takes.
// Long enough that a busy CI machine does not trip it on a normal answer.
inline constexpr std::chrono::milliseconds matrix_read_timeout{2'000};

std::unique_ptr<VendorWorld> make_hubspot_world(Auth auth, const fakes::ServerCertificate& certificate,
                                                const std::string& ca_file);
std::unique_ptr<VendorWorld> make_pipedrive_world(Auth auth, const fakes::ServerCertificate& certificate,
                                                  const std::string& ca_file);
std::unique_ptr<VendorWorld> make_salesforce_world(const fakes::ServerCertificate& certificate,
                                                   const std::string& ca_file);

}  // namespace sellerscore::faults
