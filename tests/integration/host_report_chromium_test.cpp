// The report in a real browser: Debian's headless Chromium (installed by tools/bootstrap), started by
// the test on a file:// URL, nothing fetched from the network. Two launches in all: the report page
// (DOM, screenshot, console and network log in one go) and a control page that breaks every rule, so
// the console and network checks are seen to fail when they should.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <set>

#include <boost/json.hpp>

#include "host/report/html_report_writer.hpp"
#include "host/report/report_document.hpp"
#include "host_report_scorecard.hpp"
#include "host_scratch_directory.hpp"
#include "host_test_process.hpp"
#include "png_image.hpp"

using namespace sellerscore;
using namespace sellerscore::host::testing;
namespace json = boost::json;

namespace {

constexpr const char* chromium_path = "/usr/bin/chromium";

struct BrowserRun {
    int exit_code = -1;
    std::string dom;       // --dump-dom
    std::string log;       // stderr, with the page's console messages (--enable-logging=stderr)
    std::string net_log;   // --log-net-log
    std::string screenshot;
};

// One headless launch: the DOM after load, a screenshot, the console and the network log. Root in a
// container needs --no-sandbox; a fresh profile keeps runs independent.
BrowserRun run_chromium(const ScratchDirectory& dir, const std::filesystem::path& page) {
    const std::filesystem::path profile = dir.path() / "profile";
    const std::filesystem::path shot = dir.path() / "shot.png";
    const std::filesystem::path net_log = dir.path() / "net.json";
    const std::filesystem::path out = dir.path() / "dom.html";
    const std::filesystem::path err = dir.path() / "chromium.log";
    const std::vector<std::string> args{
        chromium_path, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
        "--user-data-dir=" + profile.string(), "--enable-logging=stderr", "--v=0",
        "--log-net-log=" + net_log.string(), "--window-size=1200,1600", "--screenshot=" + shot.string(), "--dump-dom",
        "file://" + page.string()};
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int in_fd = ::open("/dev/null", O_RDONLY);
        const int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(in_fd, STDIN_FILENO);
        ::dup2(out_fd, STDOUT_FILENO);
        ::dup2(err_fd, STDERR_FILENO);
        ::setenv("HOME", dir.path().c_str(), 1);
        std::vector<char*> argv;
        for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(chromium_path, argv.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    BrowserRun run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.dom = read_whole_file(out);
    run.log = read_whole_file(err);
    run.net_log = read_whole_file(net_log);
    run.screenshot = read_whole_file(shot);
    return run;
}

// Chromium logs each console message of the page as "...:INFO:CONSOLE(line)] "text", source: ...".
std::vector<std::string> console_messages(const std::string& log) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < log.size()) {
        std::size_t end = log.find('\n', start);
        if (end == std::string::npos) end = log.size();
        const std::string line = log.substr(start, end - start);
        if (line.find(":CONSOLE") != std::string::npos) lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

// Requests the page made: the network log keys each by the top frame's site, and a file:// page's
// requests are keyed "file://" (the browser's own background requests are keyed by their own site).
std::size_t page_requests(const std::string& net_log) {
    std::size_t n = 0;
    const std::string key = R"("network_isolation_key":"file://)";
    for (std::size_t at = net_log.find(key); at != std::string::npos; at = net_log.find(key, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("report in headless Chromium: loads with no console message and no request, shows the figures, not blank",
          "[chromium]") {
    REQUIRE(std::filesystem::exists(chromium_path));  // tools/bootstrap installs Debian's chromium
    ScratchDirectory dir;
    Result<json::value> document = host::report::ReportDocument::build(report_test_scorecard());
    REQUIRE(document);
    const std::filesystem::path page = dir.write("report.html", host::report::HtmlReportWriter(*document).html());

    const BrowserRun run = run_chromium(dir, page);
    INFO(run.log.substr(0, 4000));
    REQUIRE(run.exit_code == 0);
    REQUIRE_FALSE(run.net_log.empty());  // the log was written, so an absence in it means something

    CHECK(console_messages(run.log).empty());
    CHECK(page_requests(run.net_log) == 0);

    // The DOM as the browser built it: names and values as the terminal table prints them.
    for (const char* text : {"Ana López", "Bob &lt;Stone&gt; &amp; Co", "Carla Ruiz", "82.5", "48.0", "no score",
                             "125,000", "+5.0 pts", "75.0% · 2.6", "1,234", "71.4%",
                             "Churn model not fitted: 3 customers with repeat purchases"}) {
        INFO(text);
        CHECK(run.dom.find(text) != std::string::npos);
    }
    CHECK(std::count(run.dom.begin(), run.dom.end(), '\n') > 10);

    // Not blank: a real spread of colours, and a fair share of the pixels differ from the background.
    const std::optional<PngImage> shot = decode_png(run.screenshot);
    REQUIRE(shot);
    CHECK(shot->width == 1200);
    CHECK(shot->height == 1600);
    const std::uint32_t background = shot->pixels.front();
    const auto painted = std::count_if(shot->pixels.begin(), shot->pixels.end(),
                                       [&](std::uint32_t p) { return p != background; });
    const std::set<std::uint32_t> colours(shot->pixels.begin(), shot->pixels.end());
    CHECK(painted > static_cast<std::ptrdiff_t>(shot->pixels.size() / 50));  // more than 2% ink
    CHECK(colours.size() > 50);                                              // text, bars in four bands
    // The band colours of the leaderboard's bars are on screen: A (#1a7f4b) and C (#c58a12).
    CHECK(colours.count(0x1a7f4b) == 1);
    CHECK(colours.count(0xc58a12) == 1);
}

TEST_CASE("the browser checks catch a page that logs to the console and fetches from the network", "[chromium]") {
    REQUIRE(std::filesystem::exists(chromium_path));
    ScratchDirectory dir;
    // Nothing listens on port 9 (discard) of loopback: the request is made and fails, nothing leaves the machine.
    const std::filesystem::path page = dir.write(
        "bad.html", "<!DOCTYPE html><html><body><p>bad</p><img src=\"http://127.0.0.1:9/pixel.png\">"
                    "<script>console.error('from the page')</script></body></html>");
    const BrowserRun run = run_chromium(dir, page);
    INFO(run.log.substr(0, 4000));
    REQUIRE(run.exit_code == 0);
    const std::vector<std::string> messages = console_messages(run.log);
    REQUIRE(messages.size() == 1);
    CHECK(messages.front().find("from the page") != std::string::npos);
    CHECK(page_requests(run.net_log) >= 1);
}
