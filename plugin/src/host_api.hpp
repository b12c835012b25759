// The host services of crmext.h seen from C++: every slot may be absent (NULL, or beyond the
// struct_size the host compiled), and each wrapper falls back to something harmless.
#pragma once

#include <crmext/crmext.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "plugin/model/records.hpp"

namespace sellerscore::plugin {

class HostApi {
public:
    // Copies min(struct_size, sizeof) bytes of `services` into a zeroed table.
    explicit HostApi(const crmext_host_services* services);

    void log(int level, std::string_view message) const;
    void info(std::string_view message) const { log(CRMEXT_LOG_INFO, message); }
    void debug(std::string_view message) const { log(CRMEXT_LOG_DEBUG, message); }
    void warn(std::string_view message) const { log(CRMEXT_LOG_WARN, message); }

    void progress(std::uint64_t done, std::uint64_t total, const char* label) const;
    bool cancelled() const;
    model::Timestamp now() const;  // the host's clock, in milliseconds; the system clock without one

    std::optional<std::string> state_dir() const;
    std::optional<std::string> secret(const std::string& name) const;

private:
    crmext_host_services services_{};
};

}  // namespace sellerscore::plugin
