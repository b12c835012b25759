#include "line_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace sellerscore::connectors {

Result<std::unique_ptr<LineReader>> LineReader::open(const std::filesystem::path& path) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) return Status::not_found(path.string() + ": cannot open (" + std::strerror(errno) + ")");
    return std::unique_ptr<LineReader>(new LineReader(file, path));
}

// Moves the unread tail to the front and fills the rest; grows the buffer for a line longer than it.
bool LineReader::refill() {
    if (eof_) return false;
    if (begin_ > 0) {
        std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    if (end_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
    const std::size_t got = std::fread(buffer_.data() + end_, 1, buffer_.size() - end_, file_.get());
    if (got == 0) {
        eof_ = true;
        if (std::ferror(file_.get())) status_ = Status::internal(path_.string() + ": read error");
        return false;
    }
    end_ += got;
    return true;
}

std::optional<std::string_view> LineReader::next() {
    std::size_t scanned = begin_;
    for (;;) {
        const char* start = buffer_.data() + scanned;
        const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - scanned));
        if (newline) {
            std::string_view line(buffer_.data() + begin_, static_cast<std::size_t>(newline - buffer_.data()) - begin_);
            begin_ = static_cast<std::size_t>(newline - buffer_.data()) + 1;
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            ++line_number_;
            return line;
        }
        scanned = end_;
        const std::size_t consumed = begin_;
        if (!refill()) break;
        scanned -= consumed;
    }
    if (begin_ == end_ || !status_) return std::nullopt;
    std::string_view line(buffer_.data() + begin_, end_ - begin_);
    begin_ = end_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_number_;
    return line;
}

Result<std::size_t> LineReader::count_lines(const std::filesystem::path& path) {
    auto reader = open(path);
    if (!reader) return reader.status();
    std::size_t lines = 0;
    char last = '\n';
    std::vector<char>& buffer = (*reader)->buffer_;
    std::size_t got;
    while ((got = std::fread(buffer.data(), 1, buffer.size(), (*reader)->file_.get())) > 0) {
        lines += static_cast<std::size_t>(std::count(buffer.data(), buffer.data() + got, '\n'));
        last = buffer[got - 1];
    }
    if (std::ferror((*reader)->file_.get())) return Status::internal(path.string() + ": read error");
    return lines + (last == '\n' ? 0 : 1);
}

}  // namespace sellerscore::connectors
