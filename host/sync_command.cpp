#include <boost/json/object.hpp>

#include <cstdint>
#include <string>

#include "command_handlers.hpp"
#include "csv_text.hpp"
#include "host_session.hpp"
#include "json_pretty_printer.hpp"
#include "summary_formatter.hpp"

namespace sellerscore::host {

namespace {

// A sync that ran to the end but left values unwritten exits by the worst of its failures, on every
// vendor alike (docs/operations.md "Exit codes"): the summary is printed first, then this one line.
Status unwritten_values(const boost::json::value& summary) {
    const boost::json::object* run = summary.if_object();
    const boost::json::value* failure = run ? run->if_contains("write_failure") : nullptr;
    if (failure == nullptr || !failure->is_object()) return Status::ok();
    const boost::json::object& f = failure->get_object();
    const boost::json::value* status = f.if_contains("status");
    const boost::json::value* first = f.if_contains("first");
    const std::int64_t code = status && status->is_int64() ? status->get_int64() : 0;
    if (code <= static_cast<int>(StatusCode::ok) || code > static_cast<int>(StatusCode::internal)) {
        return Status::internal("the plugin's summary has no valid write_failure.status");
    }
    const std::string reason = first && first->is_string() ? std::string(first->get_string()) : std::string();
    const boost::json::value* count = run->if_contains("write_failures");
    const std::int64_t values = count && count->is_int64() ? count->get_int64() : 0;
    if (values <= 0) return {static_cast<StatusCode>(code), "the write-back finished, but " + reason};
    const std::string what = values == 1 ? std::string("1 field value was not written")
                                         : std::to_string(values) + " field values were not written";
    return {static_cast<StatusCode>(code), what + "; the first reason: " + reason};
}

}  // namespace

Status run_sync_command(const GlobalOptions& global, const SyncCommandOptions& options, std::ostream& out) {
    Result<std::unique_ptr<HostSession>> session = HostSession::open(global.config_path, HostSession::ConfigNeed::required);
    if (!session) return session.status();
    if (Status locked = (*session)->lock_for_writing("sync"); !locked) return locked;
    Result<PluginInstance*> instance = (*session)->instance();
    if (!instance) return instance.status();
    Result<boost::json::value> summary = (*instance)->sync({{"full", options.full}, {"dry_run", options.dry_run}});
    (*session)->services().progress().interrupt();
    if (!summary) return summary.status();
    switch (options.format) {
        case OutputFormat::table: out << SummaryFormatter::sync(*summary) << "\n"; break;
        case OutputFormat::json: out << pretty_print_json(*summary); break;
        case OutputFormat::csv: out << csv_of_object(*summary); break;
    }
    return unwritten_values(*summary);
}

}  // namespace sellerscore::host
