#include "write_failure_tally.hpp"

namespace sellerscore::plugin {

namespace {

// Higher is worse. Anything that is neither a credential problem nor temporary is a value the CRM
// would not take as sent: a data failure.
int severity(StatusCode code) {
    switch (code) {
        case StatusCode::auth:
        case StatusCode::permission: return 3;
        case StatusCode::network:
        case StatusCode::rate_limited:
        case StatusCode::timeout: return 1;
        default: return 2;
    }
}

// The class a failure is reported in: per-record failures of other kinds count as data.
StatusCode class_of(StatusCode code) { return severity(code) == 2 ? StatusCode::data : code; }

}  // namespace

void WriteFailureTally::add(const Status& why, std::uint64_t values) {
    if (why.is_ok()) return;
    values_ += values;
    if (!worst_ || severity(why.code()) > severity(worst_->code())) {
        worst_ = Status(class_of(why.code()), why.message(), why.retry_after_ms());
    }
}

}  // namespace sellerscore::plugin
