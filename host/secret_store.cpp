#include "secret_store.hpp"

#include <sys/stat.h>

#include <cstdlib>

#include <fmt/format.h>

#include "json_file.hpp"

namespace sellerscore::host {

Result<SecretStore> SecretStore::open(const std::filesystem::path& secrets_file) {
    const std::string name = secrets_file.string();
    struct stat info {};
    if (::stat(secrets_file.c_str(), &info) != 0) {
        return Status::invalid_argument(name + ": no such secrets file");
    }
    const unsigned mode = info.st_mode & 07777;
    if ((mode & 077) != 0) {
        return Status::invalid_argument(fmt::format(
            "{}: refusing to read a secrets file that others can access (mode {:04o}); run chmod 600 {}", name,
            mode, name));
    }
    Result<boost::json::value> parsed = read_json_file(secrets_file);
    if (!parsed) {
        // The parser's message carries line and column only, never the text around them.
        return Status::invalid_argument(parsed.status().message());
    }
    const boost::json::object* entries = parsed->if_object();
    if (entries == nullptr) {
        return Status::invalid_argument(name + ": expected a JSON object of name -> string");
    }
    SecretStore store;
    for (const auto& [key, value] : *entries) {
        if (!value.is_string()) {
            return Status::invalid_argument(name + ": " + std::string(key) + ": expected string");
        }
        store.file_secrets_.emplace(std::string(key), std::string(value.get_string()));
    }
    return store;
}

std::optional<std::string> SecretStore::find(const std::string& name) const {
    if (const char* from_env = std::getenv(name.c_str()); from_env != nullptr && *from_env != '\0') {
        return std::string(from_env);
    }
    if (auto it = file_secrets_.find(name); it != file_secrets_.end()) {
        return it->second;
    }
    return std::nullopt;
}

}  // namespace sellerscore::host
