// The plugin's query document ({"deals":[{"id","owner_id","stage_id","status","amount","fields"}]})
// as an aligned table: what a manager sees after `crmhost deals --where ...`.
#pragma once

#include <cstddef>
#include <string>

#include <boost/json/value.hpp>

namespace sellerscore::host {

class DealsRenderer {
public:
    explicit DealsRenderer(const boost::json::value& deals) : deals_(deals) {}

    std::size_t count() const;
    // deal, name (when deals have one), owner, stage, status, amount, seller score, band; at most
    // `max_rows` rows, then how many more there are.
    std::string table(std::size_t max_rows) const;

    // RFC 4180 (csv_text.hpp), every deal: id, name (when deals have one), owner_id, stage_id, status,
    // amount, then one "fields.<name>" column per KPI field in the order the fields first appear.
    std::string csv() const;

private:
    const boost::json::value& deals_;
};

}  // namespace sellerscore::host
