// An HttpClient over a scripted vendor conversation (scripted_exchanges.hpp) and a fake clock, as
// the connectors' own tests build it: retries, Retry-After and backoff waits take no real time.
// require_bounded() is the check every conversation target ends with: the connector gave up in time.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "connectors/http/http_client.hpp"
#include "connectors/http/static_token_source.hpp"
#include "tests/fuzz/scripted_exchanges.hpp"
#include "tests/http/fake_clock.hpp"

namespace sellerscore::fuzz {

struct HttpConversation {
    static constexpr int max_attempts = 3;

    http::testing::FakeClock clock;
    ScriptedExchanges* script = nullptr;  // owned by the client
    // At least the number of scripted responses: one more than the "#" in the script.
    std::size_t answered = 0;

    // `rate_headers`: the vendor's rate-limit header names, as its connector sets them.
    std::unique_ptr<http::HttpClient> client(std::string_view fuzz_input, http::RateLimitHeaders rate_headers = {}) {
        auto transport = std::make_unique<ScriptedExchanges>(fuzz_input);
        script = transport.get();
        answered = static_cast<std::size_t>(std::count(fuzz_input.begin(), fuzz_input.end(), '#')) + 1;
        http::ClientOptions options;
        options.retry.max_attempts = max_attempts;
        options.jitter_seed = 1;
        options.rate_headers = std::move(rate_headers);
        return std::make_unique<http::HttpClient>(
            options, std::move(transport),
            std::make_unique<http::StaticTokenSource>("Authorization", "Bearer ", "fuzz-token"), clock);
    }

    // Each scripted response answers one exchange; after the script, each of the target's `calls`
    // meets resets, retried up to max_attempts times before it gives up. More exchanges is a loop.
    void require_bounded(std::size_t calls) const {
        if (script->exchanges() > answered + max_attempts * calls) std::abort();
    }
};

}  // namespace sellerscore::fuzz
