// A steady clock the test can move forward, for a fake whose OAuth tokens expire by its own clock:
// moving it past a token's lifetime expires every token issued so far without waiting. Copies share
// one offset, so the fake's copy of now() sees every advance().
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>

namespace sellerscore::faults {

class ShiftedClock {
public:
    std::chrono::steady_clock::time_point now() const {
        return std::chrono::steady_clock::now() + std::chrono::milliseconds(offset_->load());
    }
    void advance(std::chrono::milliseconds by) { *offset_ += by.count(); }

private:
    std::shared_ptr<std::atomic<std::int64_t>> offset_ = std::make_shared<std::atomic<std::int64_t>>(0);
};

}  // namespace sellerscore::faults
