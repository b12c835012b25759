// An installed crmhost loads only a plugin whose package is signed by the key installed with it (or the
// one the config names in plugin_signing_key), and whose own files (library, manifest) match the signed SHA-256 list; plugin verify checks every file. Each test builds a small prefix of its own (a copy of
// crmhost, the good fixture plugin and its manifest), hashes it with sha256sum and signs it with a
// throwaway Ed25519 key made by the openssl command line, independently of the code under test.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include "host_scratch_directory.hpp"
#include "host_test_process.hpp"

using namespace sellerscore::host::testing;
namespace fs = std::filesystem;

namespace {

// Runs `command` with sh; its output shows only when it fails.
void shell(const std::string& command) {
    std::FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string output;
    char buffer[4096];
    std::size_t count = 0;
    while ((count = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, count);
    const int status = ::pclose(pipe);
    INFO(command << "\n" << output);
    REQUIRE(status == 0);
}

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

// One byte of `file` at `offset`, inverted.
void flip_byte(const fs::path& file, std::streamoff offset) {
    std::fstream io(file, std::ios::in | std::ios::out | std::ios::binary);
    REQUIRE(io);
    io.seekg(offset);
    const char byte = static_cast<char>(io.get());
    io.seekp(offset);
    io.put(static_cast<char>(~byte));
}

// In a shared library the last byte belongs to the section headers, which the dynamic loader never
// reads: the library still loads, so only the hash can notice.
void flip_last_byte(const fs::path& file) { flip_byte(file, static_cast<std::streamoff>(fs::file_size(file)) - 1); }

// <root>/bin/crmhost, <root>/lib/sellerscore/{sellerscore.so,sellerscore.json}, a doc file at
// <root>/share/doc/sellerscore/README.md and the trusted key at <root>/share/sellerscore/plugin-signing-key.pem:
// the default GNUInstallDirs layout crmhost is built for.
class SignedPrefix {
public:
    explicit SignedPrefix(const ScratchDirectory& scratch)
        : root_(scratch.path() / "prefix"), keys_(scratch.path() / "keys") {
        fs::create_directories(root_ / "bin");
        fs::create_directories(plugin_dir());
        fs::create_directories(trusted_key().parent_path());
        fs::create_directories(keys_);
        fs::copy_file(SELLERSCORE_CRMHOST_PATH, crmhost());
        fs::copy_file(fixture_plugin("good"), plugin());
        fs::copy_file(fixture_plugin("good").parent_path() / "sellerscore.json", plugin_dir() / "sellerscore.json");
        ::chmod(plugin().c_str(), 0755);
        ::chmod(crmhost().c_str(), 0755);
        fs::create_directories(doc().parent_path());
        std::ofstream(doc()) << "# sellerscore\n";
        make_key("packager");
        make_key("stranger");
        shell("cd " + quoted(plugin_dir()) +
              " && sha256sum sellerscore.so sellerscore.json ../../bin/crmhost ../../share/doc/sellerscore/README.md"
              " > SHA256SUMS");
        sign_with("packager");
        trust("packager");
    }

    void make_key(const std::string& name) const {
        shell("openssl genpkey -algorithm ed25519 -out " + quoted(keys_ / (name + ".key")));
        shell("openssl pkey -in " + quoted(keys_ / (name + ".key")) + " -pubout -out " +
              quoted(keys_ / (name + ".pub")));
    }
    void sign_with(const std::string& name) const {
        shell("openssl pkeyutl -sign -rawin -inkey " + quoted(keys_ / (name + ".key")) + " -in " + quoted(sums()) +
              " -out " + quoted(signature()));
    }
    void trust(const std::string& name) const {
        fs::copy_file(keys_ / (name + ".pub"), trusted_key(), fs::copy_options::overwrite_existing);
        ::chmod(trusted_key().c_str(), 0644);
    }

    // The installed crmhost, with the development override explicitly off.
    ProcessResult run(const std::vector<std::string>& args, const std::string& override_value = "0") const {
        return run_crmhost_at(crmhost(), args, root_, {{allow_unsigned_plugin_variable, override_value}});
    }

    fs::path crmhost() const { return root_ / "bin" / "crmhost"; }
    fs::path plugin_dir() const { return root_ / "lib" / "sellerscore"; }
    fs::path plugin() const { return plugin_dir() / "sellerscore.so"; }
    fs::path sums() const { return plugin_dir() / "SHA256SUMS"; }
    fs::path signature() const { return plugin_dir() / "SHA256SUMS.sig"; }
    fs::path trusted_key() const { return root_ / "share" / "sellerscore" / "plugin-signing-key.pem"; }
    fs::path doc() const { return root_ / "share" / "doc" / "sellerscore" / "README.md"; }
    fs::path public_key(const std::string& name) const { return keys_ / (name + ".pub"); }

    // <root>/config.json naming `signing_key` as the key to trust, as written (relative to the root).
    fs::path config_trusting(const std::string& signing_key) const {
        const fs::path config = root_ / "config.json";
        std::ofstream(config) << R"({"connector": "local", "local": {"database": "crm.sqlite"}, "plugin_signing_key": ")"
                              << signing_key << "\"}\n";
        return config;
    }

private:
    fs::path root_;
    fs::path keys_;
};

}  // namespace

