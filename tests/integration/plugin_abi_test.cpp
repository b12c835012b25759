// The plugin seen through its C ABI only, as any host sees it: the entry symbol, version refusal,
// the layout that must never change, and containment of internal errors.
#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdlib>
#include <cstring>

#include "host_scratch_directory.hpp"
#include "loaded_plugin.hpp"

using namespace sellerscore::testing;
using sellerscore::host::testing::ScratchDirectory;

// Freezes the ABI: these offsets are the contract with every host already built. Changing one is a
// major-version break; appending fields only grows the struct.
static_assert(offsetof(crmext_error, code) == 0);
static_assert(offsetof(crmext_error, retry_after_ms) == 4);
static_assert(offsetof(crmext_error, message) == 8 && sizeof(crmext_error) == 520);
static_assert(offsetof(crmext_host_services, host_ctx) == 8);
static_assert(offsetof(crmext_host_services, log) == 16);
static_assert(offsetof(crmext_host_services, config_get) == 24);
static_assert(offsetof(crmext_host_services, secret_get) == 32);
static_assert(offsetof(crmext_host_services, state_dir) == 40);
static_assert(offsetof(crmext_host_services, now_unix_ms) == 48);
static_assert(offsetof(crmext_host_services, progress) == 56);
static_assert(offsetof(crmext_host_services, cancelled) == 64 && sizeof(crmext_host_services) == 72);
static_assert(offsetof(crmext_plugin, plugin_id) == 8);
static_assert(offsetof(crmext_plugin, plugin_version) == 16);
static_assert(offsetof(crmext_plugin, manifest_json) == 24);
static_assert(offsetof(crmext_plugin, manifest_json_len) == 32);
static_assert(offsetof(crmext_plugin, create) == 40);
static_assert(offsetof(crmext_plugin, destroy) == 48);
static_assert(offsetof(crmext_plugin, install) == 56);
static_assert(offsetof(crmext_plugin, sync) == 64);
static_assert(offsetof(crmext_plugin, scorecard) == 72);
static_assert(offsetof(crmext_plugin, query) == 80);
static_assert(offsetof(crmext_plugin, uninstall) == 88);
static_assert(offsetof(crmext_plugin, health) == 96 && sizeof(crmext_plugin) == 104);

namespace {

std::string local_settings(const ScratchDirectory& dir) {
    return boost::json::serialize(boost::json::object{
        {"connector", "local"},
        {"local", {{"database", (dir.path() / "crm.sqlite").string()}}},
        {"state_dir", (dir.path() / "state").string()},
        {"kpi", {{"as_of", "2026-07-01T00:00:00Z"}}}});
}

// Arms the named fail points for the lifetime of the object.
class ArmedFailPoints {
public:
    explicit ArmedFailPoints(const char* names) { setenv("SELLERSCORE_FAILPOINTS", names, 1); }
    ~ArmedFailPoints() { unsetenv("SELLERSCORE_FAILPOINTS"); }
};

}  // namespace

TEST_CASE("crmext_entry returns a table with the ABI version, identity and every function") {
    TestHost host;
    crmext_error err{};
    const crmext_plugin* p = LoadedPlugin::get().entry(&host.services, &err);
    REQUIRE(p != nullptr);
    CHECK(p->struct_size == sizeof(crmext_plugin));
    CHECK(p->abi_major == CRMEXT_ABI_MAJOR);
    CHECK(p->abi_minor == CRMEXT_ABI_MINOR);
    CHECK(std::string(p->plugin_id) == "io.sellerscore.plugin");
    const auto manifest = boost::json::parse(std::string_view(p->manifest_json, p->manifest_json_len));
    CHECK(manifest.at("version").as_string() == p->plugin_version);
    CHECK(std::strlen(p->manifest_json) == p->manifest_json_len);
    CHECK((p->create && p->destroy && p->install && p->sync && p->scorecard && p->query && p->uninstall && p->health));
}

