// Runs crmhost sync against a fresh vendor world per fault: the faulted run, then a normal re-run,
// then compares every value in the CRM with a clean run's. Rows print as the matrix's table.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tests/fakes/fault_injector.hpp"
#include "vendor_world.hpp"

namespace sellerscore::faults {

class CrmhostProcess;

struct MatrixRow {
    std::string vendor;
    std::string fault;
    std::string phase;           // "read" or "write" (where the fault was armed)
    std::uint64_t at_request = 0;  // armed when this request of the sync arrived
    int fault_exit = -1;         // exit code of the faulted run (137: SIGKILL)
    std::string fault_line;      // the faulted run's last stderr line
    int rerun_exit = -1;
    std::size_t values_differ = 0;  // held with another value than the clean run's
    std::size_t values_lost = 0;    // held after the clean run, missing here
    std::size_t values_extra = 0;   // held here, not after the clean run
    std::uint64_t written_twice = 0;  // writes that changed nothing, over both runs
    std::uint64_t refreshes = 0;      // token grants during the faulted run
    std::size_t values_after_fault = 0;  // values the CRM held right after the faulted run (fields not counted)

    bool converged() const { return rerun_exit == 0 && values_differ == 0 && values_lost == 0 && values_extra == 0; }
};

// The clean run every row is compared with.
struct CleanRun {
    int exit_code = -1;
    std::string err;
    FieldValues values;
    std::uint64_t written_twice = 0;
    std::uint64_t refreshes = 0;
    std::vector<std::string> requests;  // "METHOD path" in arrival order
    std::uint64_t first_write = 0;      // 1-based number of the first value-writing request
    std::vector<std::uint64_t> value_writes;  // 1-based numbers of every value-writing request
};

// One row to run: `arm` runs when request `at_request` of the sync arrives (after the vendor
// answered it, or before, for a kill the vendor must not see).
struct RowSpec {
    std::string fault;
    std::uint64_t at_request = 0;
    fakes::HookTiming timing = fakes::HookTiming::after_vendor;
    bool kills = false;  // the row's phase is that of request at_request itself, not of the one after it
    std::function<void(VendorWorld&, const CrmhostProcess&)> arm;
};

class FaultMatrix {
public:
    using WorldFactory = std::function<std::unique_ptr<VendorWorld>()>;
    // What a row does at its request: arm a fault in the world, or kill the child.
    using Arm = std::function<void(VendorWorld&, const CrmhostProcess&)>;
    // Rows run this many at a time, each in its own world: a run mostly waits (pacing, backoff,
    // timeouts), so the matrix's wall time, not its CPU, is what parallel runs save.
    static constexpr int parallel_rows = 6;

    explicit FaultMatrix(WorldFactory make_world);

    const CleanRun& clean() const { return clean_; }
    // The middle of the record read: between the last request that changed the CRM's schema (field
    // creation, permission grants) and the first value write.
    std::uint64_t read_middle() const;

    // Each row in a fresh world: the faulted sync, then the world heals and crmhost syncs again.
    // Rows come back in the order of `specs` and are kept for print().
    std::vector<MatrixRow> run(const std::vector<RowSpec>& specs);
    // ≥ `minimum` SIGKILL points spread over the read and the write-back of the clean run.
    std::vector<std::pair<std::uint64_t, fakes::HookTiming>> kill_points(std::size_t minimum) const;

    const std::vector<MatrixRow>& rows() const { return rows_; }
    void print(const char* title) const;

private:
    MatrixRow run_one(const RowSpec& spec) const;

    WorldFactory make_world_;
    CleanRun clean_;
    std::vector<MatrixRow> rows_;
};

}  // namespace sellerscore::faults
