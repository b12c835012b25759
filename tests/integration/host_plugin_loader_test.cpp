// crmhost refuses every unsafe or incompatible plugin with one line and the right exit code.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "host_scratch_directory.hpp"
#include "host_test_process.hpp"

using namespace sellerscore::host::testing;

namespace {

ProcessResult plugin_info_with(const std::filesystem::path& plugin, const ScratchDirectory& dir) {
    return run_crmhost({"plugin", "info"}, dir.path(), {{"SELLERSCORE_PLUGIN", plugin.string()}});
}

// A private copy of the good fixture (library and manifest) whose mode a test may change.
std::filesystem::path copy_of_good_fixture(const ScratchDirectory& dir) {
    const std::filesystem::path folder = dir.path() / "plugin";
    std::filesystem::create_directories(folder);
    std::filesystem::copy_file(fixture_plugin("good"), folder / "sellerscore.so");
    std::filesystem::copy_file(fixture_plugin("good").parent_path() / "sellerscore.json", folder / "sellerscore.json");
    ::chmod((folder / "sellerscore.so").c_str(), 0755);
    return folder / "sellerscore.so";
}

int line_count(const std::string& text) { return static_cast<int>(std::count(text.begin(), text.end(), '\n')); }

}  // namespace

TEST_CASE("a well-formed plugin loads and plugin info shows its manifest and ABI") {
    ScratchDirectory dir;
    const ProcessResult result = plugin_info_with(fixture_plugin("good"), dir);
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("io.sellerscore.plugin") != std::string::npos);
    CHECK(result.out.find("abi:         1.0 (this host speaks 1.0)") != std::string::npos);
}

TEST_CASE("a plugin path that does not exist is a config error (exit 2)") {
    ScratchDirectory dir;
    const ProcessResult result = plugin_info_with(dir.path() / "nowhere.so", dir);
    CHECK(result.exit_code == 2);
    CHECK(result.err == "crmhost: plugin info: " + (dir.path() / "nowhere.so").string() + ": no such plugin file\n");
}

TEST_CASE("a group-writable plugin file is refused with its mode") {
    ScratchDirectory dir;
    const std::filesystem::path plugin = copy_of_good_fixture(dir);
    ::chmod(plugin.c_str(), 0775);
    const ProcessResult result = plugin_info_with(plugin, dir);
    CHECK(result.exit_code == 1);
    CHECK(result.err == "crmhost: plugin info: " + plugin.string() +
                            ": refusing to load a group- or world-writable plugin (mode 0775)\n");
}

TEST_CASE("a world-writable plugin file is refused with its mode") {
    ScratchDirectory dir;
    const std::filesystem::path plugin = copy_of_good_fixture(dir);
    ::chmod(plugin.c_str(), 0666);
    const ProcessResult result = plugin_info_with(plugin, dir);
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("refusing to load a group- or world-writable plugin (mode 0666)") != std::string::npos);
}

TEST_CASE("a text file named .so is refused as not a loadable library with the loader's reason") {
    ScratchDirectory dir;
    // Longer than an ELF header (64 bytes), so the loader reads it and rejects the header itself.
    const std::filesystem::path plugin = dir.write(
        "plugin/sellerscore.so", std::string(3, '#') + " this is a text file that someone named sellerscore.so by mistake\n");
    const ProcessResult result = plugin_info_with(plugin, dir);
    CHECK(result.exit_code == 1);
    CHECK(result.err.find(plugin.string() + ": not a loadable library (") != std::string::npos);
    // dlerror() says why: a text file does not start with an ELF header.
    CHECK(result.err.find("invalid ELF header") != std::string::npos);
    CHECK(line_count(result.err) == 1);
}

TEST_CASE("a library without crmext_entry is refused") {
    ScratchDirectory dir;
    const ProcessResult result = plugin_info_with(fixture_plugin("no_entry"), dir);
    CHECK(result.exit_code == 1);
    CHECK(result.err == "crmhost: plugin info: " + fixture_plugin("no_entry").string() +
                            ": no crmext_entry symbol; not a crmext plugin\n");
}

