#include "salesforce_api.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace sellerscore::connectors::salesforce {

namespace json = boost::json;

namespace {

std::string one_line(std::string_view text, std::size_t max = 300) {
    std::string out;
    for (char c : text.substr(0, max)) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    return out;
}

// Salesforce's error body: [{"message":"...","errorCode":"..."}], or OAuth's {"error","error_description"}.
std::pair<std::string, std::string> code_and_message(const http::HttpResponse& response) {
    boost::system::error_code ec;
    const json::value body = json::parse(response.body, ec);
    if (!ec) {
        const json::object* first = nullptr;
        if (body.is_array() && !body.as_array().empty() && body.as_array()[0].is_object()) {
            first = &body.as_array()[0].as_object();
        } else if (body.is_object()) {
            first = &body.as_object();
        }
        if (first != nullptr) {
            auto text = [first](std::string_view key) {
                const auto* v = first->if_contains(key);
                return v && v->is_string() ? std::string(v->as_string()) : std::string();
            };
            std::string code = text("errorCode");
            std::string message = text("message");
            if (code.empty()) code = text("error");
            if (message.empty()) message = text("error_description");
            if (!code.empty() || !message.empty()) return {code, one_line(message)};
        }
    }
    return {"", one_line(response.body, 200)};
}

}  // namespace

SalesforceApi::SalesforceApi(std::unique_ptr<http::HttpClient> client, std::string api_version,
                             ApiAllocation& allocation)
    : client_(std::move(client)), prefix_("/services/data/" + std::move(api_version)), allocation_(allocation) {}

std::string SalesforceApi::data(std::string_view rest) const { return prefix_ + std::string(rest); }

std::string SalesforceApi::url_encode(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 15];
        }
    }
    return out;
}

Status SalesforceApi::error_of(const http::HttpRequest& request, const http::HttpResponse& response) {
    const auto [code, message] = code_and_message(response);
    const std::string line = "salesforce: " + http::method_and_path(request) + ": " + std::to_string(response.status) +
                             (code.empty() ? "" : " " + code) + (message.empty() ? "" : ": " + message);
    if (code == "REQUEST_LIMIT_EXCEEDED") {
        return Status(StatusCode::rate_limited, line + " (the org's daily API allocation is spent; the next run resumes)");
    }
    if (response.status == 401) return Status(StatusCode::auth, line + " (after one token refresh)");
    if (response.status == 403) return Status(StatusCode::permission, line);
    if (response.status == 404) return Status(StatusCode::not_found, line);
    if (response.status == 429) return Status(StatusCode::rate_limited, line);
    if (response.status >= 500) return Status(StatusCode::network, line);
    return Status::data(line);
}

Result<http::HttpResponse> SalesforceApi::send(const http::HttpRequest& request) {
    if (Status st = allocation_.may_call(); !st) return st;
    Result<http::HttpResponse> response = client_->send(request);
    if (!response) return response.status().prefixed("salesforce: ");
    if (auto header = response->header("Sforce-Limit-Info")) {
        if (auto usage = parse_limit_info(*header)) allocation_.observe(*usage);
    }
    return response;
}

Result<json::value> SalesforceApi::call(http::Method method, const std::string& target, const json::value* body) {
    http::HttpRequest request;
    request.method = method;
    request.target = target;
    if (body != nullptr) {
        request.body = json::serialize(*body);
        request.content_type = "application/json";
    }
    // A create (POST) or a composite update (PATCH) is not repeated after the server may have acted on it.
    request.idempotent = method == http::Method::get || method == http::Method::del;
    auto response = send(request);
    if (!response) return response.status();
    if (response->status < 200 || response->status > 299) return error_of(request, *response);
    if (response->body.empty()) return json::value(nullptr);
    boost::system::error_code ec;
    json::value parsed = json::parse(response->body, ec);
    if (ec) return Status::data("salesforce: " + http::method_and_path(request) + ": the answer is not JSON");
    return parsed;
}

Result<http::HttpResponse> SalesforceApi::get_raw(const std::string& target) {
    http::HttpRequest request;
    request.target = target;
    auto response = send(request);
    if (!response) return response.status();
    if (response->status < 200 || response->status > 299) return error_of(request, *response);
    return response;
}

Status SalesforceApi::put_csv(const std::string& target, std::string csv) {
    http::HttpRequest request;
    request.method = http::Method::put;
    request.target = target;
    request.body = std::move(csv);
    request.content_type = "text/csv";
    request.idempotent = false;
    auto response = send(request);
    if (!response) return response.status();
    if (response->status < 200 || response->status > 299) return error_of(request, *response);
    return Status::ok();
}

Status SalesforceApi::run_query(std::string target, const std::function<Status(const json::array&)>& page,
                                int batch_size) {
    while (!target.empty()) {
        http::HttpRequest request;
        request.target = target;
        request.headers.push_back({"Sforce-Query-Options", "batchSize=" + std::to_string(batch_size)});
        auto response = send(request);
        if (!response) return response.status();
        if (response->status != 200) return error_of(request, *response);
        boost::system::error_code ec;
        const json::value body = json::parse(response->body, ec);
        if (ec || !body.is_object()) {
            return Status::data("salesforce: " + http::method_and_path(request) + ": the answer is not a query result");
        }
        const auto& object = body.as_object();
        static const json::array none;
        const auto* records = object.if_contains("records");
        if (Status st = page(records && records->is_array() ? records->as_array() : none); !st) return st;
        const auto* done = object.if_contains("done");
        const auto* next = object.if_contains("nextRecordsUrl");
        if ((done && done->is_bool() && done->as_bool()) || next == nullptr || !next->is_string()) break;
        target = std::string(next->as_string());
    }
    return Status::ok();
}

Status SalesforceApi::query(std::string_view soql, const std::function<Status(const json::array&)>& page, bool all,
                            int batch_size) {
    return run_query(data(all ? "/queryAll?q=" : "/query?q=") + url_encode(soql), page, batch_size);
}

Result<json::array> SalesforceApi::tooling_query(std::string_view soql) {
    json::array rows;
    Status st = run_query(data("/tooling/query?q=") + url_encode(soql),
                          [&rows](const json::array& page) {
                              for (const auto& row : page) rows.push_back(row);
                              return Status::ok();
                          },
                          max_batch_size);
    if (!st) return st;
    return rows;
}

Result<std::int64_t> SalesforceApi::count(std::string_view soql) {
    auto body = get(data("/query?q=") + url_encode(soql));
    if (!body) return body.status();
    const auto* total = body->is_object() ? body->as_object().if_contains("totalSize") : nullptr;
    if (total == nullptr || !total->is_number()) return Status::data("salesforce: COUNT() answer without totalSize");
    // to_number throws on a fraction or an out-of-range value (found by tests/fuzz/salesforce_api).
    boost::system::error_code inexact;
    const std::int64_t count = total->to_number<std::int64_t>(inexact);
    if (inexact || count < 0)
        return Status::data("salesforce: COUNT() answer's totalSize " + json::serialize(*total) + " is not a count");
    return count;
}

http::ClientStats SalesforceApi::stats() const { return client_->stats(); }

}  // namespace sellerscore::connectors::salesforce
