#include "config_file.hpp"

#include <array>

#include "json_file.hpp"
#include "json_schema_validator.hpp"

namespace sellerscore::host {

namespace json = boost::json;

namespace {

// The settings that name files or folders; each is read relative to the config file's folder.
constexpr std::array path_keys{
    "plugin",           "local.database",   "state_dir",         "secrets_file",
    "hubspot.ca_file",  "pipedrive.ca_file", "salesforce.ca_file", "plugin_signing_key",
};

// Shared by the const lookup and the in-place path rewrite; Object is json::object, const or not.
template <class Object>
auto* find_dotted(Object& root, std::string_view dotted_key) {
    Object* object = &root;
    while (true) {
        const std::size_t dot = dotted_key.find('.');
        auto* value = object->if_contains(dotted_key.substr(0, dot));
        if (value == nullptr || dot == std::string_view::npos) {
            return value;
        }
        object = value->if_object();
        if (object == nullptr) {
            return decltype(value){nullptr};
        }
        dotted_key.remove_prefix(dot + 1);
    }
}

}  // namespace

ConfigFile::ConfigFile(std::string name, std::filesystem::path folder, json::object document)
    : name_(std::move(name)), folder_(std::move(folder)), document_(std::move(document)) {}

Result<ConfigFile> ConfigFile::read(const std::filesystem::path& path) {
    Result<json::value> parsed = read_json_file(path);
    if (!parsed) {
        return Status::invalid_argument(parsed.status().message());
    }
    if (!parsed->is_object()) {
        return Status::invalid_argument(path.string() + ": expected a JSON object at the top level");
    }
    std::error_code ec;
    std::filesystem::path absolute = std::filesystem::absolute(path, ec);
    if (ec) {
        return Status::invalid_argument(path.string() + ": " + ec.message());
    }
    ConfigFile config(path.string(), absolute.parent_path(), std::move(parsed->get_object()));
    config.resolve_paths();
    return config;
}

Status ConfigFile::validate(const json::value& config_schema) const {
    const std::vector<SchemaViolation> violations = JsonSchemaValidator(config_schema).validate(document_);
    if (violations.empty()) {
        return Status::ok();
    }
    std::string message = name_ + ": " + violations.front().to_string();
    if (violations.size() > 1) {
        const std::size_t more = violations.size() - 1;
        message += " (and " + std::to_string(more) + " more problem" + (more == 1 ? ")" : "s)");
    }
    return Status::invalid_argument(std::move(message));
}

const json::value* ConfigFile::find(std::string_view dotted_key) const {
    return find_dotted(document_, dotted_key);
}

std::optional<std::string> ConfigFile::string_at(std::string_view dotted_key) const {
    const json::value* value = find(dotted_key);
    if (value == nullptr || !value->is_string()) {
        return std::nullopt;
    }
    return std::string(value->get_string());
}

void ConfigFile::resolve_paths() {
    for (std::string_view key : path_keys) {
        // A wrong type is left alone for validate() to report with its key path.
        json::value* value = find_dotted(document_, key);
        if (value == nullptr || !value->is_string() || value->get_string().empty()) {
            continue;
        }
        std::filesystem::path path(std::string(value->get_string()));
        if (path.is_relative()) {
            *value = (folder_ / path).lexically_normal().string();
        }
    }
}

}  // namespace sellerscore::host
