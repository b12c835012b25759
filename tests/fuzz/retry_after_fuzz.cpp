// Retry-After headers and the HTTP dates in them, as a vendor (or anything between us and it) may
// send them. Beyond not crashing: a wait is never negative and never beyond the parser's cap, and
// a header of digits alone is that many seconds.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "connectors/http/retry_after.hpp"

namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// Sun, 01 Mar 2026 12:00:00 GMT, the test suites' wall clock.
const std::chrono::system_clock::time_point noon{seconds(1772366400)};
// The parser caps a wait at 10^9 s; anything longer is a bug in its arithmetic.
constexpr milliseconds longest = seconds(1'000'000'000);

void check(bool condition) {
    if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view value(reinterpret_cast<const char*>(data), size);
    // Two clocks: today, and the epoch (a machine whose clock was never set).
    for (const auto wall_now : {noon, std::chrono::system_clock::time_point{}}) {
        const auto wait = sellerscore::connectors::http::parse_retry_after(value, wall_now);
        if (!wait) continue;
        check(*wait >= milliseconds(0));
        check(*wait <= longest);
    }
    return 0;
}
