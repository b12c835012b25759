// What a write-back left unwritten, reduced to the one failure an unattended run should exit with.
// Every connector reports values it could not write the same way (a WriteFailure each), so the
// class of the worst of them, not the connector, decides how crmhost exits (docs/operations.md
// "Exit codes"): a permission refused needs the admin most, a record the CRM refused next, and a
// rate limit or spent budget least, since the next run writes what was left.
#pragma once

#include <cstdint>
#include <optional>

#include "plugin/model/status.hpp"

namespace sellerscore::plugin {

class WriteFailureTally {
public:
    // `values` field values not written for `why`; 0 for a failure after the writes (the cursor).
    void add(const Status& why, std::uint64_t values = 1);

    std::uint64_t values() const { return values_; }
    // The first failure of the worst class; nullopt when nothing failed.
    const std::optional<Status>& worst() const { return worst_; }

private:
    std::uint64_t values_ = 0;
    std::optional<Status> worst_;
};

}  // namespace sellerscore::plugin
