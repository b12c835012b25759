#include <unistd.h>

#include <iostream>
#include <string>

#include <boost/json/object.hpp>

#include "command_handlers.hpp"
#include "csv_text.hpp"
#include "host_session.hpp"
#include "json_pretty_printer.hpp"
#include "summary_formatter.hpp"

namespace sellerscore::host {

namespace {

// Removing fields deletes every value written into them, so an unattended run must say --yes.
Status confirm(const HostSession& session, bool yes, std::ostream& out) {
    if (yes) return Status::ok();
    if (!::isatty(STDIN_FILENO)) {
        return Status::invalid_argument("refusing to remove the custom fields without confirmation; pass --yes");
    }
    const std::string connector = session.config()->string_at("connector").value_or("the CRM");
    out << "Remove the sellerscore custom fields and all their values from " << connector << "? [y/N] " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    if (answer == "y" || answer == "Y" || answer == "yes") return Status::ok();
    return Status(StatusCode::cancelled, "not confirmed; nothing removed");
}

}  // namespace

Status run_uninstall_command(const GlobalOptions& global, const UninstallCommandOptions& options, std::ostream& out) {
    Result<std::unique_ptr<HostSession>> session = HostSession::open(global.config_path, HostSession::ConfigNeed::required);
    if (!session) return session.status();
    if (Status confirmed = confirm(**session, options.yes, out); !confirmed) return confirmed;
    if (Status locked = (*session)->lock_for_writing("uninstall"); !locked) return locked;
    Result<PluginInstance*> instance = (*session)->instance();
    if (!instance) return instance.status();
    Result<boost::json::value> removed = (*instance)->uninstall({});
    if (!removed) return removed.status();
    switch (options.format) {
        case OutputFormat::table: out << SummaryFormatter::uninstall(*removed) << "\n"; break;
        case OutputFormat::json: out << pretty_print_json(*removed); break;
        case OutputFormat::csv: out << csv_of_field_lists(*removed, {"removed"}); break;
    }
    return Status::ok();
}

}  // namespace sellerscore::host
