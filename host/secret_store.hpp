// Where secrets come from (DESIGN.md "Credentials"): the environment first, then an optional JSON
// secrets file that only its owner may read. Secret values never appear in a message or a log.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "plugin/model/status.hpp"

namespace sellerscore::host {

class SecretStore {
public:
    // No secrets file: the environment only.
    SecretStore() = default;

    // Refuses a file that group or others may access (StatusCode::invalid_argument), one that is not
    // a JSON object of name -> string, or one that cannot be read.
    static Result<SecretStore> open(const std::filesystem::path& secrets_file);

    // The environment variable `name` when set and non-empty, else the file's entry.
    std::optional<std::string> find(const std::string& name) const;

private:
    std::map<std::string, std::string> file_secrets_;
};

}  // namespace sellerscore::host
