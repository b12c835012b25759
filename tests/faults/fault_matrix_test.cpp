// The fault matrix (issue 12, item 1): crmhost syncs as a child process against each fake vendor
// while the vendor throttles, fails, resets, truncates, stalls, expires tokens, runs out of its daily
// budget, or while crmhost itself is SIGKILLed at 20+ points of the read and the write-back. After
// each fault and a normal re-run, every value in the CRM equals a clean run's, nothing was written
// twice (writes that changed nothing, counted by the fakes), nothing was lost, and the faulted run's
// exit code says what happened (DESIGN.md: 0 ok, 3 auth, 4 network or rate limit exhausted, 5 data).
// Each test prints its table.
#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <set>

#include "crmhost_process.hpp"
#include "fault_matrix.hpp"
#include "tests/fakes/test_certificates.hpp"

using namespace sellerscore;
using namespace sellerscore::faults;
using fakes::EdgeFault;
using fakes::HookTiming;
using namespace std::chrono_literals;

namespace {

const fakes::ServerCertificate& certificate() {
    static const fakes::ServerCertificate made = fakes::make_server_certificate();
    return made;
}
const std::string& ca_file() {
    static const std::string file = fakes::write_temp_pem(certificate().ca_pem, "fault-matrix-ca");
    return file;
}

FaultMatrix::WorldFactory world_of(Vendor vendor, Auth auth) {
    return [vendor, auth]() -> std::unique_ptr<VendorWorld> {
        switch (vendor) {
            case Vendor::hubspot: return make_hubspot_world(auth, certificate(), ca_file());
            case Vendor::pipedrive: return make_pipedrive_world(auth, certificate(), ca_file());
            case Vendor::salesforce: return make_salesforce_world(certificate(), ca_file());
        }
        return nullptr;
    };
}

// A write whose answer is lost (reset, cut short, timed out) may have been applied: it is never
// sent again, so the sync stops with exit 4 and the re-run writes what the CRM does not hold yet.
// Values refused during the write-back (an HTML page for a batch: 5) or kept out by a spent daily
// budget (4) let the sync finish and print its summary, then exit by the worst of them, the same
// on every vendor (docs/operations.md "Exit codes").
struct FaultCase {
    const char* name;
    FaultMatrix::Arm arm;
    int expected_exit_read;   // exit code of the faulted run when armed during the read
    int expected_exit_write;  // ... during the write-back
    // When set: the faulted run's last line when armed during the write-back (the sync finished).
    const char* write_line = nullptr;
};

// The line a sync that finished with values left unwritten ends with (host/sync_command.cpp).
constexpr const char* values_not_written = " not written; the first reason: ";

std::vector<FaultCase> transport_faults() {
    return {
        {"429 storm, vendor's 429 x4", [](VendorWorld& w, const CrmhostProcess&) { w.inject(VendorFault::rate_limit_429, 4, 0ms); }, 0, 0},
        {"429 storm, Retry-After: 1 x3",
         [](VendorWorld& w, const CrmhostProcess&) { w.injector.inject(EdgeFault::rate_limit_429_retry_after, 3, "", 1000ms); }, 0, 0},
        {"5xx burst x4", [](VendorWorld& w, const CrmhostProcess&) { w.inject(VendorFault::http_5xx, 4, 0ms); }, 0, 0},
        {"connection resets x3", [](VendorWorld& w, const CrmhostProcess&) { w.inject(VendorFault::connection_reset, 3, 0ms); }, 0, 4},
        {"truncated bodies x3", [](VendorWorld& w, const CrmhostProcess&) { w.inject(VendorFault::truncated_body, 3, 0ms); }, 0, 4},
        {"HTML body instead of JSON x1",
         [](VendorWorld& w, const CrmhostProcess&) { w.injector.inject(EdgeFault::html_instead_of_json, 1); }, 5, 5,
         values_not_written},
        {"slower than the read timeout x1",
         [](VendorWorld& w, const CrmhostProcess&) { w.inject(VendorFault::slow_answer, 1, matrix_read_timeout + 1500ms); }, 0, 4},
        {"daily budget runs out", [](VendorWorld& w, const CrmhostProcess&) { w.exhaust_daily_budget(); }, 4, 4,
         values_not_written},
    };
}

// Each fault armed in the middle of the read and again just before the first value write.
void run_faults(FaultMatrix& matrix, const std::vector<FaultCase>& cases) {
    const std::uint64_t read_at = matrix.read_middle();
    const std::uint64_t write_at = matrix.clean().first_write - 1;
    std::vector<RowSpec> specs;
    std::vector<int> expected_exits;
    std::vector<const char*> expected_lines;
    for (const FaultCase& c : cases) {
        specs.push_back({c.name, read_at, HookTiming::after_vendor, false, c.arm});
        expected_exits.push_back(c.expected_exit_read);
        expected_lines.push_back(nullptr);
        specs.push_back({c.name, write_at, HookTiming::after_vendor, false, c.arm});
        expected_exits.push_back(c.expected_exit_write);
        expected_lines.push_back(c.write_line);
    }
    const std::vector<MatrixRow> rows = matrix.run(specs);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const MatrixRow& row = rows[i];
        const int expected = expected_exits[i];
        {
            INFO(row.vendor << ": " << row.fault << " armed at request " << row.at_request << " (" << row.phase
                            << "): " << row.fault_line);
            CHECK(row.fault_exit == expected);
            if (expected_lines[i] != nullptr) CHECK_THAT(row.fault_line, Catch::Contains(expected_lines[i]));
            // A sync that fails during the read has written nothing (bad vendor replies change nothing).
            if (row.phase == "read" && row.fault_exit != 0) CHECK(row.values_after_fault == 0);
            CHECK(row.rerun_exit == 0);
            CHECK(row.values_differ == 0);
            CHECK(row.values_lost == 0);
            CHECK(row.values_extra == 0);
            CHECK(row.written_twice == matrix.clean().written_twice);
        }
    }
}

