// The process exit codes of crmhost (DESIGN.md "The reference host"), derived from a Status so that
// scripts can tell a bad config from an expired token from a flaky network.
#pragma once

#include "plugin/model/status.hpp"

namespace sellerscore::host {

enum class ExitCode : int {
    ok = 0,
    failure = 1,
    usage = 2,
    auth = 3,
    network = 4,
    data = 5,
};

constexpr ExitCode exit_code_for(StatusCode code) {
    switch (code) {
    case StatusCode::ok:
        return ExitCode::ok;
    case StatusCode::invalid_argument:
        return ExitCode::usage;
    case StatusCode::auth:
    case StatusCode::permission:
        return ExitCode::auth;
    case StatusCode::network:
    case StatusCode::rate_limited:
    case StatusCode::timeout:
        return ExitCode::network;
    case StatusCode::data:
        return ExitCode::data;
    default:
        return ExitCode::failure;
    }
}

}  // namespace sellerscore::host
