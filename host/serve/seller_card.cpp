#include "host/serve/seller_card.hpp"

#include <charconv>
#include <cstdint>
#include <cstdio>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

namespace sellerscore::host::serve {

namespace json = boost::json;

namespace {

// The KPIs behind the deal fields of KPIS.md §7: what a rep also sees on the record.
constexpr const char* card_kpis[] = {"win_rate", "conversion_rate", "retention_rate", "avg_sale_value",
                                     "avg_sales_cycle_days"};

json::value member_or_null(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v != nullptr ? *v : json::value(nullptr);
}

const json::object* object_at(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v != nullptr ? v->if_object() : nullptr;
}

std::string string_at(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

// The drivers line cut at " · " into the lifting half and the holding half.
std::string drivers_part(const json::object& seller, std::string_view arrow) {
    const json::object* drivers = object_at(seller, "drivers");
    if (drivers == nullptr) return {};
    const std::string text = string_at(*drivers, "text");
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(" \u00b7 ", start);
        const std::string part = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (part.rfind(arrow, 0) == 0) {
            if (!out.empty()) out += " \u00b7 ";
            out += part;
        }
        if (end == std::string::npos) break;
        start = end + std::string_view(" \u00b7 ").size();
    }
    return out;
}

std::string score_text(const json::value& score) {
    if (!score.is_number()) return "no score";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", score.to_number<double>());
    return buffer;
}

const char* band_color(std::string_view band) {
    if (band == "A") return "green";
    if (band == "B") return "blue";
    if (band == "C") return "yellow";
    return "red";
}

// Pipedrive ids are numbers, and the panel's data structure declares "id" numerical.
json::value panel_id(std::string_view deal_id) {
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(deal_id.data(), deal_id.data() + deal_id.size(), n);
    if (ec == std::errc() && end == deal_id.data() + deal_id.size()) return json::value(n);
    return json::value(deal_id);
}

}  // namespace

std::string hubspot_card_json(const json::object& seller, const CardContext& context) {
    json::object kpis;
    if (const json::object* all = object_at(seller, "kpis")) {
        for (const char* id : card_kpis) {
            if (const json::value* v = all->if_contains(id)) kpis[id] = *v;
        }
    }
    const json::object* drivers = object_at(seller, "drivers");
    json::object card{
        {"deal_id", context.deal_id},
        {"seller", json::object{{"id", member_or_null(seller, "id")}, {"name", member_or_null(seller, "name")}}},
        {"score", member_or_null(seller, "score")},
        {"band", member_or_null(seller, "band")},
        {"as_of", context.as_of},
        {"kpis", std::move(kpis)},
        {"drivers", drivers != nullptr ? json::value(*drivers)
                                       : json::value(json::object{{"lifts", json::array{}},
                                                                  {"holds", json::array{}},
                                                                  {"text", ""}})},
        {"report_url", context.report_url.empty() ? json::value(nullptr) : json::value(context.report_url)},
    };
    return json::serialize(card);
}

std::string pipedrive_panel_json(const json::object& seller, const CardContext& context) {
    const std::string band = string_at(seller, "band");
    const json::value score = member_or_null(seller, "score");
    json::object object{
        {"id", panel_id(context.deal_id)},
        {"header", "Seller score " + score_text(score) + (band.empty() ? "" : " (" + band + ")")},
        {"seller", string_at(seller, "name")},
        {"score", score},
        {"band", band.empty() ? json::value(nullptr) : json::value(json::object{{"label", band}, {"color", band_color(band)}})},
        {"lifts", drivers_part(seller, "\u2191")},
        {"holds", drivers_part(seller, "\u2193")},
        {"scored_at", context.as_of},
    };
    return json::serialize(json::object{{"data", json::array{std::move(object)}}});
}

}  // namespace sellerscore::host::serve