TEST_CASE("a plugin whose entry point returns NULL is refused with the plugin's own message") {
    ScratchDirectory dir;
    const ProcessResult result = plugin_info_with(fixture_plugin("entry_returns_null"), dir);
    CHECK(result.exit_code == 1);
    CHECK(result.err == "crmhost: plugin info: " + fixture_plugin("entry_returns_null").string() +
                            ": crmext_entry refused to start: fixture: this plugin refuses every host\n");
}

TEST_CASE("a plugin of another ABI major is refused") {
    ScratchDirectory dir;
    const ProcessResult result = plugin_info_with(fixture_plugin("abi_major_2"), dir);
    CHECK(result.exit_code == 1);
    CHECK(result.err == "crmhost: plugin info: " + fixture_plugin("abi_major_2").string() +
                            ": plugin ABI major 2 differs from this host's 1\n");
}

TEST_CASE("a plugin built against a newer ABI minor is refused") {
    ScratchDirectory dir;
    const ProcessResult result = plugin_info_with(fixture_plugin("abi_minor_99"), dir);
    CHECK(result.exit_code == 1);
    CHECK(result.err == "crmhost: plugin info: " + fixture_plugin("abi_minor_99").string() +
                            ": plugin ABI 1.99 is newer than this host's 1.0; upgrade crmhost\n");
}

TEST_CASE("a plugin without a manifest next to it is refused") {
    ScratchDirectory dir;
    const std::filesystem::path manifest = fixture_plugin("manifest_missing").parent_path() / "sellerscore.json";
    const ProcessResult result = plugin_info_with(fixture_plugin("manifest_missing"), dir);
    CHECK(result.exit_code == 1);
    CHECK(result.err == "crmhost: plugin info: " + manifest.string() +
                            ": missing; the manifest must be installed next to the plugin\n");
}

TEST_CASE("a manifest that is not JSON is refused with its line and column") {
    ScratchDirectory dir;
    const std::filesystem::path manifest = fixture_plugin("manifest_unparsable").parent_path() / "sellerscore.json";
    const ProcessResult result = plugin_info_with(fixture_plugin("manifest_unparsable"), dir);
    CHECK(result.exit_code == 1);
    // The fixture's manifest is `{"id": "io.sellerscore.plugin",` (31 characters): it ends early.
    CHECK(result.err.find(manifest.string() + ":1:32: not valid JSON (") != std::string::npos);
}

TEST_CASE("a manifest whose version disagrees with the embedded one is refused naming both values") {
    ScratchDirectory dir;
    const std::filesystem::path manifest = fixture_plugin("manifest_mismatch").parent_path() / "sellerscore.json";
    const ProcessResult result = plugin_info_with(fixture_plugin("manifest_mismatch"), dir);
    CHECK(result.exit_code == 1);
    CHECK(result.err == "crmhost: plugin info: " + manifest.string() +
                            ": version \"9.9.9\" disagrees with the plugin's embedded manifest (\"0.1.0\")\n");
}

// A signed package passing every check: host_package_signature_test.cpp.
TEST_CASE("plugin verify of a well-formed but unsigned plugin passes every check but the signature, and fails") {
    ScratchDirectory dir;
    const ProcessResult result =
        run_crmhost({"plugin", "verify"}, dir.path(), {{"SELLERSCORE_PLUGIN", fixture_plugin("good").string()}});
    CHECK(result.exit_code == 1);
    CHECK(result.out.find("ok: crmext_entry accepts this host") != std::string::npos);
    CHECK(result.out.find("ok: the manifest names this library and entry symbol") != std::string::npos);
    CHECK(result.err == "crmhost: plugin verify: " + (fixture_plugin("good").parent_path() / "SHA256SUMS").string() +
                            ": missing; this plugin does not come from a signed package (a plugin built from "
                            "source loads only with SELLERSCORE_ALLOW_UNSIGNED_PLUGIN=1, for development)\n");
}
