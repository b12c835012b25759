#include <boost/json/object.hpp>
#include <fmt/format.h>

#include "command_handlers.hpp"
#include "config_file.hpp"
#include "csv_text.hpp"
#include "json_pretty_printer.hpp"
#include "connectors/local/ndjson_importer.hpp"
#include "progress_reporter.hpp"
#include "single_writer_lock.hpp"

namespace sellerscore::host {

namespace {

Result<std::filesystem::path> local_database(const GlobalOptions& global) {
    std::optional<std::filesystem::path> path = global.config_path;
    if (!path && std::filesystem::exists(ConfigFile::default_name)) {
        path = std::filesystem::path(ConfigFile::default_name);
    }
    if (!path) {
        return Status::invalid_argument("no configuration: pass --config FILE naming a \"local\" connector");
    }
    Result<ConfigFile> config = ConfigFile::read(*path);
    if (!config) return config.status();
    if (config->string_at("connector") != "local") {
        return Status::invalid_argument(config->name() +
                                        ": connector: import loads the embedded CRM and needs \"local\"");
    }
    std::optional<std::string> database = config->string_at("local.database");
    if (!database) {
        return Status::invalid_argument(config->name() + ": local.database: missing required key");
    }
    return std::filesystem::path(*database);
}

}  // namespace

Status run_import_command(const GlobalOptions& global, const std::filesystem::path& dir, OutputFormat format,
                          std::ostream& out) {
    // The import talks to the embedded CRM directly: it is the CRM's own loading step, not a
    // plugin operation, so it works before the plugin is installed.
    Result<std::filesystem::path> database_path = local_database(global);
    if (!database_path) return database_path.status();
    Result<SingleWriterLock> lock = SingleWriterLock::acquire(database_path->string() + ".lock",
                                                              "local CRM " + database_path->string(), "import");
    if (!lock) return lock.status();
    Result<std::unique_ptr<connectors::LocalCrmDatabase>> db = connectors::LocalCrmDatabase::open(*database_path);
    if (!db) return db.status();

    ProgressReporter progress(stderr, ProgressReporter::style_for_stderr());
    Result<connectors::ImportCounts> counts = connectors::NdjsonImporter(**db).import_directory(
        dir, [&](std::size_t done, std::size_t total) { progress.report(done, total, "importing"); });
    progress.interrupt();
    if (!counts) return counts.status();
    if (format != OutputFormat::table) {
        const auto n = [](std::size_t count) { return static_cast<std::uint64_t>(count); };
        const boost::json::object document{{"database", database_path->string()},  {"records", n(counts->total())},
                                           {"sellers", n(counts->sellers)},          {"stages", n(counts->stages)},
                                           {"contacts", n(counts->contacts)},        {"deals", n(counts->deals)},
                                           {"stage_changes", n(counts->stage_changes)}, {"activities", n(counts->activities)},
                                           {"spend", n(counts->spend)}};
        out << (format == OutputFormat::json ? pretty_print_json(document) : csv_of_object(document));
        return Status::ok();
    }
    out << fmt::format(
        "imported {} records into {}: {} sellers, {} stages, {} contacts, {} deals, {} stage changes, {} activities, "
        "{} spend rows, {} survey responses, {} deliveries\n",
        counts->total(), database_path->string(), counts->sellers, counts->stages, counts->contacts, counts->deals,
        counts->stage_changes, counts->activities, counts->spend, counts->survey_responses, counts->deliveries);
    return Status::ok();
}

}  // namespace sellerscore::host
