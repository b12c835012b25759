// The tarball is what an admin installs without apt: build it the way a release does, unpack it into a
// prefix the build tree cannot leak into, and check the installed files and crmhost from there.
#include <catch2/catch.hpp>

#include "host_scratch_directory.hpp"
#include "host_test_process.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;

using sellerscore::host::testing::read_whole_file;
using sellerscore::host::testing::ScratchDirectory;

namespace {

std::string shell_quoted(const std::string& text) {
    std::string quoted = "'";
    for (char c : text) {
        if (c == '\'') {
            quoted += "'\\''";
        } else {
            quoted += c;
        }
    }
    return quoted + "'";
}

std::string shell_quoted(const fs::path& path) { return shell_quoted(path.string()); }

struct CommandResult {
    int exit_code;
    std::string output;
};

// Captures stdout only; callers redirect stderr where they want it.
CommandResult run_command(const std::string& command) {
    std::FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string output;
    char buffer[4096];
    std::size_t count = 0;
    while ((count = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
        output.append(buffer, count);
    }
    const int status = ::pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

// cpack stages `cmake --install` of the build tree as it is and builds nothing (Ninja has no preinstall
// step), so this relies on integration_tests depending on every installed target. Signed as a release
// is (packaging/sign_package.cmake), with a throwaway Ed25519 key made here: <output_dir>/../signing.key.
fs::path build_tarball(const fs::path& output_dir) {
    const fs::path key = output_dir.parent_path() / "signing.key";
    const CommandResult keygen =
        run_command("openssl genpkey -algorithm ed25519 -out " + shell_quoted(key) + " 2>&1");
    INFO(keygen.output);
    REQUIRE(keygen.exit_code == 0);
    const CommandResult cpack = run_command("cd " + shell_quoted(std::string(SELLERSCORE_BINARY_DIR)) +
                                            " && SELLERSCORE_SIGNING_KEY=" + shell_quoted(key) +
                                            " cpack -G TGZ -B " + shell_quoted(output_dir) + " 2>&1");
    INFO(cpack.output);
    REQUIRE(cpack.exit_code == 0);
    std::vector<fs::path> tarballs;
    for (const auto& entry : fs::directory_iterator(output_dir)) {
        if (entry.path().filename().string().ends_with(".tar.gz")) {
            tarballs.push_back(entry.path());
        }
    }
    REQUIRE(tarballs.size() == 1);
    return tarballs.front();
}

// --same-permissions: the modes on disk are the archive's, not the archive's filtered by our umask.
fs::path unpack_tarball(const fs::path& tarball, const fs::path& prefix) {
    fs::create_directories(prefix);
    const CommandResult tar =
        run_command("tar --same-permissions -xzf " + shell_quoted(tarball) + " -C " + shell_quoted(prefix) + " 2>&1");
    INFO(tar.output);
    REQUIRE(tar.exit_code == 0);
    return prefix;
}

fs::path unpacked_release(const ScratchDirectory& scratch) {
    return unpack_tarball(build_tarball(scratch.path() / "packages"), scratch.path() / "prefix");
}

std::vector<fs::path> files_named(const fs::path& root, const std::string& name) {
    std::vector<fs::path> found;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.path().filename() == name) {
            found.push_back(entry.path());
        }
    }
    return found;
}

std::string manifest_version() {
    const boost::json::value manifest =
        boost::json::parse(read_whole_file(fs::path(SELLERSCORE_SOURCE_DIR) / "manifest" / "sellerscore.json"));
    return std::string(manifest.at("version").as_string());
}

}  // namespace

TEST_CASE("crmhost from the unpacked tarball reports the packaged plugin's id and version", "[packaging]") {
    ScratchDirectory scratch;
    const fs::path prefix = unpacked_release(scratch);
    // An empty working directory and no SELLERSCORE_PLUGIN, so crmhost can only find the packaged plugin.
    const fs::path elsewhere = scratch.path() / "elsewhere";
    fs::create_directories(elsewhere);
    const fs::path stderr_file = scratch.path() / "crmhost.stderr";

    const CommandResult info = run_command("cd " + shell_quoted(elsewhere) + " && env -u SELLERSCORE_PLUGIN " +
                                           shell_quoted(prefix / "bin" / "crmhost") + " plugin info 2>" +
                                           shell_quoted(stderr_file));

    INFO("stdout: " << info.output);
    INFO("stderr: " << read_whole_file(stderr_file));
    CHECK(info.exit_code == 0);
    CHECK_THAT(info.output, Catch::Contains("io.sellerscore.plugin"));
    CHECK_THAT(info.output, Catch::Contains(manifest_version()));
}

