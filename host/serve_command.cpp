#include <signal.h>

#include <chrono>
#include <functional>
#include <iostream>

#include <boost/json/object.hpp>
#include <spdlog/spdlog.h>

#include "command_handlers.hpp"
#include "connectors/http/https_server.hpp"
#include "host/serve/serve_router.hpp"
#include "host/serve/sync_debouncer.hpp"
#include "host/serve/sync_interval.hpp"
#include "host_session.hpp"

namespace sellerscore::host {

namespace {

std::string secret(const crmext_host_services& services, const char* name) {
    std::string value;
    const auto sink = [](void* ctx, const char* data, std::size_t len) { static_cast<std::string*>(ctx)->append(data, len); };
    if (services.secret_get(services.host_ctx, name, sink, &value) != CRMEXT_OK) return {};
    return value;
}

std::int64_t system_now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The scorecard and the owner of every scored deal: one query per sync, never one per request.
Result<std::shared_ptr<const serve::ScorecardSnapshot>> load_snapshot(PluginInstance& instance) {
    Result<boost::json::value> scorecard = instance.scorecard({});
    if (!scorecard) return scorecard.status();
    Result<boost::json::value> deals = instance.query({{"where", "seller_score >= 0"}, {"limit", 10'000'000}});
    if (!deals) return deals.status();
    return std::shared_ptr<const serve::ScorecardSnapshot>(std::make_shared<serve::ScorecardSnapshot>(*scorecard, *deals));
}

}  // namespace

Status run_serve_command(const GlobalOptions& global, const ServeCommandOptions& options, std::ostream& out) {
    // SIGINT and SIGTERM (systemd's stop) are taken by sigwait below; blocked before any thread starts
    // so every thread inherits the mask.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    Result<std::unique_ptr<HostSession>> session = HostSession::open(global.config_path, HostSession::ConfigNeed::required);
    if (!session) return session.status();
    if (Status locked = (*session)->lock_for_writing("serve"); !locked) return locked;
    Result<PluginInstance*> instance = (*session)->instance();
    if (!instance) return instance.status();
    const crmext_host_services& services = *(*session)->services().table();
    spdlog::logger& logger = (*session)->services().logger();

    serve::ServeSettings settings;
    settings.public_base_url = options.public_url;
    settings.hubspot_client_secret = secret(services, "SELLERSCORE_HUBSPOT_CLIENT_SECRET");
    settings.hubspot_portal_id = options.hubspot_portal;
    settings.pipedrive_jwt_secret = secret(services, "SELLERSCORE_PIPEDRIVE_JWT_SECRET");
    settings.pipedrive_company_id = options.pipedrive_company;
    settings.pipedrive_webhook_user = secret(services, "SELLERSCORE_PIPEDRIVE_WEBHOOK_USER");
    settings.pipedrive_webhook_password = secret(services, "SELLERSCORE_PIPEDRIVE_WEBHOOK_PASSWORD");
    settings.report_url = options.report_url;
    if (!settings.hubspot_client_secret.empty() && (settings.hubspot_portal_id.empty() || settings.public_base_url.empty())) {
        return Status::invalid_argument("serve: with SELLERSCORE_HUBSPOT_CLIENT_SECRET set, give --hubspot-portal and --public-url");
    }
    if (!settings.pipedrive_jwt_secret.empty() && settings.pipedrive_company_id.empty()) {
        return Status::invalid_argument("serve: with SELLERSCORE_PIPEDRIVE_JWT_SECRET set, give --pipedrive-company");
    }
    const Result<std::chrono::seconds> sync_every = serve::parse_sync_interval(options.sync_every);
    if (!sync_every) return sync_every.status();

    // Set once the debouncer exists, before the server starts: webhooks call it.
    std::function<void()> notify_sync;
    serve::ServeHooks hooks;
    hooks.now_ms = system_now_ms;
    hooks.log = [&logger](const std::string& line) { logger.warn("{}", line); };
    hooks.changed = [&notify_sync] { notify_sync(); };
    serve::ServeRouter router(settings, hooks);
    if (auto first = load_snapshot(**instance)) {
        router.publish(*first);
    } else {
        logger.warn("serve: no scorecard yet ({}); answering 503 on /health until a sync", first.status().message());
    }

    PluginInstance* plugin = *instance;
    serve::SyncDebouncer debouncer(
        [&] {
            const auto started = std::chrono::steady_clock::now();
            Result<boost::json::value> summary = plugin->sync({{"full", false}, {"dry_run", false}});
            if (!summary) {
                logger.error("serve: incremental sync failed: {}", summary.status().message());
                return;
            }
            if (auto next = load_snapshot(*plugin)) {
                router.publish(*next);
            } else {
                logger.error("serve: reading the new scorecard failed: {}", next.status().message());
            }
            const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
            logger.info("serve: incremental sync done in {} ms", ms.count());
        },
        std::chrono::milliseconds(options.debounce_ms), *sync_every);
    notify_sync = [&debouncer] { debouncer.notify(); };
    if (sync_every->count() > 0) {
        logger.info("serve: incremental sync every {} s without a webhook, and after each webhook burst", sync_every->count());
    } else {
        logger.info("serve: no scheduled sync (--sync-every 0): only webhooks trigger one");
    }

    connectors::http::HttpsServerOptions server_options;
    server_options.bind_address = options.bind;
    server_options.port = options.port;
    if (!options.certificate_file.empty()) server_options.certificate_chain_file = options.certificate_file;
    if (!options.key_file.empty()) server_options.private_key_file = options.key_file;
    server_options.max_body_bytes = options.max_body_bytes;
    auto server = connectors::http::HttpsServer::start(
        server_options, [&router](const connectors::http::ServerRequest& r) { return router.handle(r); });
    if (!server) return server.status();
    out << "crmhost serve: listening on " << ((*server)->tls() ? "https://" : "http://") << options.bind << ":"
        << (*server)->port() << std::endl;

    int received = 0;
    sigwait(&stop_signals, &received);
    out << "crmhost serve: stopping" << std::endl;
    server->reset();
    return Status::ok();
}

}  // namespace sellerscore::host
