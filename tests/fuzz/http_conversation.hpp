// An HttpClient over a scripted vendor conversation (scripted_exchanges.hpp) and a fake clock, as
// the connectors' own tests build it: retries, Retry-After and backoff waits take no real time.
#pragma once

#include <memory>
#include <string_view>

#include "connectors/http/http_client.hpp"
#include "connectors/http/static_token_source.hpp"
#include "tests/fuzz/scripted_exchanges.hpp"
#include "tests/http/fake_clock.hpp"

namespace sellerscore::fuzz {

struct HttpConversation {
    http::testing::FakeClock clock;
    ScriptedExchanges* script = nullptr;  // owned by the client

    // `rate_headers`: the vendor's rate-limit header names, as its connector sets them.
    std::unique_ptr<http::HttpClient> client(std::string_view fuzz_input, http::RateLimitHeaders rate_headers = {}) {
        auto transport = std::make_unique<ScriptedExchanges>(fuzz_input);
        script = transport.get();
        http::ClientOptions options;
        options.retry.max_attempts = 3;
        options.jitter_seed = 1;
        options.rate_headers = std::move(rate_headers);
        return std::make_unique<http::HttpClient>(
            options, std::move(transport),
            std::make_unique<http::StaticTokenSource>("Authorization", "Bearer ", "fuzz-token"), clock);
    }
};

}  // namespace sellerscore::fuzz
