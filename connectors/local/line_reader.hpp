// Reads a text file line by line through a large buffer, handing out views into it (no copy per
// line). Lines may end in "\n" or "\r\n"; the last line needs no terminator.
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "plugin/model/status.hpp"

namespace sellerscore::connectors {

class LineReader {
public:
    static Result<std::unique_ptr<LineReader>> open(const std::filesystem::path& path);

    // The next line, valid until the following call; nullopt at the end of the file.
    // A read error ends the stream and is reported by status().
    std::optional<std::string_view> next();
    // 1-based number of the line next() returned last.
    std::size_t line_number() const { return line_number_; }
    Status status() const { return status_; }

    // Counts lines cheaply (for a progress total) without keeping them.
    static Result<std::size_t> count_lines(const std::filesystem::path& path);

private:
    struct FileCloser {
        void operator()(std::FILE* f) const { std::fclose(f); }
    };
    LineReader(std::FILE* file, std::filesystem::path path) : file_(file), path_(std::move(path)) {}
    bool refill();

    std::unique_ptr<std::FILE, FileCloser> file_;
    std::filesystem::path path_;
    std::vector<char> buffer_ = std::vector<char>(4 << 20);
    std::size_t begin_ = 0;
    std::size_t end_ = 0;
    bool eof_ = false;
    std::size_t line_number_ = 0;
    Status status_;
};

}  // namespace sellerscore::connectors
