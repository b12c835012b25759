#include "pipedrive_api.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "connectors/http/cancellable_wait.hpp"
#include "connectors/http/form_body.hpp"
#include "json_access.hpp"
#include "token_cost.hpp"

namespace sellerscore::connectors::pipedrive {

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

char query_separator(const std::string& target) { return target.find('?') == std::string::npos ? '?' : '&'; }

// The body's data array, or a data Status naming the request.
Result<std::vector<json::value>> data_items(const std::string& where, json::value& body) {
    json::value* data = body.is_object() ? body.get_object().if_contains("data") : nullptr;
    if (data == nullptr || data->is_null()) return std::vector<json::value>();
    if (!data->is_array()) return Status::data("pipedrive: " + where + ": \"data\" is not a list");
    std::vector<json::value> items;
    items.reserve(data->get_array().size());
    for (auto& item : data->get_array()) items.push_back(std::move(item));
    return items;
}

}  // namespace

bool is_firewall_block(const http::HttpResponse& response) {
    if (response.status != 403) return false;
    boost::system::error_code ec;
    json::parse(response.body, ec);
    return static_cast<bool>(ec);
}

PipedriveApi::PipedriveApi(std::unique_ptr<http::HttpClient> client, ApiOptions options, http::Clock& clock)
    : client_(std::move(client)), options_(std::move(options)), clock_(clock), budget_(options_.daily_token_reserve) {}

http::HttpRequest PipedriveApi::json_request(http::Method method, std::string target, const json::value& body) {
    http::HttpRequest request;
    request.method = method;
    request.target = std::move(target);
    request.body = json::serialize(body);
    request.content_type = "application/json";
    return request;
}

std::string PipedriveApi::where(const http::HttpRequest& request) { return http::method_and_path(request); }

std::string PipedriveApi::message_of(const http::HttpResponse& response) {
    boost::system::error_code ec;
    const json::value body = json::parse(response.body, ec);
    if (!ec) {
        std::string message = text_at(body, "error");
        if (message.empty()) message = text_at(body, "message");
        const std::string info = text_at(body, "error_info");
        if (!info.empty() && info != message) message += message.empty() ? info : " (" + info + ")";
        if (!message.empty()) return one_line(message, 400);
    }
    return one_line(response.body, 200);
}

Status PipedriveApi::error_of(const http::HttpRequest& request, const http::HttpResponse& response) {
    std::string text = "pipedrive: " + where(request) + ": " + std::to_string(response.status);
    if (is_firewall_block(response)) {
        return {StatusCode::rate_limited, text + " blocked by Pipedrive's firewall after too many rate-limited requests"};
    }
    const std::string message = message_of(response);
    if (!message.empty()) text += " " + message;
    switch (response.status) {
        case 401: return {StatusCode::auth, text};
        case 402:
        case 403: return {StatusCode::permission, text};
        case 404:
        case 410: return Status::not_found(text);
        case 429: return {StatusCode::rate_limited, text};
        default: break;
    }
    if (response.status >= 500) return {StatusCode::network, text};
    if (response.status >= 400) return Status::data(text);
    return Status::internal(text + " (unexpected status)");
}

void PipedriveApi::settle(int cost, const Result<http::HttpResponse>& response) {
    if (!response) {
        budget_.settle(cost, 0, nullptr);
        return;
    }
    // Rate-limited and firewalled calls were not served: their headers count, their cost does not.
    const bool served = response->status != 429 && !is_firewall_block(*response);
    budget_.settle(cost, served ? cost : 0, &*response);
}

Result<http::HttpResponse> PipedriveApi::send_once(const http::HttpRequest& request, int cost) {
    if (Status reserved = budget_.reserve(cost); !reserved) return reserved;
    auto response = client_->send(request);
    settle(cost, response);
    if (!response) {
        const Status failure = response.status();
        // The client stops by itself once a 429 said the day's tokens are gone.
        if (failure.code() == StatusCode::rate_limited && failure.message().find("daily API limit") != std::string::npos) {
            return TokenBudget::exhausted(budget_.remaining().value_or(0));
        }
        return failure.prefixed("pipedrive: ");
    }
    return response;
}

Result<http::HttpResponse> PipedriveApi::send(const http::HttpRequest& request) {
    const int cost = token_cost(request.method, request.target);
    const int max_attempts = std::max(1, options_.retry.max_attempts);
    for (int attempt = 1;; ++attempt) {
        auto response = send_once(request, cost);
        if (!response || !is_firewall_block(*response)) return response;
        if (attempt >= max_attempts) {
            return Status{StatusCode::rate_limited, "pipedrive: " + where(request) + ": 403 from Pipedrive's firewall after " +
                                                        std::to_string(attempt) +
                                                        " attempts (too many rate-limited requests); try again later"};
        }
        // Cloudflare blocks a client that kept calling while rate-limited, for longer than a burst
        // window: back off in whole windows, doubling, before asking again.
        const auto wait = std::min<std::chrono::milliseconds>(options_.retry.max_retry_after,
                                                              options_.firewall_wait * (1LL << std::min(attempt - 1, 20)));
        if (options_.log) {
            options_.log(http::LogLevel::warn, "pipedrive: " + where(request) + ": 403 from Pipedrive's firewall; waiting " +
                                                   std::to_string(wait.count()) + " ms before trying again");
        }
        if (Status waited = http::cancellable_wait_until(clock_, clock_.now() + wait, options_.cancelled); !waited) {
            return waited;
        }
    }
}

