#include <fstream>

#include <boost/json/value.hpp>
#include <fmt/format.h>

#include "command_handlers.hpp"
#include "connectors/local/ndjson_importer.hpp"
#include "host/demo/demo_crm_generator.hpp"
#include "host_session.hpp"
#include "json_pretty_printer.hpp"
#include "deals_renderer.hpp"
#include "plugin/model/timestamp_format.hpp"
#include "report/report_file.hpp"
#include "scorecard_renderer.hpp"
#include "summary_formatter.hpp"

namespace sellerscore::host {

namespace {

constexpr const char* demo_filter = "seller_score_band = A";
constexpr std::size_t demo_filter_rows = 10;

Result<demo::DemoOptions> generator_options(const DemoCommandOptions& options) {
    demo::DemoOptions generator = options.size == "large" ? demo::DemoOptions::large() : demo::DemoOptions::standard();
    if (options.seed) generator.seed = *options.seed;
    if (Status valid = generator.validate(); !valid) return valid;
    return generator;
}

// A fresh CRM every time: the demo's numbers must not depend on what an earlier run left behind.
Status reset_demo_files(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    for (const char* stale : {"crm.sqlite", "crm.sqlite-wal", "crm.sqlite-shm", "state", "report.html"}) {
        if (!ec) std::filesystem::remove_all(dir / stale, ec);
    }
    if (ec) return Status::internal(dir.string() + ": " + ec.message());
    return Status::ok();
}

Status generate_crm(const demo::DemoOptions& generator, const std::filesystem::path& database_path,
                    ProgressReporter& progress) {
    Result<std::unique_ptr<connectors::LocalCrmDatabase>> db = connectors::LocalCrmDatabase::open(database_path);
    if (!db) return db.status();
    connectors::NdjsonImporter importer(**db);
    const auto expected = static_cast<std::uint64_t>(generator.sellers + generator.contacts + generator.deals +
                                                     generator.activities);
    std::uint64_t done = 0;
    Status status = demo::DemoCrmGenerator::generate(generator, [&](model::Dataset&& page) -> Status {
        Result<connectors::ImportCounts> counts = importer.import_dataset(page);
        if (!counts) return counts.status();
        done += counts->sellers + counts->contacts + counts->deals + counts->activities;
        progress.report(done, expected, "generating demo CRM");
        return Status::ok();
    });
    progress.interrupt();
    return status;
}

Status write_config(const std::filesystem::path& config_path, const demo::DemoOptions& generator) {
    // kpi.as_of pins the demo to the generated data's end, so it shows the same numbers every day.
    const boost::json::value config = {{"connector", "local"},
                                       {"local", {{"database", "crm.sqlite"}}},
                                       {"state_dir", "state"},
                                       {"kpi", {{"as_of", model::format_rfc3339(generator.end)}}}};
    std::ofstream out(config_path);
    out << pretty_print_json(config);
    if (!out) return Status::internal(config_path.string() + ": cannot be written");
    return Status::ok();
}

}  // namespace

Status run_demo_command(const GlobalOptions&, const DemoCommandOptions& options, std::ostream& out) {
    Result<demo::DemoOptions> generator = generator_options(options);
    if (!generator) return generator.status();
    if (Status reset = reset_demo_files(options.dir); !reset) return reset;
    const std::filesystem::path config_path = options.dir / "sellerscore.json";

    ProgressReporter progress(stderr, ProgressReporter::style_for_stderr());
    if (Status generated = generate_crm(*generator, options.dir / "crm.sqlite", progress); !generated) {
        return generated;
    }
    if (Status written = write_config(config_path, *generator); !written) return written;
    out << fmt::format("Generated a demo CRM in {}: {} sellers, {} contacts, {} deals, {} activities (seed {}).\n\n",
                       (options.dir / "crm.sqlite").string(), generator->sellers, generator->contacts,
                       generator->deals, generator->activities, generator->seed);

    Result<std::unique_ptr<HostSession>> session = HostSession::open(config_path, HostSession::ConfigNeed::required);
    if (!session) return session.status();
    Result<PluginInstance*> instance = (*session)->instance();
    if (!instance) return instance.status();

    Result<boost::json::value> installed = (*instance)->install({});
    if (!installed) return installed.status();
    out << "install: " << SummaryFormatter::install(*installed) << "\n";

    Result<boost::json::value> synced = (*instance)->sync({{"full", true}, {"dry_run", false}});
    (*session)->services().progress().interrupt();
    if (!synced) return synced.status();
    out << SummaryFormatter::sync(*synced) << "\n\n";

    Result<boost::json::value> scorecard = (*instance)->scorecard({});
    if (!scorecard) return scorecard.status();
    out << ScorecardRenderer(*scorecard).table() << "\n";

    const std::filesystem::path report_path = options.dir / "report.html";
    if (Status written = report::write_report_file(*scorecard, {}, report::ReportFileFormat::html, report_path);
        !written) {
        return written;
    }
    out << "The scorecard as a page with charts (open it in a browser): " << report_path.string() << "\n\n";

    const std::string config_arg = config_path.string();
    out << fmt::format("Deals of A-band sellers, as a manager would ask for them:\n  crmhost --config {} deals "
                       "--where '{}'\n\n",
                       config_arg, demo_filter);
    Result<boost::json::value> deals = (*instance)->query({{"where", demo_filter}, {"limit", demo_filter_rows}});
    if (!deals) return deals.status();
    const DealsRenderer renderer(*deals);
    out << (renderer.count() == 0 ? "no deals match\n" : renderer.table(demo_filter_rows)) << "\n";

    out << fmt::format("Run any command against this CRM with its config, for example:\n"
                       "  crmhost --config {0} scorecard\n"
                       "  crmhost --config {0} scorecard --format csv\n"
                       "  crmhost --config {0} sync\n"
                       "  crmhost --config {0} report --out report.html\n",
                       config_arg);
    return Status::ok();
}

}  // namespace sellerscore::host
