#include "api_allocation.hpp"

#include <charconv>
#include <cmath>

namespace sellerscore::connectors::salesforce {

namespace {

std::optional<std::int64_t> integer(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return text;
}

}  // namespace

std::optional<ApiUsage> parse_limit_info(std::string_view header) {
    while (!header.empty()) {
        const std::size_t comma = header.find(',');
        const std::string_view entry = trimmed(header.substr(0, comma));
        header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
        constexpr std::string_view key = "api-usage=";
        if (entry.substr(0, key.size()) != key) continue;
        const std::string_view figures = entry.substr(key.size());
        const std::size_t slash = figures.find('/');
        if (slash == std::string_view::npos) return std::nullopt;
        const auto used = integer(figures.substr(0, slash));
        const auto max = integer(figures.substr(slash + 1));
        if (!used || !max) return std::nullopt;
        return ApiUsage{*used, *max};
    }
    return std::nullopt;
}

ApiAllocation::ApiAllocation(double reserve_share, std::int64_t reserve_calls)
    : reserve_share_(reserve_share), reserve_calls_(reserve_calls) {}

void ApiAllocation::observe(const ApiUsage& usage) {
    std::lock_guard lock(mutex_);
    usage_ = usage;
}

std::optional<ApiUsage> ApiAllocation::usage() const {
    std::lock_guard lock(mutex_);
    return usage_;
}

std::int64_t ApiAllocation::reserve_locked() const {
    if (reserve_calls_ > 0) return reserve_calls_;
    if (!usage_) return 0;
    return static_cast<std::int64_t>(std::ceil(reserve_share_ * static_cast<double>(usage_->max)));
}

std::int64_t ApiAllocation::reserve() const {
    std::lock_guard lock(mutex_);
    return reserve_locked();
}

Status ApiAllocation::may_call() const {
    std::lock_guard lock(mutex_);
    if (!usage_) return Status::ok();  // nothing known yet: the first answer tells
    const std::int64_t left_after = usage_->max - usage_->used - 1;
    if (left_after >= reserve_locked()) return Status::ok();
    return Status(StatusCode::rate_limited,
                  "salesforce: stopped before the daily API reserve: " + std::to_string(usage_->used) + " of " +
                      std::to_string(usage_->max) + " calls used, " + std::to_string(reserve_locked()) +
                      " kept for the org's other integrations; the next run resumes");
}

}  // namespace sellerscore::connectors::salesforce