TEST_CASE("plugin verify accepts a signed package: the signature and all four files' hashes") {
    ScratchDirectory scratch;
    const SignedPrefix prefix(scratch);
    const ProcessResult result = prefix.run({"plugin", "verify"});
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("ok: " + prefix.sums().string() + " is signed by the trusted key " +
                          prefix.trusted_key().string() + "\n") != std::string::npos);
    CHECK(result.out.find("ok: all 4 files it lists match their SHA-256\n") != std::string::npos);
}

TEST_CASE("a plugin from a signed package loads without a warning") {
    ScratchDirectory scratch;
    const SignedPrefix prefix(scratch);
    const ProcessResult result = prefix.run({"plugin", "info"});
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
    CHECK(result.signature_warnings.empty());
    CHECK(result.out.find("io.sellerscore.plugin") != std::string::npos);
    CHECK(result.out.find("signature:   verified with " + prefix.trusted_key().string() + "\n") != std::string::npos);
}

TEST_CASE("a flipped byte in the signed plugin library is refused before the library is loaded") {
    ScratchDirectory scratch;
    const SignedPrefix prefix(scratch);
    flip_last_byte(prefix.plugin());
    const ProcessResult result = prefix.run({"plugin", "info"});
    CHECK(result.exit_code == 1);
    CHECK(result.err == "crmhost: plugin info: " + prefix.plugin().string() +
                            ": its SHA-256 differs from the one signed in " + prefix.sums().string() +
                            "; the package was changed after signing, reinstall it\n");
    CHECK(result.out.empty());
}

TEST_CASE("a changed plugin manifest (sellerscore.json) in a signed package is refused") {
    ScratchDirectory scratch;
    const SignedPrefix prefix(scratch);
    flip_byte(prefix.plugin_dir() / "sellerscore.json", 10);
    const ProcessResult result = prefix.run({"plugin", "verify"});
    CHECK(result.exit_code == 1);
    CHECK(result.err == "crmhost: plugin verify: " + (prefix.plugin_dir() / "sellerscore.json").string() +
                            ": its SHA-256 differs from the one signed in " + prefix.sums().string() +
                            "; the package was changed after signing, reinstall it\n");
}

TEST_CASE("a SHA256SUMS changed after signing is refused, even when its hashes match the files") {
    ScratchDirectory scratch;
    const SignedPrefix prefix(scratch);
    // Re-listing only two of the three files keeps every listed hash true; only the signature can tell.
    shell("cd " + quoted(prefix.plugin_dir()) + " && sha256sum sellerscore.so sellerscore.json > SHA256SUMS");
    const ProcessResult result = prefix.run({"plugin", "verify"});
    CHECK(result.exit_code == 1);
    CHECK(result.err == "crmhost: plugin verify: " + prefix.sums().string() +
                            ": the signature does not match the trusted key " + prefix.trusted_key().string() +
                            "; reinstall from a verified download\n");
}

TEST_CASE("a package signed by a key crmhost does not trust is refused") {
    ScratchDirectory scratch;
    const SignedPrefix prefix(scratch);
    prefix.trust("stranger");
    const ProcessResult result = prefix.run({"plugin", "info"});
    CHECK(result.exit_code == 1);
    CHECK(result.err == "crmhost: plugin info: " + prefix.sums().string() +
                            ": the signature does not match the trusted key " + prefix.trusted_key().string() +
                            "; reinstall from a verified download\n");
}

