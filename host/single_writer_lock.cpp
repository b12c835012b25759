#include "single_writer_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>

#include "plugin/model/timestamp_format.hpp"

namespace sellerscore::host {

namespace {

std::string read_holder(int fd) {
    std::string text(256, '\0');
    const ssize_t n = ::pread(fd, text.data(), text.size(), 0);
    text.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\0')) text.pop_back();
    return text;
}

}  // namespace

Result<SingleWriterLock> SingleWriterLock::acquire(const std::filesystem::path& lock_file, std::string_view guarded,
                                                   std::string_view command) {
    const int fd = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        return Status(StatusCode::permission,
                      lock_file.string() + ": cannot open the lock file (" + std::strerror(errno) + ")");
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        std::string holder = error == EWOULDBLOCK ? read_holder(fd) : std::string();
        ::close(fd);
        if (error != EWOULDBLOCK) {
            return Status(StatusCode::internal,
                          lock_file.string() + ": cannot take the lock (" + std::strerror(error) + ")");
        }
        if (holder.empty()) holder = "another crmhost";
        return Status::unsupported(std::string(guarded) + " is in use by " + holder +
                                   "; run this again when it has finished");
    }
    const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    const std::string text = "crmhost " + std::string(command) + " (pid " + std::to_string(::getpid()) + ", since " +
                             model::format_rfc3339(now_ms - now_ms % 1000) + ")\n";
    // The text only names us in another process's refusal; failing to write it blocks nothing.
    if (::ftruncate(fd, 0) == 0) {
        [[maybe_unused]] const ssize_t written = ::pwrite(fd, text.data(), text.size(), 0);
    }
    return SingleWriterLock(fd);
}

SingleWriterLock::SingleWriterLock(SingleWriterLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

SingleWriterLock& SingleWriterLock::operator=(SingleWriterLock&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.fd_;
        other.fd_ = -1;
    }
    return *this;
}

SingleWriterLock::~SingleWriterLock() {
    // Closing the descriptor releases the flock. The file stays: removing it could let a third
    // process lock a new inode while a second still waits on the old one.
    if (fd_ >= 0) ::close(fd_);
}

}  // namespace sellerscore::host
