#include "writeback_planner.hpp"

#include <cmath>
#include <optional>
#include <unordered_map>

#include "plugin/model/timestamp_format.hpp"

namespace sellerscore::plugin {

using connectors::FieldValue;
using connectors::FieldWrite;
using connectors::RecordObject;

namespace {

// The §7 deal fields and where each comes from in a SellerResult.
struct SellerField {
    const char* field_id;
    const char* kpi_id;  // nullptr: score or band
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
};

FieldValue from_optional(const std::optional<double>& v) { return v ? FieldValue(*v) : FieldValue(); }

FieldValue seller_value(const kpi::SellerResult& seller, const SellerField& field) {
    if (field.kpi_id == nullptr) {
        if (std::string_view(field.field_id) == "seller_score") return from_optional(seller.score);
        return seller.band ? FieldValue(std::string(1, *seller.band)) : FieldValue();
    }
    const auto it = seller.kpis.find(field.kpi_id);
    return it == seller.kpis.end() ? FieldValue() : from_optional(it->second.value);
}

// Appends a write when `desired` differs from what is held; returns whether it did.
class RecordWriter {
public:
    RecordWriter(const HeldValues& held, OnNull on_null, std::vector<FieldWrite>& out)
        : held_(held), on_null_(on_null), out_(out) {}

    bool offer(RecordObject object, const std::string& record_id, std::size_t field_index, const std::string& field_id,
               FieldValue desired) {
        if (std::holds_alternative<std::monostate>(desired) && on_null_ == OnNull::keep) return false;
        if (same_field_value(held_.get(object, record_id, field_index), desired)) return false;
        out_.push_back(FieldWrite{object, record_id, field_id, std::move(desired)});
        return true;
    }

private:
    const HeldValues& held_;
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
    RecordWriter writer(held, settings.on_null, plan.writes);

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
        bool changed = false;
        for (const ResolvedField& f : deal_fields) {
            changed |= writer.offer(RecordObject::deal, deal.id, f.index, f.source->field_id,
                                    seller_value(*seller->second, *f.source));
        }
        if (changed && updated_at_index) {
            writer.offer(RecordObject::deal, deal.id, *updated_at_index, "kpi_updated_at", as_of_text);
        }
        plan.records_updated += changed ? 1 : 0;
    }

    const RecordObject customer_object =
        settings.kpi.customer_entity == kpi::CustomerEntity::company ? RecordObject::company : RecordObject::contact;
    const auto churn_index = catalog.index_of("churn_risk");
    const auto clv_index = catalog.index_of("customer_lifetime_value");
    for (const kpi::CustomerResult& c : scorecard.customers) {
        bool changed = false;
        if (churn_index) {
            changed |= writer.offer(customer_object, c.customer_id, *churn_index, "churn_risk", from_optional(c.churn_risk));
        }
        if (clv_index) {
            changed |= writer.offer(customer_object, c.customer_id, *clv_index, "customer_lifetime_value",
                                    from_optional(c.lifetime_value));
        }
        plan.records_updated += changed ? 1 : 0;
    }
    return plan;
}

}  // namespace sellerscore::plugin
