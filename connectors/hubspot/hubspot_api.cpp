#include "hubspot_api.hpp"

#include <boost/json.hpp>

#include "json_access.hpp"

namespace sellerscore::connectors::hubspot {

namespace json = boost::json;

namespace {

std::string one_line(std::string_view text, std::size_t max_chars) {
    std::string out;
    for (char c : text) {
        if (out.size() >= max_chars) {
            out += "...";
            break;
        }
        out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// The scopes a 403 body lists (errors[].context.requiredGranularScopes / requiredScopes).
std::string required_scopes(const json::value& body) {
    std::string scopes;
    const json::array* errors = array_at(body, "errors");
    if (errors == nullptr) return scopes;
    for (const auto& error : *errors) {
        const json::value* context = member(error, "context");
        if (context == nullptr) continue;
        for (std::string_view key : {"requiredGranularScopes", "requiredScopes"}) {
            const json::array* listed = array_at(*context, key);
            if (listed == nullptr) continue;
            for (const auto& scope : *listed) {
                if (!scope.is_string()) continue;
                if (!scopes.empty()) scopes += ", ";
                scopes += std::string(scope.get_string());
            }
        }
    }
    return scopes;
}

}  // namespace

namespace {
// A search answered 429 this many times in a row (each after a full window without searches) gives up.
constexpr int search_max_attempts = 6;

// A 429 for the daily limit does not pass within a second.
bool daily_limit(const http::HttpResponse& response) {
    boost::system::error_code ec;
    const json::value body = json::parse(response.body, ec);
    return !ec && string_at(body, "policyName") == "DAILY";
}
}  // namespace

HubSpotApi::HubSpotApi(std::unique_ptr<http::HttpClient> client, std::string path_prefix, http::Clock& clock,
                       int search_per_second)
    : client_(std::move(client)), prefix_(std::move(path_prefix)), search_pacer_(clock, search_per_second) {
    while (!prefix_.empty() && prefix_.back() == '/') prefix_.pop_back();
}

std::string HubSpotApi::v3(std::string_view rest) const { return prefix_ + std::string(rest); }

std::string HubSpotApi::v4(std::string_view rest) const {
    std::string prefix = prefix_;
    if (prefix.size() >= 3 && prefix.compare(prefix.size() - 3, 3, "/v3") == 0) prefix.replace(prefix.size() - 2, 2, "v4");
    return prefix + std::string(rest);
}

http::HttpRequest HubSpotApi::json_request(http::Method method, std::string target, const json::object& body) {
    http::HttpRequest request;
    request.method = method;
    request.target = std::move(target);
    request.body = json::serialize(body);
    request.content_type = "application/json";
    return request;
}

std::string HubSpotApi::where(const http::HttpRequest& request) { return http::method_and_path(request); }

std::string HubSpotApi::message_of(const http::HttpResponse& response) {
    boost::system::error_code ec;
    const json::value body = json::parse(response.body, ec);
    if (!ec) {
        const std::string message = string_at(body, "message");
        if (!message.empty()) return one_line(message, 400);
    }
    return one_line(response.body, 200);
}

Status HubSpotApi::error_of(const http::HttpRequest& request, const http::HttpResponse& response) {
    std::string text = "hubspot: " + where(request) + ": " + std::to_string(response.status);
    const std::string message = message_of(response);
    if (!message.empty()) text += " " + message;
    switch (response.status) {
        case 401: return {StatusCode::auth, text};
        case 403: {
            boost::system::error_code ec;
            const json::value body = json::parse(response.body, ec);
            const std::string scopes = ec ? std::string() : required_scopes(body);
            if (!scopes.empty()) text += " (grant the app the scope " + scopes + ")";
            return {StatusCode::permission, text};
        }
        case 404: return Status::not_found(text);
        case 429: return {StatusCode::rate_limited, text};
        default: break;
    }
    if (response.status >= 500) return {StatusCode::network, text};
    if (response.status >= 400) return Status::data(text);
    return Status::internal(text + " (unexpected status)");
}

Result<json::value> HubSpotApi::parse_body(const http::HttpRequest& request, const http::HttpResponse& response) {
    if (response.body.empty()) return json::value();
    boost::system::error_code ec;
    json::value body = json::parse(response.body, ec);
    if (ec) return Status::data("hubspot: " + where(request) + ": the response is not JSON (" + ec.message() + ")");
    return body;
}

Result<http::HttpResponse> HubSpotApi::send(const http::HttpRequest& request) {
    auto response = client_->send(request);
    if (!response) return response.status().prefixed("hubspot: ");
    return response;
}

std::vector<Result<http::HttpResponse>> HubSpotApi::send_all(const std::vector<http::HttpRequest>& requests) {
    auto responses = client_->send_all(requests);
    for (auto& response : responses) {
        if (!response) response = response.status().prefixed("hubspot: ");
    }
    return responses;
}

Result<json::value> HubSpotApi::get(const std::string& target) {
    http::HttpRequest request;
    request.target = target;
    auto response = send(request);
    if (!response) return response.status();
    if (response->status / 100 != 2) return error_of(request, *response);
    return parse_body(request, *response);
}

Result<json::value> HubSpotApi::post(const std::string& target, const json::object& body) {
    const http::HttpRequest request = json_request(http::Method::post, target, body);
    auto response = send(request);
    if (!response) return response.status();
    if (response->status / 100 != 2) return error_of(request, *response);
    return parse_body(request, *response);
}

Result<json::value> HubSpotApi::search(ObjectType type, const SearchRequest& search_request) {
    http::HttpRequest request =
        json_request(http::Method::post, v3("/objects/" + std::string(path_name(type)) + "/search"), search_request.body());
    // The search pacer, not the client, decides when a search that got a 429 goes again.
    request.retry_rate_limited = false;
    for (int attempt = 1;; ++attempt) {
        search_pacer_.start();
        auto response = send(request);
        const bool rate_limited = response && response->status == 429;
        search_pacer_.finish(rate_limited);
        if (!response) return response.status();
        if (rate_limited && attempt < search_max_attempts && !daily_limit(*response)) {
            ++search_retries_;
            continue;
        }
        if (response->status / 100 != 2) return error_of(request, *response);
        return parse_body(request, *response);
    }
}

http::ClientStats HubSpotApi::stats() const {
    http::ClientStats stats = client_->stats();
    stats.retries += search_retries_.load();
    return stats;
}

}  // namespace sellerscore::connectors::hubspot
