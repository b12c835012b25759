// What crmhost serve answers from: the last scorecard in the state store and which seller owns each
// scored deal, both read after a sync (never per request). Immutable once built, so request threads
// share it through a shared_ptr while the next one is built.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace sellerscore::host::serve {

class ScorecardSnapshot {
public:
    // `scorecard`: the KPIS.md §8 document. `deals`: the plugin's query answer ({"deals": [{"id",
    // "owner_id", ...}]}). Entries of the wrong shape are skipped.
    ScorecardSnapshot(const boost::json::value& scorecard, const boost::json::value& deals);

    // The seller's §8 object, or nullptr.
    const boost::json::object* seller(std::string_view seller_id) const;
    // The owner of a scored deal, or nullopt.
    std::optional<std::string> owner_of_deal(std::string_view deal_id) const;
    const std::string& as_of() const { return as_of_; }
    std::size_t deal_count() const { return deal_owner_.size(); }

private:
    std::map<std::string, boost::json::object, std::less<>> sellers_;
    std::map<std::string, std::string, std::less<>> deal_owner_;
    std::string as_of_;
};

}  // namespace sellerscore::host::serve
