// crmhost serve as a user runs it: a child process with its output in a log file, stopped with
// SIGTERM as systemd stops it. Shared by the serve tests that need the real command line.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "host_test_process.hpp"

extern char** environ;

namespace sellerscore::host::testing {

// The port serve printed ("listening on http(s)://ADDRESS:PORT"), 0 until it has.
inline int serve_listening_port(const std::filesystem::path& log) {
    const std::string text = read_whole_file(log);
    const std::string marker = "crmhost serve: listening on ";
    const std::size_t at = text.find(marker);
    if (at == std::string::npos) return 0;
    const std::size_t end = text.find('\n', at);
    if (end == std::string::npos) return 0;
    const std::size_t colon = text.rfind(':', end);
    return colon == std::string::npos || colon < at ? 0 : std::stoi(text.substr(colon + 1, end - colon - 1));
}

class ServeChild {
public:
    // `env` is added to (or replaces in) this process's environment for the child only.
    ServeChild(const std::vector<std::string>& args, const std::filesystem::path& log,
               const std::map<std::string, std::string>& env = {}) {
        std::vector<std::string> copy = args;
        std::string exe = SELLERSCORE_CRMHOST_PATH;
        std::vector<char*> argv{exe.data()};
        for (auto& a : copy) argv.push_back(a.data());
        argv.push_back(nullptr);
        std::vector<std::string> variables;
        for (char** e = environ; *e != nullptr; ++e) {
            const std::string entry = *e;
            if (!env.contains(entry.substr(0, entry.find('=')))) variables.push_back(entry);
        }
        for (const auto& [name, value] : env) variables.push_back(name + "=" + value);
        std::vector<char*> envp;
        for (auto& v : variables) envp.push_back(v.data());
        envp.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        if (posix_spawn(&pid_, exe.c_str(), &actions, nullptr, argv.data(), envp.data()) != 0) pid_ = -1;
        posix_spawn_file_actions_destroy(&actions);
    }
    ~ServeChild() { stop(); }
    ServeChild(const ServeChild&) = delete;
    ServeChild& operator=(const ServeChild&) = delete;

    // SIGTERM, as systemd stops it; the exit code.
    int stop() {
        if (pid_ <= 0) return exit_code_;
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        return exit_code_;
    }
    bool started() const { return pid_ > 0; }

private:
    pid_t pid_ = -1;
    int exit_code_ = -1;
};

// Polls until `condition` holds. A bound against hanging (a minute), not a measurement: the tests never
// assert on time.
template <class Condition>
bool eventually(Condition condition) {
    for (int i = 0; i < 6000; ++i) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return condition();
}

}  // namespace sellerscore::host::testing
