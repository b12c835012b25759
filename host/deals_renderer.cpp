#include "deals_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "csv_text.hpp"
#include "text_table.hpp"
#include "thousands_separator.hpp"

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

std::string score_cell(const json::object& fields) {
    const json::value* v = fields.if_contains("seller_score");
    return v && v->is_number() ? fmt::format("{:.1f}", v->to_number<double>()) : "—";
}

std::string amount_cell(const json::object& deal) {
    const json::value* v = deal.if_contains("amount");
    return v && v->is_number() ? with_thousands_separators(std::llround(v->to_number<double>())) : "—";
}

// Not every CRM gives deals a name; a column of dashes would only push the others apart.
bool any_named(const json::array& deals) {
    return std::any_of(deals.begin(), deals.end(), [](const json::value& deal) {
        const json::value* name = deal.is_object() ? deal.get_object().if_contains("name") : nullptr;
        return name && name->is_string() && !name->get_string().empty();
    });
}

}  // namespace

std::size_t DealsRenderer::count() const { return deal_list(deals_).size(); }

std::string DealsRenderer::csv() const {
    const json::array& deals = deal_list(deals_);
    std::vector<std::string> columns{"id"};
    if (any_named(deals)) columns.emplace_back("name");
    for (const char* column : {"owner_id", "stage_id", "status", "amount"}) columns.emplace_back(column);
    std::vector<std::string> field_names;
    for (const json::value& deal : deals) {
        const json::value* fields = deal.is_object() ? deal.get_object().if_contains("fields") : nullptr;
        if (fields == nullptr || !fields->is_object()) continue;
        for (const auto& [name, value] : fields->get_object()) {
            if (std::find(field_names.begin(), field_names.end(), name) == field_names.end()) {
                field_names.emplace_back(name);
            }
        }
    }
    std::vector<std::string> header = columns;
    for (const std::string& name : field_names) header.push_back("fields." + name);
    std::string out = csv_row(header);
    for (const json::value& deal : deals) {
        if (!deal.is_object()) continue;
        const json::object& o = deal.get_object();
        std::vector<std::string> row;
        for (const std::string& column : columns) row.push_back(csv_cell(o.if_contains(column)));
        const json::value* fields = o.if_contains("fields");
        for (const std::string& name : field_names) {
            row.push_back(fields && fields->is_object() ? csv_cell(fields->get_object().if_contains(name)) : "");
        }
        out += csv_row(row);
    }
    return out;
}

std::string DealsRenderer::table(std::size_t max_rows) const {
    using Align = TextTable::Align;
    const json::array& deals = deal_list(deals_);
    const bool named = any_named(deals);
    std::vector<TextTable::Column> columns{{"deal", Align::left}};
    if (named) columns.push_back({"name", Align::left});
    for (TextTable::Column column : {TextTable::Column{"owner", Align::left}, TextTable::Column{"stage", Align::left},
                                     TextTable::Column{"status", Align::left}, TextTable::Column{"amount", Align::right},
                                     TextTable::Column{"seller score", Align::right},
                                     TextTable::Column{"band", Align::left}}) {
        columns.push_back(std::move(column));
    }
    TextTable table(std::move(columns));
    for (std::size_t i = 0; i < deals.size() && i < max_rows; ++i) {
        if (!deals[i].is_object()) continue;
        const json::object& deal = deals[i].get_object();
        static const json::object no_fields;
        const json::value* f = deal.if_contains("fields");
        const json::object& fields = f && f->is_object() ? f->get_object() : no_fields;
        std::vector<std::string> row{text_cell(deal, "id")};
        if (named) row.push_back(text_cell(deal, "name"));
        for (std::string cell : {text_cell(deal, "owner_id"), text_cell(deal, "stage_id"), text_cell(deal, "status"),
                                 amount_cell(deal), score_cell(fields), text_cell(fields, "seller_score_band")}) {
            row.push_back(std::move(cell));
        }
        table.add_row(std::move(row));
    }
    std::string out = table.render();
    if (deals.size() > max_rows) {
        out += fmt::format("... and {} more\n", deals.size() - max_rows);
    }
    return out;
}

}  // namespace sellerscore::host
