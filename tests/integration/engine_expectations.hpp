// What the KPI engine says a vendor sync should have written: shared by the vendor round-trip
// tests, which compare each value a fake CRM holds with the engine run on the same data.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "host/demo/demo_crm_generator.hpp"
#include "plugin/kpi/kpi_engine.hpp"

namespace sellerscore::testing {

inline model::Dataset generate_demo(const demo::DemoOptions& options) {
    auto data = demo::DemoCrmGenerator::dataset(options);
    REQUIRE(data.is_ok());
    return std::move(*data);
}

// Equal within the write-back tolerance (KPIS.md §7: 1e-9 relative), or both absent.
inline bool same_number(std::optional<double> written, std::optional<double> expected) {
    if (!written || !expected) return written.has_value() == expected.has_value();
    return std::fabs(*written - *expected) <= 1e-9 * std::max(1.0, std::fabs(*expected));
}

inline const kpi::SellerResult& seller_of(const kpi::Scorecard& card, const std::string& seller_id) {
    for (const auto& s : card.sellers) {
        if (s.seller_id == seller_id) return s;
    }
    FAIL("no scorecard row for seller " << seller_id);
    throw;
}

inline std::optional<double> kpi_value(const kpi::SellerResult& s, const std::string& id) {
    const auto it = s.kpis.find(id);
    return it == s.kpis.end() ? std::nullopt : it->second.value;
}

inline std::optional<std::string> band_text(const kpi::SellerResult& s) {
    return s.band ? std::optional<std::string>(std::string(1, *s.band)) : std::nullopt;
}

}  // namespace sellerscore::testing
