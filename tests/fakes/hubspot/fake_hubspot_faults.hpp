// HubSpot's queue of injected faults: the shared FaultQueue over HubSpot's fault kinds.
#pragma once

#include "fake_hubspot.hpp"
#include "tests/fakes/fault_queue.hpp"

namespace sellerscore::fakes {

using FakeHubSpotFaultHit = FaultHit<FakeHubSpotFault>;
using FakeHubSpotFaults = FaultQueue<FakeHubSpotFault>;

}  // namespace sellerscore::fakes
