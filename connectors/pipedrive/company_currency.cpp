#include "company_currency.hpp"

#include <map>

#include "json_access.hpp"

namespace sellerscore::connectors::pipedrive {

std::string company_currency(const std::vector<boost::json::value>& users) {
    std::map<std::string, int> counts;
    for (const auto& user : users) {
        std::string currency = text_at(user, "default_currency");
        if (currency.empty()) continue;
        if (bool_at(user, "is_you").value_or(false)) return currency;
        ++counts[currency];
    }
    std::string most;
    int best = 0;
    for (const auto& [currency, count] : counts) {
        if (count > best) {
            best = count;
            most = currency;
        }
    }
    return most;
}

}  // namespace sellerscore::connectors::pipedrive
