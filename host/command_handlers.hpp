// The crmhost commands of DESIGN.md, one handler each (in <command>_command.cpp). A handler prints
// its human output to `out` and returns the Status main() turns into the one failure line and the
// exit code.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

#include "plugin/model/status.hpp"

namespace sellerscore::host {

// --format of every command that prints data: the human text, the JSON document, or RFC 4180 CSV.
enum class OutputFormat { table, json, csv };

struct GlobalOptions {
    std::optional<std::filesystem::path> config_path;  // --config
};

struct DemoCommandOptions {
    std::filesystem::path dir = "demo";
    std::string size = "standard";  // standard | large
    std::optional<std::uint64_t> seed;
};

struct SyncCommandOptions {
    bool full = false;
    bool dry_run = false;
    OutputFormat format = OutputFormat::table;
};

struct DealsCommandOptions {
    std::string where;
    int limit = 50;
    OutputFormat format = OutputFormat::table;
};

struct ReportCommandOptions {
    enum class Format { html, json };
    std::optional<std::filesystem::path> out;  // default: sellerscore-report.html (.json)
    std::optional<std::string> seller;
    std::optional<std::string> team;
    Format format = Format::html;
};

// crmhost serve (docs/operations.md "Serving the app card and the JSON panel"). Secrets come from
// the environment or the secrets file: SELLERSCORE_HUBSPOT_CLIENT_SECRET, SELLERSCORE_PIPEDRIVE_JWT_SECRET,
// SELLERSCORE_PIPEDRIVE_WEBHOOK_USER and SELLERSCORE_PIPEDRIVE_WEBHOOK_PASSWORD.
struct ServeCommandOptions {
    std::string bind = "127.0.0.1";
    std::uint16_t port = 8443;
    std::string certificate_file;  // PEM chain; with key_file: TLS. Neither: plain HTTP, loopback only
    std::string key_file;
    std::string public_url;        // the https:// origin HubSpot calls and signs
    std::string hubspot_portal;
    std::string pipedrive_company;
    std::string report_url;
    int debounce_ms = 2000;
    std::string sync_every = "1h";  // the scheduled incremental sync (serve/sync_interval.hpp); "0": none
    std::size_t max_body_bytes = 1 << 20;
};

struct UninstallCommandOptions {
    bool yes = false;
    OutputFormat format = OutputFormat::table;
};

Status run_demo_command(const GlobalOptions& global, const DemoCommandOptions& options, std::ostream& out);
Status run_import_command(const GlobalOptions& global, const std::filesystem::path& dir, OutputFormat format,
                          std::ostream& out);
Status run_install_command(const GlobalOptions& global, OutputFormat format, std::ostream& out);
Status run_sync_command(const GlobalOptions& global, const SyncCommandOptions& options, std::ostream& out);
Status run_scorecard_command(const GlobalOptions& global, OutputFormat format, std::ostream& out);
Status run_report_command(const GlobalOptions& global, const ReportCommandOptions& options, std::ostream& out);
Status run_deals_command(const GlobalOptions& global, const DealsCommandOptions& options, std::ostream& out);
Status run_plugin_info_command(const GlobalOptions& global, OutputFormat format, std::ostream& out);
Status run_plugin_verify_command(const GlobalOptions& global, std::ostream& out);
Status run_serve_command(const GlobalOptions& global, const ServeCommandOptions& options, std::ostream& out);
Status run_uninstall_command(const GlobalOptions& global, const UninstallCommandOptions& options, std::ostream& out);

}  // namespace sellerscore::host
