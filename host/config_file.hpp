// The host's one configuration file (DESIGN.md "The reference host"): read, checked against the
// plugin manifest's configSchema, with its paths made absolute against the file's own folder so the
// plugin never depends on the directory crmhost was started from.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "plugin/model/status.hpp"

namespace sellerscore::host {

class ConfigFile {
public:
    // The file crmhost reads when no --config is given, if it exists in the working directory.
    static constexpr std::string_view default_name = "sellerscore.json";

    // Parses `path` and resolves its path settings. Failures are StatusCode::invalid_argument, one
    // line naming the file ("sellerscore.json:1:17: not valid JSON (...)", "x.json: no such file").
    static Result<ConfigFile> read(const std::filesystem::path& path);

    // Every schema violation is a config error; the message names the first one and counts the rest.
    Status validate(const boost::json::value& config_schema) const;

    // The file name as the user gave it, for messages.
    const std::string& name() const { return name_; }
    // Absolute folder of the file: the base of every relative path in it.
    const std::filesystem::path& folder() const { return folder_; }
    const boost::json::object& document() const { return document_; }

    // The value at a dotted key ("kpi.window_days"), or nullptr.
    const boost::json::value* find(std::string_view dotted_key) const;
    std::optional<std::string> string_at(std::string_view dotted_key) const;

private:
    ConfigFile(std::string name, std::filesystem::path folder, boost::json::object document);
    void resolve_paths();

    std::string name_;
    std::filesystem::path folder_;
    boost::json::object document_;
};

}  // namespace sellerscore::host
