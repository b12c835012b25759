#include "token_budget.hpp"

#include <charconv>
#include <limits>
#include <string>

namespace sellerscore::connectors::pipedrive {

namespace {

constexpr std::string_view remaining_header = "x-daily-ratelimit-token-remaining";

std::optional<std::int64_t> header_integer(const http::HttpResponse& response, std::string_view name) {
    const auto text = response.header(name);
    if (!text) return std::nullopt;
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
    return value;
}

}  // namespace

TokenBudget::TokenBudget(std::int64_t reserve) : reserve_(reserve) {}

Status TokenBudget::exhausted(std::int64_t remaining) {
    return {StatusCode::rate_limited, "pipedrive: daily API token budget nearly spent (" + std::to_string(remaining) +
                                          " left); the sync resumes from here on the next run"};
}

Status TokenBudget::allow(int cost) const {
    std::lock_guard lock(mutex_);
    if (remaining_ && *remaining_ - reserved_ - cost < reserve_) return exhausted(*remaining_);
    return Status::ok();
}

Status TokenBudget::reserve(int cost) {
    std::lock_guard lock(mutex_);
    if (remaining_ && *remaining_ - reserved_ - cost < reserve_) return exhausted(*remaining_ - reserved_);
    reserved_ += cost;
    return Status::ok();
}

void TokenBudget::settle(int reserved_cost, int spent_cost, const http::HttpResponse* response) {
    std::lock_guard lock(mutex_);
    reserved_ -= reserved_cost;
    record_locked(spent_cost, response);
}

std::int64_t TokenBudget::reserved() const {
    std::lock_guard lock(mutex_);
    return reserved_;
}

std::size_t TokenBudget::affordable(int cost) const {
    std::lock_guard lock(mutex_);
    if (!remaining_ || cost <= 0) return std::numeric_limits<std::size_t>::max();
    const std::int64_t spendable = *remaining_ - reserved_ - reserve_;
    return spendable <= 0 ? 0 : static_cast<std::size_t>(spendable / cost);
}

void TokenBudget::record(int cost, const http::HttpResponse* response) {
    std::lock_guard lock(mutex_);
    record_locked(cost, response);
}

void TokenBudget::record_locked(int cost, const http::HttpResponse* response) {
    if (response == nullptr) return;
    spent_ += cost;
    if (const auto reported = header_integer(*response, remaining_header)) {
        // Answers to concurrent calls arrive in any order: the lowest figure is the latest. (The budget
        // resets at midnight; a connector lives for one sync, and the next one starts afresh.)
        remaining_ = remaining_ ? std::min(*remaining_, *reported) : *reported;
    } else if (remaining_) {
        *remaining_ -= cost;
    }
}

std::optional<std::int64_t> TokenBudget::remaining() const {
    std::lock_guard lock(mutex_);
    return remaining_;
}

std::int64_t TokenBudget::spent() const {
    std::lock_guard lock(mutex_);
    return spent_;
}

}  // namespace sellerscore::connectors::pipedrive
