#include "progress_reporter.hpp"

#include <unistd.h>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <fmt/format.h>

namespace sellerscore::host {

namespace {

constexpr int bar_width = 30;
// With an unknown total there is no percentage to step by, so time is the only limit.
constexpr auto unknown_total_interval = std::chrono::seconds(1);
// A bar redrawn faster than the eye reads only costs terminal bandwidth.
constexpr auto bar_redraw_interval = std::chrono::milliseconds(100);

int percent_of(std::uint64_t done, std::uint64_t total) {
    if (total == 0) return -1;
    if (done >= total) return 100;
    return static_cast<int>(done * 100 / total);
}

}  // namespace

ProgressReporter::ProgressReporter(std::FILE* out, Style style) : out_(out), style_(style) {}

ProgressReporter::Style ProgressReporter::style_for_stderr() {
    return ::isatty(STDERR_FILENO) ? Style::bar : Style::json_lines;
}

void ProgressReporter::report(std::uint64_t done, std::uint64_t total, const std::string& label) {
    std::lock_guard lock(mutex_);
    if (!worth_printing(done, total, label)) {
        return;
    }
    if (style_ == Style::bar) {
        draw_bar(done, total, label);
    } else {
        print_json_line(done, total, label);
    }
    printed_any_ = true;
    last_label_ = label;
    last_percent_ = percent_of(done, total);
    last_print_ = std::chrono::steady_clock::now();
}

void ProgressReporter::interrupt() {
    std::lock_guard lock(mutex_);
    if (bar_on_screen_) {
        std::fputs("\r\033[K", out_);
        std::fflush(out_);
        bar_on_screen_ = false;
    }
}

bool ProgressReporter::worth_printing(std::uint64_t done, std::uint64_t total, const std::string& label) const {
    if (!printed_any_ || label != last_label_) {
        return true;
    }
    const int percent = percent_of(done, total);
    const auto since_last = std::chrono::steady_clock::now() - last_print_;
    if (percent < 0) {
        return since_last >= unknown_total_interval;
    }
    if (percent == last_percent_) {
        return false;
    }
    // The last step of a job is always shown, so the final state is never stale.
    return percent == 100 || style_ == Style::json_lines || since_last >= bar_redraw_interval;
}

void ProgressReporter::draw_bar(std::uint64_t done, std::uint64_t total, const std::string& label) {
    std::string line;
    const int percent = percent_of(done, total);
    if (percent < 0) {
        line = fmt::format("{} {}", label, done);
    } else {
        const int filled = percent * bar_width / 100;
        line = fmt::format("{} [{}{}] {}/{} {:3}%", label, std::string(static_cast<std::size_t>(filled), '#'),
                           std::string(static_cast<std::size_t>(bar_width - filled), '.'), done, total, percent);
    }
    std::fprintf(out_, "\r\033[K%s", line.c_str());
    if (percent == 100) {
        std::fputc('\n', out_);
        bar_on_screen_ = false;
    } else {
        bar_on_screen_ = true;
    }
    std::fflush(out_);
}

void ProgressReporter::print_json_line(std::uint64_t done, std::uint64_t total, const std::string& label) {
    const boost::json::value line = {{"progress", {{"label", label}, {"done", done}, {"total", total}}}};
    std::fprintf(out_, "%s\n", boost::json::serialize(line).c_str());
    std::fflush(out_);
}

}  // namespace sellerscore::host

