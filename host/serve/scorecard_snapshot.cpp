#include "host/serve/scorecard_snapshot.hpp"

#include "host/serve/json_id_text.hpp"

namespace sellerscore::host::serve {

namespace json = boost::json;

ScorecardSnapshot::ScorecardSnapshot(const json::value& scorecard, const json::value& deals) {
    if (const json::object* doc = scorecard.if_object()) {
        if (const json::value* as_of = doc->if_contains("as_of"); as_of != nullptr && as_of->is_string()) {
            as_of_ = std::string(as_of->get_string());
        }
        if (const json::value* sellers = doc->if_contains("sellers"); sellers != nullptr && sellers->is_array()) {
            for (const json::value& s : sellers->get_array()) {
                const json::object* o = s.if_object();
                if (o == nullptr) continue;
                const std::string id = json_id_text(o->if_contains("id"));
                if (!id.empty()) sellers_.emplace(id, *o);
            }
        }
    }
    if (const json::object* doc = deals.if_object()) {
        if (const json::value* list = doc->if_contains("deals"); list != nullptr && list->is_array()) {
            for (const json::value& d : list->get_array()) {
                const json::object* o = d.if_object();
                if (o == nullptr) continue;
                const std::string id = json_id_text(o->if_contains("id"));
                const std::string owner = json_id_text(o->if_contains("owner_id"));
                if (!id.empty() && !owner.empty()) deal_owner_.emplace(id, owner);
            }
        }
    }
}

const json::object* ScorecardSnapshot::seller(std::string_view seller_id) const {
    const auto it = sellers_.find(seller_id);
    return it == sellers_.end() ? nullptr : &it->second;
}

std::optional<std::string> ScorecardSnapshot::owner_of_deal(std::string_view deal_id) const {
    const auto it = deal_owner_.find(deal_id);
    if (it == deal_owner_.end()) return std::nullopt;
    return it->second;
}

}  // namespace sellerscore::host::serve
