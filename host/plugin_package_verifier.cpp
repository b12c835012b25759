#include "plugin_package_verifier.hpp"

#include <sys/stat.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <array>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "config_file.hpp"

namespace sellerscore::host {

namespace {

using EvpKey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using EvpContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;
using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;

Status refuse_package(const std::filesystem::path& where, const std::string& why) {
    return Status::unsupported(where.string() + ": " + why);
}

Result<std::string> read_file(const std::filesystem::path& path, const std::string& when_missing) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return refuse_package(path, when_missing);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

Result<EvpKey> read_trusted_key(const std::filesystem::path& key_path) {
    struct stat info {};
    if (::stat(key_path.c_str(), &info) != 0) {
        return refuse_package(key_path, "no trusted plugin-signing key here; crmhost cannot check the plugin's signature");
    }
    // Whoever can replace the key can sign a plugin of their own.
    const unsigned mode = info.st_mode & 07777;
    if ((mode & (S_IWGRP | S_IWOTH)) != 0) {
        return refuse_package(key_path, fmt::format("refusing a group- or world-writable plugin-signing key (mode {:04o})", mode));
    }
    Bio bio(BIO_new_file(key_path.c_str(), "r"), &BIO_free);
    EvpKey key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr, &EVP_PKEY_free);
    if (!key) return refuse_package(key_path, "not a PEM public key");
    if (!EVP_PKEY_is_a(key.get(), "ED25519")) return refuse_package(key_path, "not an Ed25519 public key");
    return key;
}

bool signature_matches(EVP_PKEY* key, const std::string& signature, const std::string& message) {
    EvpContext ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    // Ed25519 is one-shot and hashes internally: no digest is named.
    return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key) == 1 &&
           EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                            reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
}

// Lower-case hex, as sha256sum prints it; empty when the file cannot be read.
std::string sha256_of(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    EvpContext ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) return {};
    std::array<char, 1 << 16> buffer{};
    while (in) {
        in.read(buffer.data(), buffer.size());
        if (in.gcount() > 0 && EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<std::size_t>(in.gcount())) != 1) {
            return {};
        }
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(ctx.get(), digest.data(), &length) != 1) return {};
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
    return hex;
}

bool is_lower_hex(std::string_view text) {
    return text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace

Result<VerifiedPackage> PluginPackageVerifier::verify(const std::filesystem::path& library, Scope scope) const {
    const std::filesystem::path folder = std::filesystem::absolute(library).parent_path();
    VerifiedPackage package{folder / sums_file_name, trusted_key_, 0};
    const std::filesystem::path signature_path = folder / signature_file_name;

    Result<std::string> sums = read_file(package.sums_path,
                                      "missing; this plugin does not come from a signed package (a plugin built from "
                                      "source loads only with SELLERSCORE_ALLOW_UNSIGNED_PLUGIN=1, for development)");
    if (!sums) return sums.status();
    Result<std::string> signature = read_file(signature_path, "missing; this plugin's package is not signed");
    if (!signature) return signature.status();
    Result<EvpKey> key = read_trusted_key(trusted_key_);
    if (!key) return key.status();
    if (!signature_matches(key->get(), *signature, *sums)) {
        return refuse_package(package.sums_path,
                      fmt::format("the signature does not match the trusted key {}; reinstall from a verified download",
                                  trusted_key_.string()));
    }

    std::set<std::string> listed;
    std::istringstream lines(*sums);
    std::string line;
    int number = 0;
    while (std::getline(lines, line)) {
        ++number;
        if (line.empty()) continue;
        // "<64 hex><space><space or *><path>", as sha256sum writes and reads it.
        if (line.size() < 67 || !is_lower_hex(std::string_view(line).substr(0, 64)) || line[64] != ' ' ||
            (line[65] != ' ' && line[65] != '*')) {
            return refuse_package(package.sums_path, fmt::format("line {}: expected \"<sha256>  <path>\"", number));
        }
        const std::string relative = line.substr(66);
        listed.insert(relative);
        if (scope == Scope::plugin_folder && std::filesystem::path(relative).has_parent_path()) continue;
        const std::filesystem::path file = (folder / relative).lexically_normal();
        const std::string actual = sha256_of(file);
        if (actual.empty()) {
            return refuse_package(file, fmt::format("listed in {} but cannot be read", package.sums_path.string()));
        }
        if (actual != line.substr(0, 64)) {
            return refuse_package(file, fmt::format("its SHA-256 differs from the one signed in {}; the package was changed "
                                            "after signing, reinstall it",
                                            package.sums_path.string()));
        }
        ++package.files_checked;
    }
    for (const std::string& required : {library.filename().string(), std::string("sellerscore.json")}) {
        if (listed.count(required) == 0) {
            return refuse_package(package.sums_path, "does not list " + required + ", so it cannot vouch for it");
        }
    }
    return package;
}

std::filesystem::path PluginPackageVerifier::installed_trusted_key() {
    std::error_code ec;
    const std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", ec);
    const std::filesystem::path bindir = ec ? std::filesystem::current_path() : executable.parent_path();
    return (bindir / CRMHOST_DATA_DIR_FROM_BINDIR / "sellerscore" / "plugin-signing-key.pem").lexically_normal();
}

Result<std::filesystem::path> PluginPackageVerifier::trusted_key(const ConfigFile* config) {
    constexpr const char* key_name = "plugin_signing_key";
    const boost::json::value* configured = config ? config->find(key_name) : nullptr;
    if (configured == nullptr) return installed_trusted_key();
    if (!configured->is_string() || configured->get_string().empty()) {
        return Status::invalid_argument(config->name() + ": " + key_name + ": expected the path of a PEM public key file");
    }
    // Relative paths were made absolute against the config's folder (config_file.cpp).
    const std::filesystem::path key_path(std::string(configured->get_string()));
    if (Result<EvpKey> key = read_trusted_key(key_path); !key) {
        return Status::invalid_argument(config->name() + ": " + key_name + ": " + key.status().message());
    }
    return key_path;
}

}  // namespace sellerscore::host
