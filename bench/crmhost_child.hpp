// crmhost run as a child process, exactly as a user runs it, with its output appended to a log.
// posix_spawn, not fork: the bench process runs a fake vendor's server threads.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

extern char** environ;

namespace sellerscore::bench {

struct Step {
    double seconds = 0;
    int exit_code = 0;
};

inline Step run_crmhost(const std::vector<std::string>& args, const std::filesystem::path& log) {
    std::vector<std::string> copy = args;
    std::string exe = SELLERSCORE_CRMHOST_PATH;
    std::vector<char*> argv{exe.data()};
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    // The plugin of a build tree is not from a signed package (docs/operations.md, "Signed packages").
    setenv("SELLERSCORE_ALLOW_UNSIGNED_PLUGIN", "1", 1);
    const auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    Step step;
    if (posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), environ) != 0) {
        step.exit_code = 127;
    } else {
        int status = 0;
        waitpid(pid, &status, 0);
        step.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    posix_spawn_file_actions_destroy(&actions);
    step.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return step;
}

}  // namespace sellerscore::bench
