// The non-JSON 403 Cloudflare answers with after rate-limit abuse: waited out in whole burst
// windows and asked again, never parsed as Pipedrive's JSON. A scripted transport plays the
// answers (the fake's pacing-aware client never provokes the firewall by itself).
#include <catch2/catch.hpp>

#include <deque>
#include <mutex>

#include "connectors/http/http_client.hpp"
#include "connectors/http/static_token_source.hpp"
#include "connectors/pipedrive/pipedrive_api.hpp"
#include "pipedrive_fixture.hpp"

using namespace sellerscore;
using namespace sellerscore::connectors;
using namespace sellerscore::pipedrive_testing;

namespace {

const char* const firewall_page = "<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head></html>";

class ScriptedTransport final : public http::HttpTransport {
public:
    explicit ScriptedTransport(std::deque<http::HttpResponse> script) : script_(std::move(script)) {}

    Result<http::HttpResponse> exchange(const http::HttpRequest&, http::ExchangeTrace& trace) override {
        std::lock_guard lock(mutex_);
        trace.request_written = true;
        ++exchanges;
        if (script_.empty()) return Status{StatusCode::network, "script ran out"};
        http::HttpResponse next = std::move(script_.front());
        script_.pop_front();
        return next;
    }

    int exchanges = 0;

private:
    std::mutex mutex_;
    std::deque<http::HttpResponse> script_;
};

http::HttpResponse firewall() {
    http::HttpResponse r;
    r.status = 403;
    r.headers = {{"Content-Type", "text/html"}};
    r.body = firewall_page;
    return r;
}

http::HttpResponse users_page() {
    http::HttpResponse r;
    r.status = 200;
    r.headers = {{"Content-Type", "application/json"}};
    r.body = R"({"success":true,"data":[{"id":7,"name":"Ada"}],"additional_data":{"pagination":{"start":0,"limit":500,"more_items_in_collection":false}}})";
    return r;
}

struct ScriptedApi {
    SharedFakeClock clock;
    ScriptedTransport* transport = nullptr;
    std::vector<std::string> log;
    std::unique_ptr<pipedrive::PipedriveApi> api;

    explicit ScriptedApi(std::deque<http::HttpResponse> script) {
        auto owned = std::make_unique<ScriptedTransport>(std::move(script));
        transport = owned.get();
        http::ClientOptions options;
        options.retry.base_delay = std::chrono::milliseconds(10);
        auto client = std::make_unique<http::HttpClient>(
            options, std::move(owned), std::make_unique<http::StaticTokenSource>("x-api-token", "", test_token), clock);
        pipedrive::ApiOptions api_options;
        api_options.firewall_wait = std::chrono::milliseconds(2000);
        api_options.retry.max_attempts = 3;
        api_options.log = [this](http::LogLevel, const std::string& line) { log.push_back(line); };
        api = std::make_unique<pipedrive::PipedriveApi>(std::move(client), api_options, clock);
    }
};

}  // namespace

TEST_CASE("a firewall 403 is waited out in doubling burst windows then asked again") {
    ScriptedApi s({firewall(), firewall(), users_page()});
    const auto start = s.clock.now();
    const auto users = s.api->offset_list(pipedrive::PipedriveApi::v1("/users?limit=500"));
    REQUIRE(users);
    CHECK(users->size() == 1);
    CHECK(s.transport->exchanges == 3);
    // Waited 2 s, then 4 s, of fake time.
    CHECK(s.clock.now() - start >= std::chrono::milliseconds(6000));
    REQUIRE(s.log.size() >= 2);
    CHECK(s.log[0] == "pipedrive: GET /api/v1/users: 403 from Pipedrive's firewall; waiting 2000 ms before trying again");
}

TEST_CASE("a firewall that stays up ends as rate limited naming the request") {
    ScriptedApi s({firewall(), firewall(), firewall()});
    const auto users = s.api->offset_list(pipedrive::PipedriveApi::v1("/users?limit=500"));
    REQUIRE_FALSE(users);
    CHECK(users.status().code() == StatusCode::rate_limited);
    CHECK(users.status().message() ==
          "pipedrive: GET /api/v1/users: 403 from Pipedrive's firewall after 3 attempts (too many rate-limited "
          "requests); try again later");
    CHECK(s.transport->exchanges == 3);
}

TEST_CASE("a JSON 403 is Pipedrive refusing a permission not the firewall") {
    http::HttpResponse denied;
    denied.status = 403;
    denied.body = R"({"success":false,"error":"You do not have permission","errorCode":403})";
    ScriptedApi s({denied});
    const auto users = s.api->get(pipedrive::PipedriveApi::v1("/users"));
    REQUIRE_FALSE(users);
    CHECK(users.status().code() == StatusCode::permission);
    CHECK(users.status().message() == "pipedrive: GET /api/v1/users: 403 You do not have permission");
    CHECK(s.transport->exchanges == 1);
}
