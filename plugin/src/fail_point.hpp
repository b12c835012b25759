// Fail points: named places where a test can make the plugin fail on purpose, to prove that the
// failure is contained (no exception crosses the C boundary, nothing half-written). They are armed
// only by the environment variable SELLERSCORE_FAILPOINTS, a comma-separated list of names, so
// production runs never pay more than one getenv per check.
#pragma once

#include <string_view>

namespace sellerscore::plugin {

// Throws std::runtime_error("fail point '<name>' triggered") when `name` is armed.
void fail_point(std::string_view name);

}  // namespace sellerscore::plugin
