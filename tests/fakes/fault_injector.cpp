#include "fault_injector.hpp"

#include <utility>

namespace sellerscore::fakes {

namespace {

constexpr const char* credential_headers[] = {"authorization", "x-api-token"};

FakeResponse edge_answer(EdgeFault kind, std::chrono::milliseconds delay) {
    FakeResponse response;
    switch (kind) {
        case EdgeFault::rate_limit_429_retry_after:
            response.status = 429;
            response.headers.emplace_back("Retry-After", std::to_string((delay.count() + 999) / 1000));
            response.content_type = "text/plain";
            response.body = "Too Many Requests";
            break;
        case EdgeFault::rate_limit_429_bare:
            response.status = 429;
            response.content_type = "text/plain";
            response.body = "Too Many Requests";
            break;
        case EdgeFault::html_instead_of_json:
            response.status = 200;
            response.content_type = "text/html; charset=utf-8";
            response.body = "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your "
                            "browser before accessing the site.</body></html>";
            break;
    }
    return response;
}

}  // namespace

void FaultInjector::inject(EdgeFault kind, int times, std::string path_contains, std::chrono::milliseconds delay) {
    std::lock_guard lock(mutex_);
    faults_.inject(kind, times, std::move(path_contains), delay);
}

void FaultInjector::on_request(std::uint64_t request_number, HookTiming timing, std::function<void()> hook) {
    std::lock_guard lock(mutex_);
    hook_at_ = request_number;
    hook_timing_ = timing;
    hook_ = std::move(hook);
}

void FaultInjector::clear() {
    std::lock_guard lock(mutex_);
    faults_.clear();
    hook_ = nullptr;
    revoked_.clear();
}

void FaultInjector::revoke_credentials_seen() {
    std::lock_guard lock(mutex_);
    revoked_.insert(seen_credentials_.begin(), seen_credentials_.end());
}

std::uint64_t FaultInjector::request_count() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

std::vector<std::string> FaultInjector::request_log() const {
    std::lock_guard lock(mutex_);
    return log_;
}

FakeHandler FaultInjector::wrap(FakeHandler vendor) {
    return [this, vendor = std::move(vendor)](const FakeRequest& request) { return handle(vendor, request); };
}

FakeResponse FaultInjector::handle(const FakeHandler& vendor, FakeRequest request) {
    std::function<void()> hook;
    HookTiming timing = HookTiming::after_vendor;
    std::optional<FaultHit<EdgeFault>> fault;
    {
        std::lock_guard lock(mutex_);
        ++requests_;
        log_.push_back(request.method + " " + request.path);
        if (hook_ && requests_ == hook_at_) {
            hook = std::move(hook_);
            hook_ = nullptr;
            timing = hook_timing_;
        }
        for (const char* name : credential_headers) {
            const auto header = request.headers.find(name);
            if (header == request.headers.end()) continue;
            if (revoked_.count(header->second)) {
                header->second = header->first == "authorization" ? "Bearer revoked-credential" : "revoked-credential";
            } else {
                seen_credentials_.insert(header->second);
            }
        }
        fault = faults_.take(request.target);
    }
    if (hook && timing == HookTiming::before_vendor) {
        hook();
        FakeResponse dropped;
        dropped.fault = WireFault::close_before_response;
        return dropped;
    }
    FakeResponse response = fault ? edge_answer(fault->kind, fault->delay) : vendor(request);
    if (hook) hook();
    return response;
}

}  // namespace sellerscore::fakes
