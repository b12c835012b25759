// The matrix's VendorFault played by a fake whose own fault enum has the common names
// (rate_limit_429, http_5xx, close_before_response, truncate_body, delay_response): the vendor's
// bodies and headers, not a generic stand-in.
#pragma once

#include <chrono>

#include "vendor_world.hpp"

namespace sellerscore::faults {

template <typename FakeFault, typename Fake>
void inject_fake_fault(Fake& fake, VendorFault fault, int times, std::chrono::milliseconds delay) {
    switch (fault) {
        case VendorFault::rate_limit_429: fake.inject(FakeFault::rate_limit_429, times); break;
        case VendorFault::http_5xx: fake.inject(FakeFault::http_5xx, times); break;
        case VendorFault::connection_reset: fake.inject(FakeFault::close_before_response, times); break;
        case VendorFault::truncated_body: fake.inject(FakeFault::truncate_body, times); break;
        case VendorFault::slow_answer: fake.inject(FakeFault::delay_response, times, "", delay); break;
    }
}

}  // namespace sellerscore::faults
