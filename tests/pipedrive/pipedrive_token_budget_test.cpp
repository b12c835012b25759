// The daily token budget: our cost table (the mapping's figures) and the stop before the reserve.
#include <catch2/catch.hpp>

#include "connectors/pipedrive/token_budget.hpp"
#include "connectors/pipedrive/token_cost.hpp"

using namespace sellerscore;
using namespace sellerscore::connectors;
using namespace sellerscore::connectors::pipedrive;

namespace {

http::HttpResponse answer_with_remaining(const char* remaining) {
    http::HttpResponse response;
    response.status = 200;
    if (remaining != nullptr) response.headers.push_back({"X-Daily-Ratelimit-Token-Remaining", remaining});
    return response;
}

}  // namespace

TEST_CASE("v2 calls cost 10 per list 1 per get 5 per update and 3 per delete") {
    CHECK(token_cost(http::Method::get, "/api/v2/deals?limit=500&cursor=abc") == 10);
    CHECK(token_cost(http::Method::get, "/api/v2/deals/archived?limit=500") == 10);
    CHECK(token_cost(http::Method::get, "/api/v2/dealFields") == 10);
    CHECK(token_cost(http::Method::get, "/api/v2/persons/42") == 1);
    CHECK(token_cost(http::Method::patch, "/api/v2/deals/42") == 5);
    CHECK(token_cost(http::Method::post, "/api/v2/dealFields") == 5);
    CHECK(token_cost(http::Method::del, "/api/v2/dealFields/0123456789abcdef0123456789abcdef01234567") == 3);
    CHECK(token_cost(http::Method::get, "/api/v2/deals/search?term=x") == 20);
}

TEST_CASE("v1 calls cost 20 per list 2 per get 20 per changelog and 40 per flow") {
    CHECK(token_cost(http::Method::get, "/api/v1/users?limit=500&start=0") == 20);
    CHECK(token_cost(http::Method::get, "/api/v1/notes?limit=500") == 20);
    CHECK(token_cost(http::Method::get, "/api/v1/users/7") == 2);
    CHECK(token_cost(http::Method::get, "/api/v1/deals/7/changelog?limit=500") == 20);
    CHECK(token_cost(http::Method::get, "/api/v1/deals/7/flow") == 40);
}

TEST_CASE("a base url prefix in front of the api path does not change the cost") {
    CHECK(token_cost(http::Method::get, "/proxy/api/v2/deals") == 10);
}

TEST_CASE("the budget allows calls while nothing is known about it") {
    TokenBudget budget(1000);
    CHECK(budget.allow(10).is_ok());
    CHECK_FALSE(budget.remaining().has_value());
}

TEST_CASE("a call that would take the budget below the reserve is refused as rate limited") {
    TokenBudget budget(1000);
    const auto response = answer_with_remaining("1015");
    budget.record(10, &response);
    CHECK(budget.allow(15).is_ok());  // 1015 - 15 = 1000: exactly the reserve is still allowed
    const Status refused = budget.allow(20);
    CHECK(refused.code() == StatusCode::rate_limited);
    CHECK(refused.message() ==
          "pipedrive: daily API token budget nearly spent (1015 left); the sync resumes from here on the next run");
}

TEST_CASE("without the remaining header the budget subtracts its own cost figures") {
    TokenBudget budget(0);
    const auto first = answer_with_remaining("100");
    budget.record(10, &first);
    const auto silent = answer_with_remaining(nullptr);
    budget.record(20, &silent);
    REQUIRE(budget.remaining().has_value());
    CHECK(*budget.remaining() == 80);
    CHECK(budget.spent() == 30);
}

TEST_CASE("answers arriving out of order keep the lowest remaining figure") {
    TokenBudget budget(0);
    const auto later = answer_with_remaining("90");
    const auto earlier = answer_with_remaining("95");
    budget.record(5, &later);
    budget.record(5, &earlier);
    CHECK(*budget.remaining() == 90);
}

TEST_CASE("affordable counts the calls that fit above the reserve") {
    TokenBudget budget(100);
    const auto response = answer_with_remaining("149");
    budget.record(0, &response);
    CHECK(budget.affordable(5) == 9);  // (149 - 100) / 5 = 9.8
    CHECK(budget.affordable(50) == 0);
}

TEST_CASE("calls in flight hold their cost so that a batch cannot pass the check call by call") {
    TokenBudget budget(1000);
    const auto response = answer_with_remaining("1050");
    budget.record(0, &response);
    CHECK(budget.reserve(20).is_ok());  // 1050 - 20 = 1030
    CHECK(budget.reserve(20).is_ok());  // 1050 - 40 = 1010
    const Status third = budget.reserve(20);  // 1050 - 60 = 990: below the reserve
    CHECK(third.code() == StatusCode::rate_limited);
    CHECK(budget.reserved() == 40);
    CHECK(budget.affordable(5) == 2);  // (1050 - 40 - 1000) / 5
}

TEST_CASE("settling a reservation releases it and charges only what the answer cost") {
    TokenBudget budget(0);
    const auto first = answer_with_remaining("100");
    budget.record(0, &first);
    REQUIRE(budget.reserve(20).is_ok());
    REQUIRE(budget.reserve(20).is_ok());
    const auto served = answer_with_remaining(nullptr);
    budget.settle(20, 20, &served);
    budget.settle(20, 0, nullptr);  // no answer came: nothing known to be spent
    CHECK(budget.reserved() == 0);
    CHECK(*budget.remaining() == 80);
    CHECK(budget.spent() == 20);
}
