// `crmhost deals --where 'seller_score >= 80 and seller_score_band = A'`: the manager's filter
// language, parsed into a connector-neutral DealQuery.
//
//   where      := predicate ("and" predicate)*
//   predicate  := field op value
//   op         := "=" | "==" | "!=" | "<>" | "<" | "<=" | ">" | ">="
//   value      := number | number "%" | 'quoted' | "quoted" | bare-word
//
// Fields are the deal fields of the catalog. Percentage fields take "40%" or a ratio ("0.4"); a bare
// number above 1 is refused rather than guessed. Enumeration values match case-insensitively and
// are normalised to the option's spelling. "or" and parentheses are not supported: a CRM filter
// group ANDs its conditions and the same limitation keeps every vendor translatable.
#pragma once

#include <string_view>

#include "connectors/connector.hpp"
#include "field_catalog.hpp"

namespace sellerscore::plugin {

Result<connectors::DealQuery> parse_deal_filter(std::string_view where, const FieldCatalog& catalog);

}  // namespace sellerscore::plugin
