#include "host/serve/sync_debouncer.hpp"

namespace sellerscore::host::serve {

SyncDebouncer::SyncDebouncer(std::function<void()> sync, std::chrono::milliseconds quiet_period,
                             std::chrono::milliseconds period)
    : sync_(std::move(sync)), quiet_(quiet_period), period_(period), worker_([this] { run(); }) {}

SyncDebouncer::~SyncDebouncer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    worker_.join();
}

void SyncDebouncer::notify() {
    {
        std::lock_guard lock(mutex_);
        pending_ = true;
    }
    changed_.notify_all();
}

std::uint64_t SyncDebouncer::syncs_started() const {
    std::lock_guard lock(mutex_);
    return started_;
}

std::uint64_t SyncDebouncer::scheduled_syncs_started() const {
    std::lock_guard lock(mutex_);
    return scheduled_;
}

void SyncDebouncer::wait_idle() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return stopping_ || (!pending_ && !running_); });
}

void SyncDebouncer::run() {
    std::unique_lock lock(mutex_);
    // steady_clock: a wall-clock jump (NTP, DST) neither skips nor doubles a scheduled sync.
    auto due = std::chrono::steady_clock::now() + period_;
    for (;;) {
        const auto woken = [this] { return stopping_ || pending_; };
        bool scheduled = false;
        if (period_ > std::chrono::milliseconds::zero()) {
            scheduled = !changed_.wait_until(lock, due, woken);
        } else {
            changed_.wait(lock, woken);
        }
        if (stopping_) return;
        if (scheduled) {
            ++scheduled_;
        } else if (changed_.wait_for(lock, quiet_, [this] { return stopping_; })) {
            return;  // the quiet period: further notifications within it join this sync
        }
        pending_ = false;
        running_ = true;
        ++started_;
        lock.unlock();
        sync_();
        lock.lock();
        running_ = false;
        due = std::chrono::steady_clock::now() + period_;
        changed_.notify_all();
    }
}

}  // namespace sellerscore::host::serve
