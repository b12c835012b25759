// HubSpot's REST API over the HttpClient: paths under the configured prefix, JSON bodies, search
// pacing, and HubSpot's error bodies turned into one-line Statuses
// ("hubspot: POST /crm/v3/objects/deals/batch/update: 400 Property values were not valid").
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "connectors/http/http_client.hpp"
#include "object_type.hpp"
#include "search_pacer.hpp"
#include "search_request.hpp"

namespace sellerscore::connectors::hubspot {

class HubSpotApi {
public:
    HubSpotApi(std::unique_ptr<http::HttpClient> client, std::string path_prefix, http::Clock& clock,
               int search_per_second);

    // "/crm/v3" + rest; rest starts with '/'.
    std::string v3(std::string_view rest) const;
    // The v4 associations API lives beside v3: "/crm/v3" -> "/crm/v4".
    std::string v4(std::string_view rest) const;

    // 2xx -> the parsed body (null for an empty body); anything else -> error_of().
    Result<boost::json::value> get(const std::string& target);
    Result<boost::json::value> post(const std::string& target, const boost::json::object& body);
    // POST <type>/search, paced by the search pacer, which also times the retries of a 429.
    Result<boost::json::value> search(ObjectType type, const SearchRequest& request);

    // Raw exchanges for callers that read non-2xx answers themselves (207, 404, 409).
    Result<http::HttpResponse> send(const http::HttpRequest& request);
    std::vector<Result<http::HttpResponse>> send_all(const std::vector<http::HttpRequest>& requests);

    static http::HttpRequest json_request(http::Method method, std::string target, const boost::json::object& body);

    // The body as JSON, or a data Status naming the request.
    static Result<boost::json::value> parse_body(const http::HttpRequest& request, const http::HttpResponse& response);
    // One line: code from the HTTP status (401 auth, 403 permission naming the missing scopes when
    // HubSpot lists them, 404 not_found, 429 rate_limited, 5xx network, other 4xx data) and HubSpot's message.
    static Status error_of(const http::HttpRequest& request, const http::HttpResponse& response);
    // HubSpot's own message from an error body (or the start of a non-JSON body), on one line.
    static std::string message_of(const http::HttpResponse& response);
    // "POST /crm/v3/objects/deals/batch/update" (the path without its query).
    static std::string where(const http::HttpRequest& request);

    // The client's counters; retries include searches sent again after a 429.
    http::ClientStats stats() const;

private:
    std::unique_ptr<http::HttpClient> client_;
    std::string prefix_;
    SearchPacer search_pacer_;
    std::atomic<std::uint64_t> search_retries_{0};  // searches sent again after a 429 (the client's own retries aside)
};

}  // namespace sellerscore::connectors::hubspot
