// The smallest CRM a host test can drive crmhost with (and `real_plugin`, host_test_process.hpp): the
// local connector reading crm.sqlite (fed from NDJSON), state kept in state/, and a fixed as_of so
// scores do not move with the calendar.
#pragma once

#include <string>

namespace sellerscore::host::testing {

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
