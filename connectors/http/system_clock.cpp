#include <thread>

#include "connectors/http/clock.hpp"

namespace sellerscore::connectors::http {
namespace {

class SystemClock final : public Clock {
public:
    std::chrono::steady_clock::time_point now() const override { return std::chrono::steady_clock::now(); }
    std::chrono::system_clock::time_point wall_now() const override { return std::chrono::system_clock::now(); }
    void sleep_until(std::chrono::steady_clock::time_point until) override { std::this_thread::sleep_until(until); }
};

}  // namespace

Clock& system_clock() {
    static SystemClock clock;
    return clock;
}

}  // namespace sellerscore::connectors::http
