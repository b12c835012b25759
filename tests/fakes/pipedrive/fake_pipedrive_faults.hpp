// Pipedrive's queue of injected faults: the shared FaultQueue over Pipedrive's fault kinds.
#pragma once

#include "fake_pipedrive.hpp"
#include "tests/fakes/fault_queue.hpp"

namespace sellerscore::fakes::pipedrive {

using FaultHit = sellerscore::fakes::FaultHit<FakePipedriveFault>;
using FaultQueue = sellerscore::fakes::FaultQueue<FakePipedriveFault>;

}  // namespace sellerscore::fakes::pipedrive