TEST_CASE("the plugin library in the tarball is writable by its owner only", "[packaging]") {
    ScratchDirectory scratch;
    const fs::path prefix = unpacked_release(scratch);

    const std::vector<fs::path> plugins = files_named(prefix, "sellerscore.so");

    REQUIRE(plugins.size() == 1);
    const fs::perms mode = fs::status(plugins.front()).permissions();
    INFO(plugins.front().string() << " has mode " << std::oct << static_cast<unsigned>(mode));
    CHECK((mode & fs::perms::owner_read) != fs::perms::none);
    CHECK((mode & fs::perms::group_write) == fs::perms::none);
    CHECK((mode & fs::perms::others_write) == fs::perms::none);
}

TEST_CASE("the tarball installs the manifest next to the plugin library", "[packaging]") {
    ScratchDirectory scratch;
    const fs::path prefix = unpacked_release(scratch);

    const std::vector<fs::path> plugins = files_named(prefix, "sellerscore.so");

    REQUIRE(plugins.size() == 1);
    const fs::path manifest = plugins.front().parent_path() / "sellerscore.json";
    REQUIRE(fs::is_regular_file(manifest));
    const fs::path source_manifest = fs::path(SELLERSCORE_SOURCE_DIR) / "manifest" / "sellerscore.json";
    CHECK(read_whole_file(manifest) == read_whole_file(source_manifest));
}

TEST_CASE("plugin verify from the unpacked tarball checks its signature and the hash of every installed file",
          "[packaging]") {
    ScratchDirectory scratch;
    const fs::path prefix = unpacked_release(scratch);
    const fs::path stderr_file = scratch.path() / "crmhost.stderr";

    const CommandResult verify = run_command("cd " + shell_quoted(prefix) + " && env -u SELLERSCORE_PLUGIN -u " +
                                             "SELLERSCORE_ALLOW_UNSIGNED_PLUGIN " + shell_quoted(prefix / "bin" / "crmhost") +
                                             " plugin verify 2>" + shell_quoted(stderr_file));

    INFO("stdout: " << verify.output);
    INFO("stderr: " << read_whole_file(stderr_file));
    CHECK(verify.exit_code == 0);
    std::size_t installed = 0;
    for (const auto& entry : fs::recursive_directory_iterator(prefix)) {
        if (entry.is_regular_file()) ++installed;
    }
    // Every installed file is listed but SHA256SUMS itself, its signature and the trusted public key.
    CHECK_THAT(verify.output, Catch::Contains("ok: all " + std::to_string(installed - 3) +
                                              " files it lists match their SHA-256"));
    CHECK_THAT(verify.output, Catch::Contains("is signed by the trusted key " +
                                              (prefix / "share/sellerscore/plugin-signing-key.pem").string()));
}

TEST_CASE("an admin verifies the unpacked tarball with sha256sum and openssl, as docs/operations.md says",
          "[packaging]") {
    ScratchDirectory scratch;
    const fs::path prefix = unpacked_release(scratch);
    const fs::path plugin_dir = files_named(prefix, "SHA256SUMS").at(0).parent_path();
    const fs::path public_key = scratch.path() / "published-key.pem";
    REQUIRE(run_command("openssl pkey -in " + shell_quoted(scratch.path() / "signing.key") + " -pubout -out " +
                        shell_quoted(public_key) + " 2>&1").exit_code == 0);

    const CommandResult signature = run_command(
        "cd " + shell_quoted(plugin_dir) + " && openssl pkeyutl -verify -pubin -inkey " + shell_quoted(public_key) +
        " -rawin -in SHA256SUMS -sigfile SHA256SUMS.sig 2>&1");
    const CommandResult hashes = run_command("cd " + shell_quoted(plugin_dir) + " && sha256sum --quiet -c SHA256SUMS 2>&1");

    INFO(signature.output);
    CHECK(signature.exit_code == 0);
    CHECK_THAT(signature.output, Catch::Contains("Signature Verified Successfully"));
    INFO(hashes.output);
    CHECK(hashes.exit_code == 0);
}
