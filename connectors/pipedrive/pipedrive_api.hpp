// Pipedrive's REST API over the HttpClient: v1 and v2 paths, JSON bodies, both paging shapes, the
// daily token budget checked before every call, the non-JSON 403 Cloudflare answers after rate-limit
// abuse waited out, and Pipedrive's error bodies turned into one-line Statuses
// ("pipedrive: PATCH /api/v2/deals/12: 400 Field value must be a number").
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "connectors/http/http_client.hpp"
#include "token_budget.hpp"

namespace sellerscore::connectors::pipedrive {

struct ApiOptions {
    std::int64_t daily_token_reserve = 1000;
    // After a 403 firewall page the n-th wait is firewall_wait * 2^(n-1), capped at
    // retry.max_retry_after; gives up after retry.max_attempts such answers.
    std::chrono::milliseconds firewall_wait{2000};
    http::RetryPolicy retry;
    http::LogSink log;
    std::function<bool()> cancelled;
};

class PipedriveApi {
public:
    PipedriveApi(std::unique_ptr<http::HttpClient> client, ApiOptions options, http::Clock& clock);

    static std::string v1(std::string_view rest) { return "/api/v1" + std::string(rest); }
    static std::string v2(std::string_view rest) { return "/api/v2" + std::string(rest); }

    // Sends when the budget allows the call's cost (else the budget's rate_limited stop), waits out
    // 403 firewall pages, and records what the answer says about the budget. Any HTTP answer is a
    // response; a failure to get one is a Status prefixed "pipedrive: ".
    Result<http::HttpResponse> send(const http::HttpRequest& request);
    // The same for several requests at once (PATCHes): requests the budget does not allow are not
    // sent and come back as the budget's stop Status.
    std::vector<Result<http::HttpResponse>> send_all(const std::vector<http::HttpRequest>& requests);

    // 2xx -> the parsed body; anything else -> error_of().
    Result<boost::json::value> get(const std::string& target);
    Result<boost::json::value> send_json(http::Method method, const std::string& target, const boost::json::value& body);

    using PageHandler = std::function<Status(std::vector<boost::json::value>&&)>;

    // Every item of a cursor-paged list (all of v2, and v1 changelogs): cursor ->
    // additional_data.next_cursor, null at the end. `target` carries limit and filters; `on_page`
    // gets each page's items and may stop the walk with a non-ok Status.
    Status each_cursor_page(const std::string& target, const PageHandler& on_page);
    // Every item of an offset-paged v1 list: start -> additional_data.pagination.next_start while
    // more_items_in_collection.
    Status each_offset_page(const std::string& target, const PageHandler& on_page);
    // All items of a small list (users, stages, fields).
    Result<std::vector<boost::json::value>> cursor_list(const std::string& target);
    Result<std::vector<boost::json::value>> offset_list(const std::string& target);
    // The items of a list that has no paging (v1 users, activity types): one GET.
    Result<std::vector<boost::json::value>> unpaged_list(const std::string& target);

    static http::HttpRequest json_request(http::Method method, std::string target, const boost::json::value& body);
    // One line: the code from the HTTP status (401 auth; 402 and a JSON 403 permission; 404/410
    // not_found; 429 rate_limited; 5xx network; other 4xx data) and Pipedrive's own message.
    static Status error_of(const http::HttpRequest& request, const http::HttpResponse& response);
    // Pipedrive's "error" (and "error_info") from an error body, or the start of a non-JSON body.
    static std::string message_of(const http::HttpResponse& response);
    // "PATCH /api/v2/deals/12" (without the query).
    static std::string where(const http::HttpRequest& request);

    const TokenBudget& budget() const { return budget_; }
    http::ClientStats stats() const;

private:
    Result<http::HttpResponse> send_once(const http::HttpRequest& request, int cost);
    // Releases the call's reservation and records what its answer says and costs.
    void settle(int cost, const Result<http::HttpResponse>& response);
    Status walk(const std::string& target, bool by_cursor, const PageHandler& on_page);

    std::unique_ptr<http::HttpClient> client_;
    ApiOptions options_;
    http::Clock& clock_;
    TokenBudget budget_;
};

// A 403 that is Cloudflare's HTML page, not Pipedrive's JSON: the firewall after rate-limit abuse.
bool is_firewall_block(const http::HttpResponse& response);

}  // namespace sellerscore::connectors::pipedrive
