#include "association_reader.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "json_access.hpp"

namespace sellerscore::connectors::hubspot {

namespace json = boost::json;

namespace {

constexpr std::size_t max_ids = 100;

}  // namespace

Result<std::map<std::string, FirstAssociations>> read_first_associations(HubSpotApi& api, ObjectType type,
                                                                         const std::vector<std::string>& ids) {
    std::map<std::string, FirstAssociations> links;
    for (ObjectType target : association_targets(type)) {
        const std::string path =
            api.v4("/associations/" + std::string(path_name(type)) + "/" + std::string(path_name(target)) + "/batch/read");
        for (std::size_t start = 0; start < ids.size(); start += max_ids) {
            json::array inputs;
            const std::size_t end = std::min(ids.size(), start + max_ids);
            for (std::size_t i = start; i < end; ++i) inputs.push_back(json::object{{"id", ids[i]}});
            auto body = api.post(path, json::object{{"inputs", std::move(inputs)}});
            if (!body) return body.status();
            const json::array* results = array_at(*body, "results");
            if (results == nullptr) continue;
            for (const auto& result : *results) {
                const json::value* from = member(result, "from");
                const json::array* to = array_at(result, "to");
                if (from == nullptr || to == nullptr || to->empty()) continue;
                std::string first = string_at(to->front(), "toObjectId");
                if (first.empty()) continue;
                FirstAssociations& link = links[string_at(*from, "id")];
                if (target == ObjectType::contacts) link.contact = std::move(first);
                else if (target == ObjectType::companies) link.company = std::move(first);
                else if (target == ObjectType::deals) link.deal = std::move(first);
            }
        }
    }
    return links;
}

}  // namespace sellerscore::connectors::hubspot
