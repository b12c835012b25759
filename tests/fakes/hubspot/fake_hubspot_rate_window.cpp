#include "fake_hubspot_rate_window.hpp"

#include <algorithm>

namespace sellerscore::fakes {

FakeHubSpotRateWindow::FakeHubSpotRateWindow(int max_requests, std::chrono::milliseconds length)
    : max_requests_(max_requests), length_(length) {}

void FakeHubSpotRateWindow::forget_before(TimePoint now) {
    // A request admitted exactly `length` ago has left the window.
    while (!admitted_.empty() && admitted_.front() <= now - length_) admitted_.pop_front();
}

bool FakeHubSpotRateWindow::try_admit(TimePoint now) {
    forget_before(now);
    if (static_cast<int>(admitted_.size()) >= max_requests_) return false;
    admitted_.push_back(now);
    peak_ = std::max(peak_, static_cast<int>(admitted_.size()));
    return true;
}

int FakeHubSpotRateWindow::remaining(TimePoint now) {
    forget_before(now);
    return std::max(0, max_requests_ - static_cast<int>(admitted_.size()));
}

}  // namespace sellerscore::fakes
