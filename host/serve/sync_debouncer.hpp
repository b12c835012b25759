// Webhook deliveries come in bursts (a won deal: a stage change, an amount, an activity); each
// asks for an incremental sync. One sync runs at a time; changes that arrive while one runs are
// gathered into exactly one more after it; a short quiet period first lets a burst gather.
// With a period, a sync is also due when that long has passed since the last one ended (or since
// the start) without any: serve keeps the scheduled sync the systemd timer ran, through the same
// single-sync path, and a webhook-triggered sync counts as the scheduled one.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

namespace sellerscore::host::serve {

class SyncDebouncer {
public:
    // `sync` runs on the debouncer's own thread, never twice at once. `period` zero: no scheduled sync,
    // only notified ones.
    SyncDebouncer(std::function<void()> sync, std::chrono::milliseconds quiet_period,
                  std::chrono::milliseconds period = std::chrono::milliseconds::zero());
    ~SyncDebouncer();  // waits for a running sync, then stops; a pending one is dropped
    SyncDebouncer(const SyncDebouncer&) = delete;
    SyncDebouncer& operator=(const SyncDebouncer&) = delete;

    // A change arrived: returns at once.
    void notify();

    std::uint64_t syncs_started() const;
    // Syncs started because the period ran out, not because of a notification.
    std::uint64_t scheduled_syncs_started() const;
    // Blocks until nothing is pending or running (for tests and shutdown).
    void wait_idle();

private:
    void run();

    std::function<void()> sync_;
    std::chrono::milliseconds quiet_;
    std::chrono::milliseconds period_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    bool pending_ = false;
    bool running_ = false;
    bool stopping_ = false;
    std::uint64_t started_ = 0;
    std::uint64_t scheduled_ = 0;
    std::thread worker_;
};

}  // namespace sellerscore::host::serve
