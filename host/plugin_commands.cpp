#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "command_handlers.hpp"
#include "csv_text.hpp"
#include "host_session.hpp"
#include "json_pretty_printer.hpp"

namespace sellerscore::host {

namespace json = boost::json;

namespace {

std::string manifest_string(const json::value& manifest, std::string_view key) {
    const json::value* v = manifest.is_object() ? manifest.get_object().if_contains(key) : nullptr;
    return v && v->is_string() ? std::string(v->get_string()) : "—";
}

}  // namespace

Status run_plugin_info_command(const GlobalOptions& global, OutputFormat format, std::ostream& out) {
    Result<std::unique_ptr<HostSession>> session = HostSession::open(global.config_path, HostSession::ConfigNeed::optional);
    if (!session) return session.status();
    const LoadedPlugin& plugin = (*session)->plugin();
    std::string connectors;
    json::array connector_ids;
    if (const json::value* list = plugin.manifest.get_object().if_contains("connectors"); list && list->is_array()) {
        for (const json::value& c : list->get_array()) {
            if (!c.is_object()) continue;
            connectors += (connectors.empty() ? "" : ", ") + manifest_string(c, "id");
            connector_ids.emplace_back(manifest_string(c, "id"));
        }
    }
    if (format != OutputFormat::table) {
        const json::object document{
            {"id", manifest_string(plugin.manifest, "id")},
            {"name", manifest_string(plugin.manifest, "name")},
            {"version", manifest_string(plugin.manifest, "version")},
            {"abi", fmt::format("{}.{}", plugin.table.abi_major, plugin.table.abi_minor)},
            {"host_abi", fmt::format("{}.{}", CRMEXT_ABI_MAJOR, CRMEXT_ABI_MINOR)},
            {"library", plugin.library_path.string()},
            {"manifest", plugin.manifest_path.string()},
            {"connectors", std::move(connector_ids)},
            {"description", manifest_string(plugin.manifest, "description")}};
        out << (format == OutputFormat::json ? pretty_print_json(document) : csv_of_object(document));
        return Status::ok();
    }
    out << fmt::format("id:          {}\n", manifest_string(plugin.manifest, "id"))
        << fmt::format("name:        {}\n", manifest_string(plugin.manifest, "name"))
        << fmt::format("version:     {}\n", manifest_string(plugin.manifest, "version"))
        << fmt::format("abi:         {}.{} (this host speaks {}.{})\n", plugin.table.abi_major, plugin.table.abi_minor,
                       CRMEXT_ABI_MAJOR, CRMEXT_ABI_MINOR)
        << fmt::format("library:     {}\n", plugin.library_path.string())
        << fmt::format("manifest:    {}\n", plugin.manifest_path.string())
        << fmt::format("signature:   {}\n", plugin.package ? "verified with " + plugin.package->trusted_key.string()
                                                             : std::string("NOT CHECKED (development override)"))
        << fmt::format("connectors:  {}\n", connectors.empty() ? "—" : connectors)
        << fmt::format("description: {}\n", manifest_string(plugin.manifest, "description"));
    return Status::ok();
}

Status run_plugin_verify_command(const GlobalOptions& global, std::ostream& out) {
    // Opening the session already refuses a writable file, a non-library, a missing entry point,
    // an incompatible ABI and a manifest that disagrees with the library; what is left are the
    // manifest's own promises about the package.
    Result<std::unique_ptr<HostSession>> session = HostSession::open(global.config_path, HostSession::ConfigNeed::optional);
    if (!session) return session.status();
    const LoadedPlugin& plugin = (*session)->plugin();
    // Loading checked the plugin's own folder; verify checks every file the package installed. Under
    // the development override it reports every other check, then fails on this one.
    // The session checked the key it trusts already: a configured one is a readable Ed25519 key.
    const Result<std::filesystem::path> trusted_key = PluginPackageVerifier::trusted_key((*session)->config());
    if (!trusted_key) return trusted_key.status();
    const Result<VerifiedPackage> package =
        PluginPackageVerifier(*trusted_key).verify(plugin.library_path, PluginPackageVerifier::Scope::every_file);
    const json::object& manifest = plugin.manifest.get_object();
    const json::value* entry = manifest.if_contains("entry");
    const std::string library_name = entry ? manifest_string(*entry, "library") : "—";
    const std::string symbol = entry ? manifest_string(*entry, "symbol") : "—";
    if (library_name != plugin.library_path.filename().string()) {
        return Status::unsupported(fmt::format("{}: entry.library is \"{}\" but the library is {}",
                                               plugin.manifest_path.string(), library_name,
                                               plugin.library_path.filename().string()));
    }
    if (symbol != CRMEXT_ENTRY_SYMBOL) {
        return Status::unsupported(fmt::format("{}: entry.symbol is \"{}\", expected \"" CRMEXT_ENTRY_SYMBOL "\"",
                                               plugin.manifest_path.string(), symbol));
    }
    const json::value* schema = manifest.if_contains("configSchema");
    if (schema == nullptr || !schema->is_object()) {
        return Status::unsupported(plugin.manifest_path.string() + ": no configSchema object");
    }
    if (package) {
        out << "ok: " << package->sums_path.string() << " is signed by the trusted key " << package->trusted_key.string()
            << "\n"
            << "ok: all " << package->files_checked << " files it lists match their SHA-256\n";
    }
    out << "ok: " << plugin.library_path.string() << " is owner-writable only and loads\n"
        << "ok: " CRMEXT_ENTRY_SYMBOL " accepts this host; ABI " << plugin.table.abi_major << "." << plugin.table.abi_minor
        << " is compatible with " << CRMEXT_ABI_MAJOR << "." << CRMEXT_ABI_MINOR << "\n"
        << "ok: " << plugin.manifest_path.string() << " matches the embedded manifest (id, version, abi)\n"
        << "ok: the manifest names this library and entry symbol and carries a configSchema\n";
    if ((*session)->config() != nullptr) {
        out << "ok: " << (*session)->config()->name() << " is valid for this plugin\n";
    }
    return package.status();
}

}  // namespace sellerscore::host
