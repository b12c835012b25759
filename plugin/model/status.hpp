// Status and Result<T>: how failures travel between modules. The codes mirror crmext.h's status
// codes one to one, so the C boundary converts without a table of special cases.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace sellerscore {

enum class StatusCode {
    ok = 0,
    invalid_argument = 1,
    unsupported = 2,
    auth = 3,
    permission = 4,
    not_found = 5,
    network = 6,
    rate_limited = 7,
    timeout = 8,
    cancelled = 9,
    data = 10,
    internal = 11,
};

// A failure is one line for the user: what failed and where ("deals.ndjson:12: unknown status 'wn'").
class Status {
public:
    Status() = default;
    Status(StatusCode code, std::string message, int retry_after_ms = 0)
        : code_(code), message_(std::move(message)), retry_after_ms_(retry_after_ms) {}

    static Status ok() { return {}; }
    static Status invalid_argument(std::string m) { return {StatusCode::invalid_argument, std::move(m)}; }
    static Status unsupported(std::string m) { return {StatusCode::unsupported, std::move(m)}; }
    static Status not_found(std::string m) { return {StatusCode::not_found, std::move(m)}; }
    static Status data(std::string m) { return {StatusCode::data, std::move(m)}; }
    static Status cancelled(std::string m) { return {StatusCode::cancelled, std::move(m)}; }
    static Status internal(std::string m) { return {StatusCode::internal, std::move(m)}; }

    bool is_ok() const { return code_ == StatusCode::ok; }
    explicit operator bool() const { return is_ok(); }
    StatusCode code() const { return code_; }
    const std::string& message() const { return message_; }
    int retry_after_ms() const { return retry_after_ms_; }

    // The same failure with more context in front: "importing crm/: " + message.
    Status prefixed(const std::string& context) const { return {code_, context + message_, retry_after_ms_}; }

private:
    StatusCode code_ = StatusCode::ok;
    std::string message_;
    int retry_after_ms_ = 0;
};

// A value or the Status saying why there is none.
template <class T>
class Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Status status) : state_(std::move(status)) {}

    bool is_ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return is_ok(); }

    T& value() & { return std::get<T>(state_); }
    const T& value() const& { return std::get<T>(state_); }
    T&& value() && { return std::get<T>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    // The failure; Status::ok() when there is a value.
    Status status() const { return is_ok() ? Status::ok() : std::get<Status>(state_); }

private:
    std::variant<T, Status> state_;
};

}  // namespace sellerscore
