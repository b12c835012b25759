// What every fuzz target asks of a failure beyond not crashing: it says what failed.
#pragma once

#include <cstdlib>

#include "plugin/model/status.hpp"

namespace sellerscore::fuzz {

inline void require_message(const Status& status) {
    if (!status && status.message().empty()) std::abort();
}

}  // namespace sellerscore::fuzz
