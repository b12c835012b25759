// crmhost: the reference host of the sellerscore plugin (DESIGN.md "The reference host").
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "command_handlers.hpp"
#include "exit_code.hpp"
#include "interrupt_flag.hpp"

namespace {

using namespace sellerscore;
using namespace sellerscore::host;

int fail_usage(const std::string& message) {
    std::cerr << "crmhost: " << message << " (see crmhost --help)\n";
    return static_cast<int>(ExitCode::usage);
}

// CLI11's wording, made into one line that names what was wrong. A mistyped command reaches us as
// "a subcommand is required" with the word left unparsed, so that case is spelled out.
std::string describe_parse_error(const CLI::ParseError& e, const CLI::App& app) {
    const CLI::App* deepest = &app;
    while (!deepest->get_subcommands().empty()) deepest = deepest->get_subcommands().front();
    const std::string where = deepest == &app ? "" : deepest->get_name() + ": ";
    if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr && deepest->get_require_subcommand_min() > 0) {
        // With fallthrough the unmatched word may have been handed back to the top level.
        std::vector<std::string> leftover = deepest->remaining();
        if (leftover.empty()) leftover = app.remaining();
        if (!leftover.empty()) return where + "unknown command '" + leftover.front() + "'";
        return where + "a command is required";
    }
    std::string text = e.what();
    if (const std::size_t newline = text.find('\n'); newline != std::string::npos) text.resize(newline);
    return where + text;
}

// --format on a command that prints data; the check limits it to the three names.
void add_format_option(CLI::App* command, std::string& format) {
    command->add_option("--format", format, "table, json or csv")
        ->check(CLI::IsMember({"table", "json", "csv"}))
        ->capture_default_str();
}

