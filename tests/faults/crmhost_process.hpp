// crmhost as a child process that a test can SIGKILL at any moment: posix_spawn (the test process
// runs a fake vendor's server threads, so no fork), the environment scrubbed of SELLERSCORE_* and
// given the variables the test names, stdout and stderr kept in files of the test's folder.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace sellerscore::faults {

struct CrmhostExit {
    int code = -1;        // the exit status; 128 + signal when a signal ended it
    bool killed = false;  // ended by SIGKILL
    std::string err;      // everything it wrote to stderr
};

class CrmhostProcess {
public:
    // Starts `crmhost args...`; stdout/stderr go to <folder>/crmhost.out and crmhost.err.
    CrmhostProcess(const std::vector<std::string>& args, const std::filesystem::path& folder,
                   const std::map<std::string, std::string>& env)
        : err_file_(folder / "crmhost.err") {
        std::vector<std::string> env_text;
        for (char** e = environ; *e != nullptr; ++e) {
            if (std::string_view(*e).rfind("SELLERSCORE_", 0) != 0) env_text.emplace_back(*e);
        }
        for (const auto& [name, value] : env) env_text.push_back(name + "=" + value);
        std::vector<char*> envp;
        for (std::string& e : env_text) envp.push_back(e.data());
        envp.push_back(nullptr);
        std::vector<std::string> arg_text{SELLERSCORE_CRMHOST_PATH};
        arg_text.insert(arg_text.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (std::string& a : arg_text) argv.push_back(a.data());
        argv.push_back(nullptr);

        const std::string out_file = (folder / "crmhost.out").string();
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        posix_spawn_file_actions_addopen(&actions, 2, err_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        pid_t pid = 0;
        if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data()) == 0) pid_ = pid;
        posix_spawn_file_actions_destroy(&actions);
    }
    ~CrmhostProcess() {
        if (pid_ > 0 && !waited_) {
            kill_now();
            wait();
        }
    }
    CrmhostProcess(const CrmhostProcess&) = delete;
    CrmhostProcess& operator=(const CrmhostProcess&) = delete;

    bool started() const { return pid_ > 0; }
    // Safe from any thread (a fake's server thread calls it from a request hook).
    void kill_now() const {
        if (pid_ > 0) ::kill(pid_, SIGKILL);
    }

    CrmhostExit wait() {
        CrmhostExit result;
        if (pid_ <= 0) return result;
        int status = 0;
        ::waitpid(pid_, &status, 0);
        waited_ = true;
        if (WIFEXITED(status)) result.code = WEXITSTATUS(status);
        if (WIFSIGNALED(status)) {
            result.code = 128 + WTERMSIG(status);
            result.killed = WTERMSIG(status) == SIGKILL;
        }
        std::ifstream in(err_file_);
        std::ostringstream text;
        text << in.rdbuf();
        result.err = text.str();
        return result;
    }

private:
    std::filesystem::path err_file_;
    pid_t pid_ = -1;
    bool waited_ = false;
};

}  // namespace sellerscore::faults
