#include "plugin_loader.hpp"

#include <dlfcn.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "json_file.hpp"

namespace sellerscore::host {

namespace json = boost::json;

namespace {

Status refuse(const std::filesystem::path& where, const std::string& why) {
    return Status::unsupported(where.string() + ": " + why);
}

Status check_file(const std::filesystem::path& library) {
    struct stat info {};
    if (::stat(library.c_str(), &info) != 0) {
        return Status::invalid_argument(library.string() + ": no such plugin file");
    }
    if (!S_ISREG(info.st_mode)) {
        return refuse(library, "not a regular file");
    }
    // Anyone who can write the file can run code as whoever runs crmhost.
    const unsigned mode = info.st_mode & 07777;
    if ((mode & (S_IWGRP | S_IWOTH)) != 0) {
        return refuse(library, fmt::format("refusing to load a group- or world-writable plugin (mode {:04o})", mode));
    }
    return Status::ok();
}

std::string field_of(const json::value& manifest, std::string_view key) {
    const json::value* v = manifest.is_object() ? manifest.get_object().if_contains(key) : nullptr;
    return v ? json::serialize(*v) : "(none)";
}

// id, version and abi must agree: the manifest on disk is what packaging and `plugin info` show,
// the embedded one is what the code was built with.
Status cross_check(const std::filesystem::path& manifest_path, const json::value& on_disk,
                   const json::value& embedded) {
    for (std::string_view field : {"id", "version", "abi"}) {
        const std::string disk_value = field_of(on_disk, field);
        const std::string embedded_value = field_of(embedded, field);
        if (disk_value != embedded_value) {
            return refuse(manifest_path, fmt::format("{} {} disagrees with the plugin's embedded manifest ({})",
                                                     field, disk_value, embedded_value));
        }
    }
    return Status::ok();
}

}  // namespace

PluginTrust PluginTrust::from_environment(std::function<void(const std::string&)> warn) {
    const char* override_value = std::getenv(allow_unsigned_variable);
    return {PluginPackageVerifier::installed_trusted_key(),
            override_value != nullptr && std::string_view(override_value) == "1", std::move(warn)};
}

Result<LoadedPlugin> PluginLoader::load(const std::filesystem::path& library) const {
    if (Status file = check_file(library); !file) {
        return file;
    }
    LoadedPlugin loaded;
    // Before dlopen: loading a library runs its constructors.
    Result<VerifiedPackage> package =
        PluginPackageVerifier(trust_.trusted_key).verify(library, PluginPackageVerifier::Scope::plugin_folder);
    if (package) {
        loaded.package = std::move(*package);
    } else if (trust_.allow_unsigned) {
        if (trust_.warn) trust_.warn(package.status().message());
    } else {
        return package.status();
    }
    loaded.library_path = std::filesystem::absolute(library);
    loaded.manifest_path = loaded.library_path.parent_path() / manifest_file_name;

    // RTLD_LOCAL keeps the plugin's symbols (its own Boost, SQLite) from resolving anyone else's.
    void* handle = ::dlopen(loaded.library_path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        const char* why = ::dlerror();
        return refuse(library, std::string("not a loadable library (") + (why ? why : "unknown error") + ")");
    }
    auto entry = reinterpret_cast<crmext_entry_fn>(::dlsym(handle, CRMEXT_ENTRY_SYMBOL));
    if (entry == nullptr) {
        return refuse(library, "no " CRMEXT_ENTRY_SYMBOL " symbol; not a crmext plugin");
    }
    crmext_error err{};
    const crmext_plugin* table = entry(host_, &err);
    if (table == nullptr) {
        err.message[sizeof(err.message) - 1] = '\0';
        return refuse(library, std::string(CRMEXT_ENTRY_SYMBOL " refused to start: ") +
                                   (err.message[0] ? err.message : "no reason given"));
    }
    std::memcpy(&loaded.table, table, std::min<std::size_t>(table->struct_size, sizeof(loaded.table)));

    if (loaded.table.abi_major != CRMEXT_ABI_MAJOR) {
        return refuse(library, fmt::format("plugin ABI major {} differs from this host's {}", loaded.table.abi_major,
                                           CRMEXT_ABI_MAJOR));
    }
    if (loaded.table.abi_minor > CRMEXT_ABI_MINOR) {
        return refuse(library, fmt::format("plugin ABI {}.{} is newer than this host's {}.{}; upgrade crmhost",
                                           loaded.table.abi_major, loaded.table.abi_minor, CRMEXT_ABI_MAJOR,
                                           CRMEXT_ABI_MINOR));
    }

    Result<json::value> on_disk = read_json_file(loaded.manifest_path);
    if (!on_disk) {
        if (on_disk.status().code() == StatusCode::not_found) {
            return refuse(loaded.manifest_path, "missing; the manifest must be installed next to the plugin");
        }
        return Status::unsupported(on_disk.status().message());
    }
    if (loaded.table.manifest_json == nullptr) {
        return refuse(library, "the plugin embeds no manifest");
    }
    Result<json::value> embedded = parse_json_text(
        std::string_view(loaded.table.manifest_json, loaded.table.manifest_json_len), library.string() + " (embedded manifest)");
    if (!embedded) {
        return Status::unsupported(embedded.status().message());
    }
    if (Status agree = cross_check(loaded.manifest_path, *on_disk, *embedded); !agree) {
        return agree;
    }
    const std::string declared_version = json::serialize(json::value(loaded.table.plugin_version ? loaded.table.plugin_version : ""));
    if (declared_version != field_of(*embedded, "version")) {
        return refuse(library, fmt::format("plugin_version {} disagrees with its embedded manifest ({})",
                                           declared_version, field_of(*embedded, "version")));
    }
    loaded.manifest = std::move(*on_disk);
    return loaded;
}

}  // namespace sellerscore::host
