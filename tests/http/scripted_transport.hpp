// An HttpTransport that plays a script of responses and failures and records what it was sent and
// when (on the fake clock), so retry and pacing tests count attempts exactly.
#pragma once

#include <deque>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "connectors/http/http_transport.hpp"
#include "tests/http/fake_clock.hpp"

namespace sellerscore::connectors::http::testing {

struct ScriptStep {
    Result<HttpResponse> outcome;
    bool request_written = true;  // for failures: did the request leave before it happened
};

inline ScriptStep respond(int status, std::vector<Header> headers = {}, std::string body = {}) {
    HttpResponse response;
    response.status = status;
    response.headers = std::move(headers);
    response.body = std::move(body);
    return ScriptStep{std::move(response)};
}

inline ScriptStep fail(StatusCode code, std::string message, bool request_written) {
    return ScriptStep{Status{code, std::move(message)}, request_written};
}

class ScriptedTransport final : public HttpTransport {
public:
    ScriptedTransport(FakeClock& clock, std::vector<ScriptStep> script,
                      std::chrono::milliseconds latency = std::chrono::milliseconds(0))
        : clock_(clock), script_(script.begin(), script.end()), latency_(latency) {}

    // After the script runs out, every request gets a plain 200.
    Result<HttpResponse> exchange(const HttpRequest& request, ExchangeTrace& trace) override {
        std::lock_guard lock(mutex_);
        sent_.push_back(request);
        starts_.push_back(clock_.now());
        clock_.advance(latency_);
        if (script_.empty()) return respond(200).outcome;
        ScriptStep step = std::move(script_.front());
        script_.pop_front();
        trace.request_written = step.outcome.is_ok() || step.request_written;
        return std::move(step.outcome);
    }

    std::size_t calls() const {
        std::lock_guard lock(mutex_);
        return sent_.size();
    }
    std::vector<HttpRequest> sent() const {
        std::lock_guard lock(mutex_);
        return sent_;
    }
    std::vector<std::chrono::steady_clock::time_point> starts() const {
        std::lock_guard lock(mutex_);
        return starts_;
    }

private:
    FakeClock& clock_;
    mutable std::mutex mutex_;
    std::deque<ScriptStep> script_;
    std::chrono::milliseconds latency_;
    std::vector<HttpRequest> sent_;
    std::vector<std::chrono::steady_clock::time_point> starts_;
};

}  // namespace sellerscore::connectors::http::testing