void require_clean(const FaultMatrix& matrix) {
    INFO(matrix.clean().err);
    REQUIRE(matrix.clean().exit_code == 0);
    REQUIRE(matrix.clean().first_write > 1);
    REQUIRE(matrix.clean().values.size() > 100);
    CHECK(matrix.clean().written_twice == 0);
}

void run_kills(FaultMatrix& matrix) {
    const auto points = matrix.kill_points(20);
    REQUIRE(points.size() >= 20);
    std::vector<RowSpec> specs;
    for (const auto& [at, timing] : points) {
        specs.push_back({timing == HookTiming::before_vendor ? "kill -9 (request unseen)" : "kill -9 (request applied)", at,
                         timing, true, [](VendorWorld&, const CrmhostProcess& child) { child.kill_now(); }});
    }
    std::size_t in_write = 0;
    for (const MatrixRow& row : matrix.run(specs)) {
        const std::uint64_t at = row.at_request;
        if (row.phase == "write") ++in_write;
        INFO(row.vendor << ": kill -9 at request " << at << " (" << row.phase << ")");
        CHECK(row.fault_exit == 137);
        CHECK(row.rerun_exit == 0);
        CHECK(row.values_differ == 0);
        CHECK(row.values_lost == 0);
        CHECK(row.values_extra == 0);
        CHECK(row.written_twice == matrix.clean().written_twice);
    }
    CHECK(in_write >= 4);
}

}  // namespace

TEST_CASE("fault matrix: HubSpot under transport faults and an exhausted daily limit converges on a re-run", "[fault_matrix]") {
    FaultMatrix matrix(world_of(Vendor::hubspot, Auth::static_token));
    require_clean(matrix);
    run_faults(matrix, transport_faults());
    run_faults(matrix, {{"private-app token revoked", [](VendorWorld& w, const CrmhostProcess&) { w.injector.revoke_credentials_seen(); }, 3, 3}});
    matrix.print("HubSpot (private-app token)");
}

TEST_CASE("fault matrix: HubSpot OAuth tokens expiring mid-sync are refreshed once and the sync completes", "[fault_matrix]") {
    FaultMatrix matrix(world_of(Vendor::hubspot, Auth::oauth));
    require_clean(matrix);
    run_faults(matrix, {{"OAuth token expires", [](VendorWorld& w, const CrmhostProcess&) { w.expire_tokens(); }, 0, 0}});
    for (const MatrixRow& row : matrix.rows()) CHECK(row.refreshes == matrix.clean().refreshes + 1);
    matrix.print("HubSpot (OAuth app)");
}

TEST_CASE("fault matrix: HubSpot, kill -9 at 20+ points of the read and the write-back, then a normal run", "[fault_matrix]") {
    FaultMatrix matrix(world_of(Vendor::hubspot, Auth::static_token));
    require_clean(matrix);
    run_kills(matrix);
    matrix.print("HubSpot: kill -9");
}

TEST_CASE("fault matrix: Pipedrive under transport faults and an exhausted daily budget converges on a re-run", "[fault_matrix]") {
    FaultMatrix matrix(world_of(Vendor::pipedrive, Auth::static_token));
    require_clean(matrix);
    run_faults(matrix, transport_faults());
    run_faults(matrix, {{"API token revoked", [](VendorWorld& w, const CrmhostProcess&) { w.injector.revoke_credentials_seen(); }, 3, 3}});
    matrix.print("Pipedrive (API token)");
}

TEST_CASE("fault matrix: Pipedrive OAuth tokens expiring mid-sync are refreshed once and the sync completes", "[fault_matrix]") {
    FaultMatrix matrix(world_of(Vendor::pipedrive, Auth::oauth));
    require_clean(matrix);
    run_faults(matrix, {{"OAuth token expires", [](VendorWorld& w, const CrmhostProcess&) { w.expire_tokens(); }, 0, 0}});
    for (const MatrixRow& row : matrix.rows()) CHECK(row.refreshes == matrix.clean().refreshes + 1);
    matrix.print("Pipedrive (OAuth app)");
}

TEST_CASE("fault matrix: Pipedrive, kill -9 at 20+ points of the read and the write-back, then a normal run", "[fault_matrix]") {
    FaultMatrix matrix(world_of(Vendor::pipedrive, Auth::static_token));
    require_clean(matrix);
    run_kills(matrix);
    matrix.print("Pipedrive: kill -9");
}

TEST_CASE("fault matrix: Salesforce under transport faults, an expired session and an exhausted allocation converges on a re-run", "[fault_matrix]") {
    FaultMatrix matrix(world_of(Vendor::salesforce, Auth::oauth));
    require_clean(matrix);
    run_faults(matrix, transport_faults());
    const std::size_t before = matrix.rows().size();
    run_faults(matrix, {{"session expires", [](VendorWorld& w, const CrmhostProcess&) { w.expire_tokens(); }, 0, 0}});
    for (std::size_t i = before; i < matrix.rows().size(); ++i) CHECK(matrix.rows()[i].refreshes == matrix.clean().refreshes + 1);
    matrix.print("Salesforce (refresh-token flow)");
}

TEST_CASE("fault matrix: Salesforce, kill -9 at 20+ points of the read and the write-back, then a normal run", "[fault_matrix]") {
    FaultMatrix matrix(world_of(Vendor::salesforce, Auth::oauth));
    require_clean(matrix);
    run_kills(matrix);
    matrix.print("Salesforce: kill -9");
}
