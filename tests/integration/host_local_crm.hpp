// The smallest whole stack a host test can drive: crmhost with the real plugin, reading a local CRM
// (crm.sqlite, fed from NDJSON) and keeping its state in state/, with a fixed as_of so scores do not
// move with the calendar.
#pragma once

#include <map>
#include <string>

namespace sellerscore::host::testing {

inline const std::map<std::string, std::string> real_plugin{{"SELLERSCORE_PLUGIN", SELLERSCORE_PLUGIN_PATH}};

inline constexpr const char* local_config =
    R"({"connector":"local","local":{"database":"crm.sqlite"},"state_dir":"state",
                               "kpi":{"as_of":"2026-07-01T00:00:00Z"}})";

inline constexpr const char* one_seller = R"({"id":"S1","name":"Ana","email":"ana@example.com","active":true}
)";

// What the host promises on a refusal: exactly one line, ending in a newline.
inline bool single_line(const std::string& text) {
    return !text.empty() && text.find('\n') == text.size() - 1;
}

}  // namespace sellerscore::host::testing
