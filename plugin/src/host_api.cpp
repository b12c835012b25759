#include "host_api.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>

namespace sellerscore::plugin {

namespace {
void append_to_string(void* sink_ctx, const char* data, size_t len) {
    static_cast<std::string*>(sink_ctx)->append(data, len);
}
}  // namespace

HostApi::HostApi(const crmext_host_services* services) {
    if (services != nullptr) {
        std::memcpy(&services_, services, std::min<std::size_t>(services->struct_size, sizeof(services_)));
    }
}

void HostApi::log(int level, std::string_view message) const {
    if (services_.log != nullptr) services_.log(services_.host_ctx, level, "sellerscore", message.data(), message.size());
}

void HostApi::progress(std::uint64_t done, std::uint64_t total, const char* label) const {
    if (services_.progress != nullptr) services_.progress(services_.host_ctx, done, total, label);
}

bool HostApi::cancelled() const {
    return services_.cancelled != nullptr && services_.cancelled(services_.host_ctx) != 0;
}

model::Timestamp HostApi::now() const {
    if (services_.now_unix_ms != nullptr) {
        return services_.now_unix_ms(services_.host_ctx);
    }
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::optional<std::string> HostApi::state_dir() const {
    if (services_.state_dir == nullptr) return std::nullopt;
    std::string path;
    if (services_.state_dir(services_.host_ctx, append_to_string, &path) != CRMEXT_OK) return std::nullopt;
    return path;
}

std::optional<std::string> HostApi::secret(const std::string& name) const {
    if (services_.secret_get == nullptr) return std::nullopt;
    std::string value;
    if (services_.secret_get(services_.host_ctx, name.c_str(), append_to_string, &value) != CRMEXT_OK) {
        return std::nullopt;
    }
    return value;
}

}  // namespace sellerscore::plugin
