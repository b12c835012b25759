#include "writeback_planner.hpp"

#include <cmath>
#include <optional>
#include <unordered_map>

#include "plugin/kpi/seller_score_drivers_text.hpp"
#include "plugin/model/timestamp_format.hpp"

namespace sellerscore::plugin {

using connectors::FieldValue;
using connectors::FieldWrite;
using connectors::RecordObject;

namespace {

// The §7 deal fields and where each comes from in a SellerResult.
struct SellerField {
    const char* field_id;
    const char* kpi_id;  // nullptr: score, band or drivers
};
constexpr SellerField seller_fields[] = {
    {"seller_score", nullptr},
    {"seller_score_band", nullptr},
    {"seller_win_rate", "win_rate"},
    {"seller_conversion_rate", "conversion_rate"},
    {"seller_retention_rate", "retention_rate"},
    {"seller_churn_rate", "churn_rate"},
    {"seller_avg_sale_value", "avg_sale_value"},
    {"seller_sales_cycle_days", "avg_sales_cycle_days"},
    {"seller_score_drivers", nullptr},
    {"seller_csat", "csat"},
    {"seller_nps", "nps"},
    {"seller_on_time_delivery_rate", "on_time_delivery_rate"},
};

FieldValue from_optional(const std::optional<double>& v) { return v ? FieldValue(*v) : FieldValue(); }

FieldValue seller_value(const kpi::SellerResult& seller, const SellerField& field) {
    if (field.kpi_id == nullptr) {
        if (std::string_view(field.field_id) == "seller_score") return from_optional(seller.score);
        if (std::string_view(field.field_id) == "seller_score_drivers") {
            std::string text = kpi::score_drivers_text(seller.drivers);
            return text.empty() ? FieldValue() : FieldValue(std::move(text));
        }
        return seller.band ? FieldValue(std::string(1, *seller.band)) : FieldValue();
    }
    const auto it = seller.kpis.find(field.kpi_id);
    return it == seller.kpis.end() ? FieldValue() : from_optional(it->second.value);
}

// The writes for one record: appends a write when `desired` differs from what the record holds.
class RecordWriter {
public:
    RecordWriter(const HeldValues& held, RecordObject object, const std::string& record_id, OnNull on_null,
                 std::vector<FieldWrite>& out)
        : held_(held.row(object, record_id)), object_(object), record_id_(record_id), on_null_(on_null), out_(out) {}

    // Returns whether it appended a write.
    bool offer(std::size_t field_index, const std::string& field_id, FieldValue desired) {
        if (std::holds_alternative<std::monostate>(desired) && on_null_ == OnNull::keep) return false;
        if (same_field_value(held_[field_index], desired)) return false;
        out_.push_back(FieldWrite{object_, record_id_, field_id, std::move(desired)});
        return true;
    }

private:
    HeldValues::Row held_;
    RecordObject object_;
    const std::string& record_id_;
    OnNull on_null_;
    std::vector<FieldWrite>& out_;
};

}  // namespace

bool same_field_value(const FieldValue& a, const FieldValue& b) {
    if (a.index() != b.index()) return false;
    if (const double* x = std::get_if<double>(&a)) {
        const double y = std::get<double>(b);
        return *x == y || std::fabs(*x - y) <= 1e-9 * std::max(std::fabs(*x), std::fabs(y));
    }
    return a == b;
}

WritebackPlan plan_writeback(const model::Dataset& data, const kpi::Scorecard& scorecard, const FieldCatalog& catalog,
                             const HeldValues& held, const PluginSettings& settings) {
    WritebackPlan plan;

    struct ResolvedField {
        std::size_t index;
        const SellerField* source;
    };
    std::vector<ResolvedField> deal_fields;
    for (const SellerField& f : seller_fields) {
        if (const auto i = catalog.index_of(f.field_id)) deal_fields.push_back({*i, &f});
    }
    const auto updated_at_index = catalog.index_of("kpi_updated_at");
    const FieldValue as_of_text(model::format_rfc3339(scorecard.as_of));

    std::unordered_map<std::string_view, const kpi::SellerResult*> sellers;
    for (const kpi::SellerResult& s : scorecard.sellers) sellers.emplace(s.seller_id, &s);

    for (const model::Deal& deal : data.deals) {
        if (settings.writeback_deals == WritebackDeals::open && deal.status != model::DealStatus::open) continue;
        const auto seller = sellers.find(deal.owner_id);
        if (seller == sellers.end()) continue;
        RecordWriter writer(held, RecordObject::deal, deal.id, settings.on_null, plan.writes);
        bool changed = false;
        for (const ResolvedField& f : deal_fields) {
            changed |= writer.offer(f.index, f.source->field_id, seller_value(*seller->second, *f.source));
        }
        if (changed && updated_at_index) writer.offer(*updated_at_index, "kpi_updated_at", as_of_text);
        plan.records_updated += changed ? 1 : 0;
    }

    const auto churn_index = catalog.index_of("churn_risk");
    const auto clv_index = catalog.index_of("customer_lifetime_value");
    // The catalog already placed the customer fields on the customer entity (PluginInstance::create).
    const RecordObject customer_object = churn_index ? catalog.at(*churn_index).object
                                         : clv_index ? catalog.at(*clv_index).object
                                                     : RecordObject::contact;
    for (const kpi::CustomerResult& c : scorecard.customers) {
        RecordWriter writer(held, customer_object, c.customer_id, settings.on_null, plan.writes);
        bool changed = false;
        if (churn_index) changed |= writer.offer(*churn_index, "churn_risk", from_optional(c.churn_risk));
        if (clv_index) changed |= writer.offer(*clv_index, "customer_lifetime_value", from_optional(c.lifetime_value));
        plan.records_updated += changed ? 1 : 0;
    }
    return plan;
}

}  // namespace sellerscore::plugin