// The option checks have already limited `name` to the formats the command offers.
OutputFormat output_format(const std::string& name) {
    if (name == "json") return OutputFormat::json;
    if (name == "csv") return OutputFormat::csv;
    return OutputFormat::table;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"crmhost: load the sellerscore plugin, sync seller KPIs into your CRM and show them", "crmhost"};
    app.require_subcommand(1);
    app.fallthrough();

    GlobalOptions global;
    std::string config_path;
    app.add_option("--config", config_path, "Configuration file (default: ./sellerscore.json when present)");

    DemoCommandOptions demo;
    std::string demo_dir = demo.dir.string();
    CLI::App* demo_cmd = app.add_subcommand("demo", "Generate a demo CRM, install, sync, print the scorecard and a filter");
    demo_cmd->add_option("--dir", demo_dir, "Folder for the demo CRM and its config")->capture_default_str();
    demo_cmd->add_option("--size", demo.size, "standard or large")->check(CLI::IsMember({"standard", "large"}))->capture_default_str();
    demo_cmd->add_option("--seed", demo.seed, "Random seed of the generated CRM");

    std::string import_dir;
    CLI::App* import_cmd = app.add_subcommand("import", "Load interchange NDJSON (KPIS.md 1.1) into the local CRM");
    import_cmd->add_option("DIR", import_dir, "Folder of *.ndjson files")->required();
    std::string import_format = "table";
    add_format_option(import_cmd, import_format);

    CLI::App* install_cmd = app.add_subcommand("install", "Create the custom fields in the configured CRM");
    std::string install_format = "table";
    add_format_option(install_cmd, install_format);

    SyncCommandOptions sync;
    CLI::App* sync_cmd = app.add_subcommand("sync", "Pull, compute the KPIs, write them back");
    sync_cmd->add_flag("--full", sync.full, "Read everything, not only what changed since the last run");
    sync_cmd->add_flag("--dry-run", sync.dry_run, "Compute and report, write nothing");
    std::string sync_format = "table";
    add_format_option(sync_cmd, sync_format);

    std::string scorecard_format = "table";
    CLI::App* scorecard_cmd = app.add_subcommand("scorecard", "The KPIs of the last sync");
    add_format_option(scorecard_cmd, scorecard_format);

    DealsCommandOptions deals;
    CLI::App* deals_cmd = app.add_subcommand("deals", "Deals filtered by KPI fields");
    deals_cmd->add_option("--where", deals.where, "e.g. 'seller_score >= 80 and seller_score_band = A'")->required();
    deals_cmd->add_option("--limit", deals.limit, "At most this many deals")->check(CLI::PositiveNumber)->capture_default_str();
    std::string deals_format = "table";
    add_format_option(deals_cmd, deals_format);

    ReportCommandOptions report;
    std::string report_out;
    std::string report_seller;
    std::string report_team;
    std::string report_format = "html";
    CLI::App* report_cmd = app.add_subcommand("report", "The last sync's scorecard as one self-contained HTML page with charts");
    report_cmd->add_option("--out", report_out, "File to write (default: sellerscore-report.html, or .json)");
    report_cmd->add_option("--seller", report_seller, "Only this seller (id or name)");
    report_cmd->add_option("--team", report_team, "Only this team");
    report_cmd->add_option("--format", report_format, "html, or json: the document the page is built from")
        ->check(CLI::IsMember({"html", "json"}))
        ->capture_default_str();

    CLI::App* plugin_cmd = app.add_subcommand("plugin", "Inspect the plugin");
    plugin_cmd->require_subcommand(1);
    CLI::App* info_cmd = plugin_cmd->add_subcommand("info", "Manifest, ABI and version");
    std::string info_format = "table";
    add_format_option(info_cmd, info_format);
    CLI::App* verify_cmd = plugin_cmd->add_subcommand("verify", "Check the package's integrity");

    ServeCommandOptions serve;
    CLI::App* serve_cmd = app.add_subcommand("serve", "Answer the HubSpot app card, the Pipedrive panel and webhooks");
    serve_cmd->add_option("--bind", serve.bind, "Address to listen on")->capture_default_str();
    serve_cmd->add_option("--port", serve.port, "Port to listen on")->capture_default_str();
    serve_cmd->add_option("--cert", serve.certificate_file, "TLS certificate chain (PEM)");
    serve_cmd->add_option("--key", serve.key_file, "TLS private key (PEM)");
    serve_cmd->add_option("--public-url", serve.public_url, "The https:// origin HubSpot calls, e.g. https://scores.example.com");
    serve_cmd->add_option("--hubspot-portal", serve.hubspot_portal, "The HubSpot portal (hub) id to accept");
    serve_cmd->add_option("--pipedrive-company", serve.pipedrive_company, "The Pipedrive company id to accept");
    serve_cmd->add_option("--report-url", serve.report_url, "Link to the full report, shown on the card");
    serve_cmd->add_option("--debounce-ms", serve.debounce_ms, "Quiet period gathering webhook bursts into one sync")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    serve_cmd->add_option("--sync-every", serve.sync_every,
                          "Also run the incremental sync this often without a webhook (90s, 15m, 1h; 0: never)")
        ->capture_default_str();

    UninstallCommandOptions uninstall;
    CLI::App* uninstall_cmd = app.add_subcommand("uninstall", "Remove the custom fields this plugin created");
    uninstall_cmd->add_flag("--yes", uninstall.yes, "Do not ask");
    std::string uninstall_format = "table";
    add_format_option(uninstall_cmd, uninstall_format);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        return app.exit(CLI::CallForHelp());
    } catch (const CLI::CallForAllHelp&) {
        return app.exit(CLI::CallForAllHelp());
    } catch (const CLI::ParseError& e) {
        return fail_usage(describe_parse_error(e, app));
    }
    if (!config_path.empty()) {
        global.config_path = config_path;
    }
    InterruptFlag::install();

    std::string command;
    Status status;
    if (*demo_cmd) {
        command = "demo";
        demo.dir = demo_dir;
        status = run_demo_command(global, demo, std::cout);
    } else if (*import_cmd) {
        command = "import";
        status = run_import_command(global, import_dir, output_format(import_format), std::cout);
    } else if (*install_cmd) {
        command = "install";
        status = run_install_command(global, output_format(install_format), std::cout);
    } else if (*sync_cmd) {
        command = "sync";
        sync.format = output_format(sync_format);
        status = run_sync_command(global, sync, std::cout);
    } else if (*scorecard_cmd) {
        command = "scorecard";
        status = run_scorecard_command(global, output_format(scorecard_format), std::cout);
    } else if (*deals_cmd) {
        command = "deals";
        deals.format = output_format(deals_format);
        status = run_deals_command(global, deals, std::cout);
    } else if (*report_cmd) {
        command = "report";
        if (!report_out.empty()) report.out = report_out;
        if (!report_seller.empty()) report.seller = report_seller;
        if (!report_team.empty()) report.team = report_team;
        if (report_format == "json") report.format = ReportCommandOptions::Format::json;
        status = run_report_command(global, report, std::cout);
    } else if (*info_cmd) {
        command = "plugin info";
        status = run_plugin_info_command(global, output_format(info_format), std::cout);
    } else if (*verify_cmd) {
        command = "plugin verify";
        status = run_plugin_verify_command(global, std::cout);
    } else if (*serve_cmd) {
        command = "serve";
        status = run_serve_command(global, serve, std::cout);
    } else if (*uninstall_cmd) {
        command = "uninstall";
        uninstall.format = output_format(uninstall_format);
        status = run_uninstall_command(global, uninstall, std::cout);
    }
    std::cout.flush();
    if (!status) {
        std::cerr << "crmhost: " << command << ": " << status.message() << "\n";
    }
    return static_cast<int>(exit_code_for(status.code()));
}
