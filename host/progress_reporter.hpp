// Shows the plugin's progress on stderr: a redrawn one-line bar on a terminal, otherwise one JSON
// line per step ({"progress":{"label":...,"done":...,"total":...}}) for log collectors. Both are
// rate-limited so a job that reports every record still prints a bounded number of updates.
// Callable from any thread (crmext.h THREADS).
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>

namespace sellerscore::host {

class ProgressReporter {
public:
    enum class Style { bar, json_lines };

    ProgressReporter(std::FILE* out, Style style);

    // The style for stderr: a bar when stderr is a terminal.
    static Style style_for_stderr();

    void report(std::uint64_t done, std::uint64_t total, const std::string& label);

    // Clears a half-drawn bar so a log line or the final summary starts on a clean line.
    void interrupt();

private:
    bool worth_printing(std::uint64_t done, std::uint64_t total, const std::string& label) const;
    void draw_bar(std::uint64_t done, std::uint64_t total, const std::string& label);
    void print_json_line(std::uint64_t done, std::uint64_t total, const std::string& label);

    std::FILE* out_;
    Style style_;
    std::mutex mutex_;
    bool bar_on_screen_ = false;
    bool printed_any_ = false;
    std::string last_label_;
    int last_percent_ = -1;
    std::chrono::steady_clock::time_point last_print_{};
};

}  // namespace sellerscore::host
