// Runs the built crmhost as a subprocess, the way a user or a script would: in a chosen working
// directory, stdin not a terminal, with chosen environment variables, capturing stdout, stderr and
// the exit code. SELLERSCORE_PLUGIN and SELLERSCORE_NOW are cleared unless a test sets them, so
// the developer's shell cannot change a test's outcome. The plugins of a build tree are not from a
// signed package, so SELLERSCORE_ALLOW_UNSIGNED_PLUGIN=1 is set unless a test sets it otherwise, and
// the warning that override logs is moved from `err` to `signature_warnings`, leaving `err` what the
// test is about (host_package_signature_test.cpp checks the warning itself).
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
#include <string_view>
#include <vector>

#include "host_scratch_directory.hpp"

namespace sellerscore::host::testing {

struct ProcessResult {
    int exit_code = -1;
    std::string out;
    std::string err;
    std::string signature_warnings;
};

inline constexpr const char* allow_unsigned_plugin_variable = "SELLERSCORE_ALLOW_UNSIGNED_PLUGIN";
inline constexpr std::string_view signature_warning_prefix = "[warning] plugin signature not checked (";

inline std::string read_whole_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The environment that makes crmhost load the plugin this build made.
inline const std::map<std::string, std::string> real_plugin{{"SELLERSCORE_PLUGIN", SELLERSCORE_PLUGIN_PATH}};

// `crmhost` is the executable to run: the built one, or a copy a test placed in a prefix of its own.
inline ProcessResult run_crmhost_at(const std::filesystem::path& crmhost, const std::vector<std::string>& args,
                                    const std::filesystem::path& cwd, const std::map<std::string, std::string>& env = {}) {
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
        ::setenv(allow_unsigned_plugin_variable, "1", 1);
        for (const auto& [name, value] : env) ::setenv(name.c_str(), value.c_str(), 1);
        std::vector<char*> argv{const_cast<char*>(crmhost.c_str())};
        for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
        argv.push_back(nullptr);
        ::execv(crmhost.c_str(), argv.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    ProcessResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_whole_file(out_file);
    std::istringstream err_lines(read_whole_file(err_file));
    for (std::string line; std::getline(err_lines, line);) {
        (line.starts_with(signature_warning_prefix) ? result.signature_warnings : result.err) += line + "\n";
    }
    std::filesystem::remove(out_file);
    std::filesystem::remove(err_file);
    return result;
}

inline ProcessResult run_crmhost(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                                 const std::map<std::string, std::string>& env = {}) {
    return run_crmhost_at(SELLERSCORE_CRMHOST_PATH, args, cwd, env);
}

// The fixture plugins built by tests/integration/fixtures/CMakeLists.txt, one folder per variant.
inline std::filesystem::path fixture_plugin(const std::string& variant) {
    return std::filesystem::path(SELLERSCORE_BINARY_DIR) / "tests/integration/fixtures" / variant / "sellerscore.so";
}

// A config in `dir` that loads the fixture plugin "good" on the local connector.
inline void write_good_config(const ScratchDirectory& dir) {
    dir.write("sellerscore.json",
              "{\"plugin\": \"" + fixture_plugin("good").string() + "\", \"connector\": \"local\"}");
}

}  // namespace sellerscore::host::testing