TEST_CASE("a package whose signature is missing is refused") {
    ScratchDirectory scratch;
    const SignedPrefix prefix(scratch);
    fs::remove(prefix.signature());
    const ProcessResult result = prefix.run({"plugin", "info"});
    CHECK(result.exit_code == 1);
    CHECK(result.err == "crmhost: plugin info: " + prefix.signature().string() +
                            ": missing; this plugin's package is not signed\n");
}

TEST_CASE("a plugin with no SHA256SUMS beside it is refused") {
    ScratchDirectory scratch;
    const SignedPrefix prefix(scratch);
    fs::remove(prefix.sums());
    const ProcessResult result = prefix.run({"plugin", "info"});
    CHECK(result.exit_code == 1);
    CHECK(result.err == "crmhost: plugin info: " + prefix.sums().string() +
                            ": missing; this plugin does not come from a signed package (a plugin built from "
                            "source loads only with SELLERSCORE_ALLOW_UNSIGNED_PLUGIN=1, for development)\n");
}

TEST_CASE("a signed list that leaves out the plugin library is refused") {
    ScratchDirectory scratch;
    const SignedPrefix prefix(scratch);
    shell("cd " + quoted(prefix.plugin_dir()) + " && sha256sum sellerscore.json ../../bin/crmhost > SHA256SUMS");
    prefix.sign_with("packager");
    const ProcessResult result = prefix.run({"plugin", "info"});
    CHECK(result.exit_code == 1);
    CHECK(result.err == "crmhost: plugin info: " + prefix.sums().string() +
                            ": does not list sellerscore.so, so it cannot vouch for it\n");
}

TEST_CASE("a trusted key that group or others can write is refused") {
    ScratchDirectory scratch;
    const SignedPrefix prefix(scratch);
    ::chmod(prefix.trusted_key().c_str(), 0664);
    const ProcessResult result = prefix.run({"plugin", "info"});
    CHECK(result.exit_code == 1);
    CHECK(result.err == "crmhost: plugin info: " + prefix.trusted_key().string() +
                            ": refusing a group- or world-writable plugin-signing key (mode 0664)\n");
}

TEST_CASE("SELLERSCORE_ALLOW_UNSIGNED_PLUGIN=1 loads an unsigned plugin with a warning naming the override") {
    ScratchDirectory scratch;
    const SignedPrefix prefix(scratch);
    fs::remove(prefix.signature());
    const ProcessResult result = prefix.run({"plugin", "info"}, "1");
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
    CHECK(result.signature_warnings == "[warning] plugin signature not checked (SELLERSCORE_ALLOW_UNSIGNED_PLUGIN=1): " +
                                           prefix.signature().string() +
                                           ": missing; this plugin's package is not signed\n");
    CHECK(result.out.find("io.sellerscore.plugin") != std::string::npos);
    CHECK(result.out.find("signature:   NOT CHECKED (development override)\n") != std::string::npos);
}

TEST_CASE("plugin verify still fails on a tampered package under the development override") {
    ScratchDirectory scratch;
    const SignedPrefix prefix(scratch);
    flip_last_byte(prefix.plugin());
    const ProcessResult result = prefix.run({"plugin", "verify"}, "1");
    CHECK(result.exit_code == 1);
    CHECK(result.err == "crmhost: plugin verify: " + prefix.plugin().string() +
                            ": its SHA-256 differs from the one signed in " + prefix.sums().string() +
                            "; the package was changed after signing, reinstall it\n");
}

TEST_CASE("the override takes exactly 1: any other value leaves an unsigned plugin refused") {
    ScratchDirectory scratch;
    const SignedPrefix prefix(scratch);
    fs::remove(prefix.signature());
    const ProcessResult result = prefix.run({"plugin", "info"}, "yes");
    CHECK(result.exit_code == 1);
    CHECK(result.signature_warnings.empty());
}

TEST_CASE("a listed file outside the plugin's folder that is gone fails plugin verify, but the plugin still loads") {
    ScratchDirectory scratch;
    const SignedPrefix prefix(scratch);
    // What dpkg's path-exclude for /usr/share/doc does in a slim image.
    fs::remove(prefix.doc());

    const ProcessResult info = prefix.run({"plugin", "info"});
    const ProcessResult verify = prefix.run({"plugin", "verify"});

    CHECK(info.exit_code == 0);
    CHECK(info.err.empty());
    CHECK(verify.exit_code == 1);
    CHECK(verify.err == "crmhost: plugin verify: " + prefix.doc().string() + ": listed in " + prefix.sums().string() +
                            " but cannot be read\n");
}

