// The daily API allocation (Sforce-Limit-Info, /limits, REQUEST_LIMIT_EXCEEDED) and the concurrent
// long-running request limit of the fake Salesforce, at Salesforce's documented numbers.
#include <catch2/catch.hpp>

#include <condition_variable>
#include <future>
#include <mutex>

#include "fake_salesforce_test_support.hpp"

using namespace sellerscore;
using namespace sellerscore::fakes;
using namespace sellerscore::fakes::sf_testing;

TEST_CASE("every API answer carries Sforce-Limit-Info; token calls are not counted") {
    FakeSalesforce salesforce(options_with(ManualClock{}));
    const std::string token = session(salesforce);
    session(salesforce);
    const FakeResponse first = salesforce.handle(request("GET", v + "/limits", "", token));
    CHECK(header_of(first, "Sforce-Limit-Info") == "api-usage=1/100000");
    const FakeResponse error = salesforce.handle(soql(token, "SELECT Nope FROM Opportunity"));
    CHECK(error.status == 400);
    CHECK(header_of(error, "Sforce-Limit-Info") == "api-usage=2/100000");  // a refused query is still a call
    CHECK(salesforce.api_usage() == 2);
}

TEST_CASE("/limits reports DailyApiRequests Max and Remaining") {
    FakeSalesforce salesforce(options_with(ManualClock{}));
    const std::string token = session(salesforce);
    salesforce.handle(request("GET", v + "/limits", "", token));
    const auto body = json_of(salesforce.handle(request("GET", v + "/limits", "", token))).as_object();
    CHECK(body.at("DailyApiRequests").at("Max").as_int64() == 100000);
    CHECK(body.at("DailyApiRequests").at("Remaining").as_int64() == 99998);  // this call counts too
}

TEST_CASE("the 100,001st call of a 100,000 allocation is refused with 403 REQUEST_LIMIT_EXCEEDED until the 24 h window frees one") {
    ManualClock clock;
    FakeSalesforce salesforce(options_with(clock));  // daily_allocation 100,000: the base of every paid edition
    const std::string token = session(salesforce);
    const FakeRequest call = request("GET", v + "/limits", "", token);
    salesforce.handle(call);
    clock.advance(std::chrono::hours(1));
    for (int i = 1; i < 100'000; ++i) REQUIRE(salesforce.handle(call).status == 200);
    const FakeResponse refused = salesforce.handle(call);
    REQUIRE(refused.status == 403);
    CHECK(refused.body == R"([{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}])");
    CHECK(header_of(refused, "Sforce-Limit-Info") == "api-usage=100000/100000");
    CHECK(salesforce.handle(token_request(refresh_form(salesforce.options()))).status == 200);  // token calls still work
    // The rolling window: 23 h later the first call (made an hour before the others) leaves it.
    clock.advance(std::chrono::hours(23) - std::chrono::milliseconds(1));
    const FakeRequest later = request("GET", v + "/limits", "", session(salesforce));  // the first session has expired
    CHECK(salesforce.handle(later).status == 403);
    clock.advance(std::chrono::milliseconds(1));
    CHECK(salesforce.handle(later).status == 200);
    CHECK(salesforce.handle(later).status == 403);
}

TEST_CASE("25 requests running for 20 s block the 26th with REQUEST_LIMIT_EXCEEDED; shorter ones do not count") {
    ManualClock clock;
    FakeSalesforceOptions options = options_with(clock);
    // Requests told to take long wait here, in flight inside the fake, until the test lets them go.
    std::mutex mutex;
    std::condition_variable released;
    bool go = false;
    int waiting = 0;
    options.sleep_for = [&](std::chrono::milliseconds) {
        std::unique_lock lock(mutex);
        ++waiting;
        released.notify_all();
        released.wait(lock, [&] { return go; });
    };
    FakeSalesforce salesforce(options);
    const std::string token = session(salesforce);
    salesforce.inject(FakeSalesforceFault::delay_response, 25, "/query", std::chrono::seconds(60));
    std::vector<std::future<FakeResponse>> long_queries;
    for (int i = 0; i < 25; ++i)
        long_queries.push_back(std::async(std::launch::async, [&] { return salesforce.handle(soql(token, "SELECT Id FROM User")); }));
    {
        std::unique_lock lock(mutex);
        released.wait(lock, [&] { return waiting == 25; });
    }
    const FakeRequest quick = request("GET", v + "/limits", "", token);
    clock.advance(std::chrono::milliseconds(19'999));
    CHECK(salesforce.handle(quick).status == 200);  // in flight for less than 20 s: not long-running yet
    clock.advance(std::chrono::milliseconds(1));
    const FakeResponse refused = salesforce.handle(quick);
    CHECK(refused.status == 403);
    CHECK(error_code(refused) == "REQUEST_LIMIT_EXCEEDED");
    CHECK(error_message(refused) == "ConcurrentPerOrgLongTxn Limit exceeded.");
    CHECK(salesforce.peak_in_flight() == 25);
    {
        std::lock_guard lock(mutex);
        go = true;
    }
    released.notify_all();
    for (auto& query : long_queries) CHECK(query.get().status == 200);
    CHECK(salesforce.handle(quick).status == 200);
}

TEST_CASE("24 long-running requests leave room for more") {
    ManualClock clock;
    FakeSalesforceOptions options = options_with(clock);
    std::mutex mutex;
    std::condition_variable released;
    bool go = false;
    int waiting = 0;
    options.sleep_for = [&](std::chrono::milliseconds) {
        std::unique_lock lock(mutex);
        ++waiting;
        released.notify_all();
        released.wait(lock, [&] { return go; });
    };
    FakeSalesforce salesforce(options);
    const std::string token = session(salesforce);
    salesforce.inject(FakeSalesforceFault::delay_response, 24, "/query", std::chrono::seconds(60));
    std::vector<std::future<FakeResponse>> long_queries;
    for (int i = 0; i < 24; ++i)
        long_queries.push_back(std::async(std::launch::async, [&] { return salesforce.handle(soql(token, "SELECT Id FROM User")); }));
    {
        std::unique_lock lock(mutex);
        released.wait(lock, [&] { return waiting == 24; });
    }
    clock.advance(std::chrono::seconds(30));
    CHECK(salesforce.handle(request("GET", v + "/limits", "", token)).status == 200);
    {
        std::lock_guard lock(mutex);
        go = true;
    }
    released.notify_all();
    for (auto& query : long_queries) query.get();
}
