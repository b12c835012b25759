#include "host/serve/sync_debouncer.hpp"

namespace sellerscore::host::serve {

SyncDebouncer::SyncDebouncer(std::function<void()> sync, std::chrono::milliseconds quiet_period)
    : sync_(std::move(sync)), quiet_(quiet_period), worker_([this] { run(); }) {}

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

void SyncDebouncer::wait_idle() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return stopping_ || (!pending_ && !running_); });
}

void SyncDebouncer::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait(lock, [this] { return stopping_ || pending_; });
        if (stopping_) return;
        // The quiet period: further notifications within it join this sync.
        if (changed_.wait_for(lock, quiet_, [this] { return stopping_; })) return;
        pending_ = false;
        running_ = true;
        ++started_;
        lock.unlock();
        sync_();
        lock.lock();
        running_ = false;
        changed_.notify_all();
    }
}

}  // namespace sellerscore::host::serve
