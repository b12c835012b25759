// What stands between a client and any fake vendor: faults that do not depend on the vendor (an
// edge proxy's 429 with Retry-After, a 200 whose body is an HTML page, credentials revoked while a
// sync runs) and a hook on the Nth request, so a test can act at a chosen point of a sync (arm a
// vendor fault, expire tokens, kill the client). Vendor-shaped faults (their 5xx and 429 bodies,
// resets, truncation, slowness) stay in each fake's own inject(). Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tests/fakes/fake_exchange.hpp"
#include "tests/fakes/fault_queue.hpp"

namespace sellerscore::fakes {

enum class EdgeFault {
    rate_limit_429_retry_after,  // 429 with `Retry-After: <delay in whole seconds>`, plain-text body; not processed
    rate_limit_429_bare,         // 429 with no Retry-After and no rate-limit headers; not processed
    html_instead_of_json,        // 200 with an HTML page (a captive proxy or a CDN error page); not processed
};

// When a request hook runs relative to the vendor's handling of that request.
enum class HookTiming {
    before_vendor,  // the vendor never sees the request; the connection then closes without an answer
    after_vendor,   // the vendor has processed it; the answer is sent after the hook returns
};

class FaultInjector {
public:
    // The next `times` requests whose target contains `path_contains` get `kind` (delay: Retry-After).
    void inject(EdgeFault kind, int times, std::string path_contains = "",
                std::chrono::milliseconds delay = std::chrono::milliseconds{0});
    // `hook` runs once, when request number `request_number` (1-based, counted by this injector
    // since it was made) arrives. Replaces an earlier hook.
    void on_request(std::uint64_t request_number, HookTiming timing, std::function<void()> hook);
    void clear();
    // From now on every credential sent so far (Authorization or x-api-token values) is refused by the
    // vendor as unknown: the request reaches the vendor with that credential replaced.
    void revoke_credentials_seen();

    std::uint64_t request_count() const;
    // "METHOD path" of every request so far, in arrival order.
    std::vector<std::string> request_log() const;

    // `vendor` behind this injector; the injector must outlive the server that calls the result.
    FakeHandler wrap(FakeHandler vendor);

private:
    FakeResponse handle(const FakeHandler& vendor, FakeRequest request);

    mutable std::mutex mutex_;
    FaultQueue<EdgeFault> faults_;
    std::uint64_t requests_ = 0;
    std::vector<std::string> log_;
    std::uint64_t hook_at_ = 0;
    HookTiming hook_timing_ = HookTiming::after_vendor;
    std::function<void()> hook_;
    std::set<std::string> seen_credentials_;
    std::set<std::string> revoked_;
};

}  // namespace sellerscore::fakes