std::vector<Result<http::HttpResponse>> PipedriveApi::send_all(const std::vector<http::HttpRequest>& requests) {
    std::vector<Result<http::HttpResponse>> results(requests.size(), Result<http::HttpResponse>(Status::internal("unsent")));
    // Only as many as the budget allows go out; the rest come back as the budget's stop.
    std::vector<http::HttpRequest> batch;
    std::vector<std::size_t> batch_index;
    std::vector<int> batch_cost;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        const int cost = token_cost(requests[i].method, requests[i].target);
        if (Status reserved = budget_.reserve(cost); !reserved) {
            results[i] = reserved;
            continue;
        }
        batch.push_back(requests[i]);
        batch_index.push_back(i);
        batch_cost.push_back(cost);
    }
    auto answers = client_->send_all(batch);
    for (std::size_t k = 0; k < answers.size(); ++k) {
        settle(batch_cost[k], answers[k]);
        if (answers[k] && is_firewall_block(*answers[k])) {
            // Not served: asked again one at a time, after the back-off.
            answers[k] = send(batch[k]);
        } else if (!answers[k]) {
            answers[k] = answers[k].status().prefixed("pipedrive: ");
        }
        results[batch_index[k]] = std::move(answers[k]);
    }
    return results;
}

Result<json::value> PipedriveApi::get(const std::string& target) {
    http::HttpRequest request;
    request.target = target;
    auto response = send(request);
    if (!response) return response.status();
    if (response->status / 100 != 2) return error_of(request, *response);
    boost::system::error_code ec;
    json::value body = json::parse(response->body, ec);
    if (ec) return Status::data("pipedrive: " + where(request) + ": the response is not JSON (" + ec.message() + ")");
    return body;
}

Result<json::value> PipedriveApi::send_json(http::Method method, const std::string& target, const json::value& body) {
    const http::HttpRequest request = json_request(method, target, body);
    auto response = send(request);
    if (!response) return response.status();
    if (response->status / 100 != 2) return error_of(request, *response);
    if (response->body.empty()) return json::value();
    boost::system::error_code ec;
    json::value parsed = json::parse(response->body, ec);
    if (ec) return Status::data("pipedrive: " + where(request) + ": the response is not JSON (" + ec.message() + ")");
    return parsed;
}

Status PipedriveApi::walk(const std::string& target, bool by_cursor, const PageHandler& on_page) {
    const std::string path = target.substr(0, target.find('?'));
    std::string cursor;
    std::int64_t start = 0;
    for (;;) {
        std::string page_target = target;
        if (by_cursor) {
            if (!cursor.empty()) page_target += query_separator(target) + std::string("cursor=") + http::form_encode(cursor);
        } else {
            page_target += query_separator(target) + std::string("start=") + std::to_string(start);
        }
        auto body = get(page_target);
        if (!body) return body.status();
        auto items = data_items("GET " + path, *body);
        if (!items) return items.status();
        if (Status s = on_page(std::move(*items)); !s) return s;

        const json::value* more = member(*body, "additional_data");
        if (by_cursor) {
            std::string next = more ? text_at(*more, "next_cursor") : std::string();
            if (next.empty()) return Status::ok();
            if (next == cursor) return Status::data("pipedrive: GET " + path + ": the next cursor repeats the last one");
            cursor = std::move(next);
        } else {
            const json::value* pagination = more ? member(*more, "pagination") : nullptr;
            if (pagination == nullptr || !bool_at(*pagination, "more_items_in_collection").value_or(false)) {
                return Status::ok();
            }
            const auto next = number_at(*pagination, "next_start");
            // Range first: a next_start beyond any list would overflow the cast.
            if (!next || !(*next >= 0 && *next < 1e15) || static_cast<std::int64_t>(*next) <= start) {
                return Status::data("pipedrive: GET " + path + ": more items announced without a next_start after " +
                                    std::to_string(start));
            }
            start = static_cast<std::int64_t>(*next);
        }
    }
}

Status PipedriveApi::each_cursor_page(const std::string& target, const PageHandler& on_page) {
    return walk(target, true, on_page);
}

Status PipedriveApi::each_offset_page(const std::string& target, const PageHandler& on_page) {
    return walk(target, false, on_page);
}

Result<std::vector<json::value>> PipedriveApi::cursor_list(const std::string& target) {
    std::vector<json::value> all;
    Status walked = each_cursor_page(target, [&](std::vector<json::value>&& items) {
        for (auto& item : items) all.push_back(std::move(item));
        return Status::ok();
    });
    if (!walked) return walked;
    return all;
}

Result<std::vector<json::value>> PipedriveApi::offset_list(const std::string& target) {
    std::vector<json::value> all;
    Status walked = each_offset_page(target, [&](std::vector<json::value>&& items) {
        for (auto& item : items) all.push_back(std::move(item));
        return Status::ok();
    });
    if (!walked) return walked;
    return all;
}

Result<std::vector<json::value>> PipedriveApi::unpaged_list(const std::string& target) {
    auto body = get(target);
    if (!body) return body.status();
    return data_items("GET " + target.substr(0, target.find('?')), *body);
}

http::ClientStats PipedriveApi::stats() const { return client_->stats(); }

}  // namespace sellerscore::connectors::pipedrive
