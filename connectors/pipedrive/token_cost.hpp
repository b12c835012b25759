// What each call costs against Pipedrive's daily token budget (the spec's x-token-cost; VENDOR_APIS
// §2.6): our own copy, so the connector can tell before a call whether the budget still allows it.
#pragma once

#include <string_view>

#include "connectors/http/http_message.hpp"

namespace sellerscore::connectors::pipedrive {

// v2: list 10, get 1, create/update 5, delete 3, search 20. v1: list 20, get 2, changelog 20,
// flow 40, create/update 10, delete 6. `target` is the request target ("/api/v2/deals?limit=500").
int token_cost(http::Method method, std::string_view target);

}  // namespace sellerscore::connectors::pipedrive
