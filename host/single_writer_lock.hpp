// One crmhost at a time writes a state directory or a local CRM database: a second one refuses at
// once, naming the first, instead of interleaving its reads and writes with it.
//
// The lock is an flock(2) on a file beside what it guards. The kernel drops it when the holder's
// process ends in any way (kill -9 included), so a lock left by a killed process never blocks; the
// file's text (pid, command, start) only names the holder in the refusal.
#pragma once

#include <filesystem>
#include <string_view>

#include "plugin/model/status.hpp"

namespace sellerscore::host {

class SingleWriterLock {
public:
    // Takes the lock on `lock_file` (created 0600 when missing) for `command`, or says who holds it:
    // "<guarded> is in use by crmhost <command> (pid <n>, since <time>); run this again when it has finished".
    static Result<SingleWriterLock> acquire(const std::filesystem::path& lock_file, std::string_view guarded,
                                            std::string_view command);

    SingleWriterLock(SingleWriterLock&& other) noexcept;
    SingleWriterLock& operator=(SingleWriterLock&& other) noexcept;
    SingleWriterLock(const SingleWriterLock&) = delete;
    SingleWriterLock& operator=(const SingleWriterLock&) = delete;
    ~SingleWriterLock();

private:
    explicit SingleWriterLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

}  // namespace sellerscore::host
