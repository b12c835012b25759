// Runs the built crmhost as a subprocess, the way a user or a script would: in a chosen working
// directory, stdin not a terminal, with chosen environment variables, capturing stdout, stderr and
// the exit code. SELLERSCORE_PLUGIN and SELLERSCORE_NOW are cleared unless a test sets them, so
// the developer's shell cannot change a test's outcome.
#pragma once

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace sellerscore::host::testing {

struct ProcessResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

inline std::string read_whole_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline ProcessResult run_crmhost(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                                 const std::map<std::string, std::string>& env = {}) {
    const std::filesystem::path out_file = cwd / ".crmhost-stdout";
    const std::filesystem::path err_file = cwd / ".crmhost-stderr";
    const pid_t pid = ::fork();
    if (pid == 0) {
        if (::chdir(cwd.c_str()) != 0) ::_exit(127);
        const int in_fd = ::open("/dev/null", O_RDONLY);
        const int out_fd = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err_fd = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(in_fd, STDIN_FILENO);
        ::dup2(out_fd, STDOUT_FILENO);
        ::dup2(err_fd, STDERR_FILENO);
        ::unsetenv("SELLERSCORE_PLUGIN");
        ::unsetenv("SELLERSCORE_NOW");
        for (const auto& [name, value] : env) ::setenv(name.c_str(), value.c_str(), 1);
        std::vector<char*> argv{const_cast<char*>(SELLERSCORE_CRMHOST_PATH)};
        for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
        argv.push_back(nullptr);
        ::execv(SELLERSCORE_CRMHOST_PATH, argv.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    ProcessResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_whole_file(out_file);
    result.err = read_whole_file(err_file);
    std::filesystem::remove(out_file);
    std::filesystem::remove(err_file);
    return result;
}

// The fixture plugins built by tests/integration/fixtures/CMakeLists.txt, one folder per variant.
inline std::filesystem::path fixture_plugin(const std::string& variant) {
    return std::filesystem::path(SELLERSCORE_BINARY_DIR) / "tests/integration/fixtures" / variant / "sellerscore.so";
}

}  // namespace sellerscore::host::testing
