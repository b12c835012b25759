#include "lead_channel.hpp"

#include <array>

namespace sellerscore::demo {

namespace {
// Referrals and events convert best, social worst; social is bought for reach (spend even in
// months with few leads), search for leads.
constexpr std::array<LeadChannel, 7> channels = {{
    {"web", 0.29, 1.0, 0.00, 0, 0, 0},
    {"paid_search", 0.20, 0.9, 0.00, 45, 2.10, 0},
    {"social", 0.15, 0.6, -0.03, 28, 0.85, 900},
    {"events", 0.08, 1.4, 0.03, 120, 0, 0},
    {"outbound", 0.12, 0.8, 0.00, 0, 0, 0},
    {"referral", 0.12, 2.0, 0.05, 0, 0, 0},
    {"", 0.04, 0.8, 0.00, 0, 0, 0},
}};
}  // namespace

std::span<const LeadChannel> lead_channels() { return channels; }

std::size_t referral_channel() { return 5; }

}  // namespace sellerscore::demo