TEST_CASE("crmext_entry refuses a host of another ABI major and says both versions") {
    TestHost host;
    host.services.abi_major = CRMEXT_ABI_MAJOR + 1;
    crmext_error err{};
    CHECK(LoadedPlugin::get().entry(&host.services, &err) == nullptr);
    CHECK(err.code == CRMEXT_UNSUPPORTED);
    CHECK_THAT(err.message, Catch::Contains("ABI 1.x") && Catch::Contains("host speaks 2.0"));
}

TEST_CASE("crmext_entry refuses a host services table too small for what the plugin calls") {
    TestHost host;
    host.services.struct_size = 16;
    crmext_error err{};
    CHECK(LoadedPlugin::get().entry(&host.services, &err) == nullptr);
    CHECK(err.code == CRMEXT_UNSUPPORTED);
}

TEST_CASE("crmext_entry accepts an older host whose table ends before the optional services") {
    TestHost host;
    host.services.struct_size = offsetof(crmext_host_services, now_unix_ms);
    crmext_error err{};
    CHECK(LoadedPlugin::get().entry(&host.services, &err) != nullptr);
}

TEST_CASE("create refuses settings that are not JSON, with INVALID_ARGUMENT and a reason") {
    TestHost host;
    PluginSession session(host, "{not json");
    CHECK(session.create_status == CRMEXT_INVALID_ARGUMENT);
    CHECK_THAT(session.create_message, Catch::Contains("not valid JSON"));
}

TEST_CASE("create refuses a score weight for a KPI that does not exist") {
    TestHost host;
    PluginSession session(host, R"({"connector":"local","kpi":{"score_weights":{"win_rat":1}}})");
    CHECK(session.create_status == CRMEXT_INVALID_ARGUMENT);
    CHECK_THAT(session.create_message, Catch::Contains("kpi.score_weights.win_rat: unknown KPI id"));
}

TEST_CASE("create refuses a connector this build does not have") {
    TestHost host;
    ScratchDirectory dir;
    PluginSession session(host, R"({"connector":"zoho"})");
    REQUIRE(session.create_status == CRMEXT_OK);
    const CallResult r = session.health();
    CHECK(r.status == CRMEXT_UNSUPPORTED);
    CHECK_THAT(r.message, Catch::Contains("zoho"));
}

TEST_CASE("an exception inside create becomes CRMEXT_INTERNAL, not a crash") {
    TestHost host;
    ScratchDirectory dir;
    ArmedFailPoints armed("create");
    PluginSession session(host, local_settings(dir));
    CHECK(session.create_status == CRMEXT_INTERNAL);
    CHECK_THAT(session.create_message, Catch::Contains("create: internal error: fail point 'create' triggered"));
}

TEST_CASE("an exception inside any plugin function becomes CRMEXT_INTERNAL with the function named") {
    TestHost host;
    ScratchDirectory dir;
    PluginSession session(host, local_settings(dir));
    REQUIRE(session.create_status == CRMEXT_OK);
    ArmedFailPoints armed("install,sync,scorecard,query,uninstall,health");
    const std::vector<std::pair<std::string, CallResult>> calls = {
        {"install", session.install()},     {"sync", session.sync()},
        {"scorecard", session.scorecard()}, {"query", session.query("seller_score >= 1")},
        {"uninstall", session.uninstall()}, {"health", session.health()}};
    for (const auto& [name, result] : calls) {
        INFO(name);
        CHECK(result.status == CRMEXT_INTERNAL);
        CHECK_THAT(result.message, Catch::StartsWith(name + ": internal error: fail point '" + name + "'"));
        CHECK(result.output.empty());
    }
}

TEST_CASE("calls on a NULL instance are refused, not dereferenced") {
    TestHost host;
    crmext_error err{};
    const crmext_plugin* p = LoadedPlugin::get().entry(&host.services, &err);
    REQUIRE(p != nullptr);
    CHECK(p->sync(nullptr, nullptr, 0, append_sink, nullptr, &err) == CRMEXT_INVALID_ARGUMENT);
    CHECK(p->health(nullptr, append_sink, nullptr, &err) == CRMEXT_INVALID_ARGUMENT);
    p->destroy(nullptr);
}
