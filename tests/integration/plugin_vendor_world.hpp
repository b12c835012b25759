// What every plugin-level vendor test stands on: the vendor's fake served over TLS on loopback (a
// fresh certificate, its CA in a temp file), a scratch state directory, a plugin host, and the
// plugin settings that point the vendor's section at the fake. A vendor's world derives from it,
// seeds the fake and puts the vendor's credentials into `host.secrets`.
#pragma once

#include <boost/json.hpp>

#include <string>
#include <utility>

#include "host/demo/demo_crm_generator.hpp"
#include "host_scratch_directory.hpp"
#include "loaded_plugin.hpp"
#include "plugin/kpi/kpi_engine.hpp"
#include "plugin/model/timestamp_format.hpp"
#include "tests/fakes/loopback_server.hpp"
#include "tests/fakes/test_certificates.hpp"

namespace sellerscore::testing {

template <class Fake>
class PluginVendorWorld {
public:
    // `vendor` names the connector and its settings section ("salesforce"); the rest builds the fake.
    template <class... FakeArgs>
    explicit PluginVendorWorld(std::string vendor, FakeArgs&&... fake_args)
        : fake(std::forward<FakeArgs>(fake_args)...),
          vendor_(std::move(vendor)),
          certificate(fakes::make_server_certificate()),
          ca_file(fakes::write_temp_pem(certificate.ca_pem, vendor_ + "-test-ca")),
          server(fake.handler(), certificate) {
        host.state_dir = (dir.path() / "state").string();
    }

    // A scheduled run's settings (no as_of: KPIs as of now); `section` adds to the vendor's section.
    boost::json::object scheduled_settings(boost::json::object section = {}) const {
        section["base_url"] = server.base_url();
        section["ca_file"] = ca_file;
        return boost::json::object{{"connector", vendor_},
                                   {vendor_, std::move(section)},
                                   {"state_dir", (dir.path() / "state").string()}};
    }
    // The settings of a run as of `as_of`, serialized for PluginSession.
    std::string settings(boost::json::object section = {}) const {
        boost::json::object s = scheduled_settings(std::move(section));
        s["kpi"] = boost::json::object{{"as_of", model::format_rfc3339(as_of)}};
        return boost::json::serialize(s);
    }
    // The KPI engine on `data` (the vendor's data as a faithful reader sees it) as of `as_of`.
    kpi::Scorecard expected_of(const model::Dataset& data) const {
        kpi::KpiConfig config;
        config.as_of = as_of;
        return kpi::compute_scorecard(data, config);
    }

    model::Timestamp as_of = demo::DemoOptions::default_end;
    Fake fake;

private:
    std::string vendor_;

public:
    fakes::ServerCertificate certificate;
    std::string ca_file;
    fakes::LoopbackServer server;
    host::testing::ScratchDirectory dir;
    TestHost host;
};

}  // namespace sellerscore::testing
