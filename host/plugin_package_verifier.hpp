// Checks that the plugin's folder holds the package exactly as it was signed, before any of its code
// runs (dlopen runs the library's constructors). Packaging (packaging/sign_package.cmake) writes
// SHA256SUMS next to the plugin: one "<sha256 hex>  <path>" line per installed file, paths relative to
// that folder, the format `sha256sum -c` reads. SHA256SUMS.sig is a raw 64-byte Ed25519 signature of
// SHA256SUMS, checked against a public key crmhost trusts, never one found beside the plugin.
#pragma once

#include <cstddef>
#include <filesystem>

#include "plugin/model/status.hpp"

namespace sellerscore::host {
class ConfigFile;
}

namespace sellerscore::host {

struct VerifiedPackage {
    std::filesystem::path sums_path;
    std::filesystem::path trusted_key;
    std::size_t files_checked = 0;
};

class PluginPackageVerifier {
public:
    static constexpr const char* sums_file_name = "SHA256SUMS";
    static constexpr const char* signature_file_name = "SHA256SUMS.sig";

    // Which listed files have their hash checked. Loading needs the plugin's own folder only (the
    // library and its manifest): crmhost checking its own binary proves nothing, and a missing doc
    // file (dpkg's path-exclude in slim images) must not stop a sync. `plugin verify` checks them all.
    enum class Scope { plugin_folder, every_file };

    explicit PluginPackageVerifier(std::filesystem::path trusted_key) : trusted_key_(std::move(trusted_key)) {}

    // The signature first (nothing in an unsigned list is worth reading), then the hashes `scope`
    // covers; the library and its manifest must both be listed. Every refusal is
    // StatusCode::unsupported and names the file at fault.
    Result<VerifiedPackage> verify(const std::filesystem::path& library, Scope scope) const;

    // The key installed with crmhost: <dir of the running crmhost>/<bindir-to-datadir>/plugin-signing-key.pem.
    static std::filesystem::path installed_trusted_key();

    // The key to trust: the config's `plugin_signing_key` when set, instead of the installed one (an
    // admin who signs their own builds). It is read before the plugin, whose manifest's schema checks
    // the rest of the config, is trusted: so here, and a bad key file is a config error
    // (StatusCode::invalid_argument) naming the file, the key and what is wrong.
    static Result<std::filesystem::path> trusted_key(const ConfigFile* config);

private:
    std::filesystem::path trusted_key_;
};

}  // namespace sellerscore::host