TEST_CASE("a changed file outside the plugin's folder fails plugin verify naming it") {
    ScratchDirectory scratch;
    const SignedPrefix prefix(scratch);
    std::ofstream(prefix.doc(), std::ios::app) << "an edit after signing\n";
    const ProcessResult verify = prefix.run({"plugin", "verify"});
    CHECK(verify.exit_code == 1);
    CHECK(verify.err == "crmhost: plugin verify: " + prefix.doc().string() + ": its SHA-256 differs from the one signed in " +
                            prefix.sums().string() + "; the package was changed after signing, reinstall it\n");
}

// An admin who signs their own builds names their public key in the config: crmhost then trusts that
// key instead of the installed one.
TEST_CASE("a package signed by the key the config names in plugin_signing_key loads, and plugin verify names that key") {
    ScratchDirectory scratch;
    const SignedPrefix prefix(scratch);
    prefix.sign_with("stranger");
    ::chmod(prefix.public_key("stranger").c_str(), 0644);
    const fs::path config = prefix.config_trusting("../keys/stranger.pub");  // read from the config's folder
    const ProcessResult info = prefix.run({"--config", config.string(), "plugin", "info"});
    INFO(info.err);
    CHECK(info.exit_code == 0);
    CHECK(info.out.find("signature:   verified with " + prefix.public_key("stranger").string() + "\n") != std::string::npos);
    const ProcessResult verify = prefix.run({"--config", config.string(), "plugin", "verify"});
    INFO(verify.err);
    CHECK(verify.exit_code == 0);
    CHECK(verify.out.find("ok: " + prefix.sums().string() + " is signed by the trusted key " +
                          prefix.public_key("stranger").string() + "\n") != std::string::npos);
}

TEST_CASE("with plugin_signing_key set, a package signed by another key, the installed one included, is refused") {
    ScratchDirectory scratch;
    const SignedPrefix prefix(scratch);  // signed by the packager, whose key is the installed one
    ::chmod(prefix.public_key("stranger").c_str(), 0644);
    const fs::path config = prefix.config_trusting(prefix.public_key("stranger").string());
    const ProcessResult result = prefix.run({"--config", config.string(), "plugin", "info"});
    CHECK(result.exit_code == 1);
    CHECK(result.err == "crmhost: plugin info: " + prefix.sums().string() +
                            ": the signature does not match the trusted key " + prefix.public_key("stranger").string() +
                            "; reinstall from a verified download\n");
}

TEST_CASE("a plugin_signing_key that is not a public key file is a config error naming the key and the file") {
    ScratchDirectory scratch;
    const SignedPrefix prefix(scratch);
    const fs::path not_a_key = scratch.path() / "keys" / "packager.key";  // the private key, by mistake
    ::chmod(not_a_key.c_str(), 0600);
    const fs::path config = prefix.config_trusting(not_a_key.string());
    const ProcessResult wrong = prefix.run({"--config", config.string(), "plugin", "info"});
    CHECK(wrong.exit_code == 2);
    CHECK(wrong.err == "crmhost: plugin info: " + config.string() + ": plugin_signing_key: " + not_a_key.string() +
                           ": not a PEM public key\n");

    const fs::path config_missing = prefix.config_trusting("no-such.pem");
    const ProcessResult missing = prefix.run({"--config", config_missing.string(), "plugin", "info"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("crmhost: plugin info: " + config_missing.string() + ": plugin_signing_key: " +
                           (config_missing.parent_path() / "no-such.pem").string() + ": ") == 0);
}

TEST_CASE("a plugin_signing_key file that group or others can write is a config error") {
    ScratchDirectory scratch;
    const SignedPrefix prefix(scratch);
    prefix.sign_with("stranger");
    ::chmod(prefix.public_key("stranger").c_str(), 0666);
    const fs::path config = prefix.config_trusting(prefix.public_key("stranger").string());
    const ProcessResult result = prefix.run({"--config", config.string(), "plugin", "info"});
    CHECK(result.exit_code == 2);
    CHECK(result.err == "crmhost: plugin info: " + config.string() + ": plugin_signing_key: " +
                            prefix.public_key("stranger").string() +
                            ": refusing a group- or world-writable plugin-signing key (mode 0666)\n");
}
