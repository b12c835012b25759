#include "deals_renderer.hpp"

#include <fmt/format.h>

#include "text_table.hpp"

namespace sellerscore::host {

namespace json = boost::json;

namespace {

const json::array& deal_list(const json::value& document) {
    static const json::array empty;
    if (!document.is_object()) return empty;
    const json::value* deals = document.get_object().if_contains("deals");
    return deals && deals->is_array() ? deals->get_array() : empty;
}

std::string text_cell(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) return "—";
    if (v->is_string()) return std::string(v->get_string());
    if (v->is_number()) return fmt::format("{}", v->to_number<double>());
    return "—";
}

std::string number_cell(const json::object& o, std::string_view key, std::string_view format) {
    const json::value* v = o.if_contains(key);
    if (v == nullptr || !v->is_number()) return "—";
    return fmt::format(fmt::runtime(format), v->to_number<double>());
}

}  // namespace

std::size_t DealsRenderer::count() const { return deal_list(deals_).size(); }

std::string DealsRenderer::table(std::size_t max_rows) const {
    using Align = TextTable::Align;
    TextTable table({{"deal", Align::left},
                     {"name", Align::left},
                     {"owner", Align::left},
                     {"stage", Align::left},
                     {"status", Align::left},
                     {"amount", Align::right},
                     {"seller score", Align::right},
                     {"band", Align::left}});
    const json::array& deals = deal_list(deals_);
    for (std::size_t i = 0; i < deals.size() && i < max_rows; ++i) {
        if (!deals[i].is_object()) continue;
        const json::object& deal = deals[i].get_object();
        static const json::object no_fields;
        const json::value* f = deal.if_contains("fields");
        const json::object& fields = f && f->is_object() ? f->get_object() : no_fields;
        table.add_row({text_cell(deal, "id"), text_cell(deal, "name"), text_cell(deal, "owner_id"),
                       text_cell(deal, "stage_id"), text_cell(deal, "status"), number_cell(deal, "amount", "{:.2f}"),
                       number_cell(fields, "seller_score", "{:.1f}"), text_cell(fields, "seller_score_band")});
    }
    std::string out = table.render();
    if (deals.size() > max_rows) {
        out += fmt::format("... and {} more\n", deals.size() - max_rows);
    }
    return out;
}

}  // namespace sellerscore::host
