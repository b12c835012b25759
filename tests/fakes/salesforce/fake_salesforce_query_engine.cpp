#include "fake_salesforce_query_engine.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <unordered_set>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

namespace sellerscore::fakes {
namespace {

struct Rejected {
    SoqlError error;
};

const char* type_word(SfFieldType type) {
    switch (type) {
        case SfFieldType::datetime: return "dateTime";
        case SfFieldType::date: return "date";
        case SfFieldType::boolean: return "boolean";
        case SfFieldType::number:
        case SfFieldType::currency:
        case SfFieldType::percent: return "double";
        default: return "string";
    }
}

std::string no_such_column(const std::string& field, const std::string& object) {
    return "No such column '" + field + "' on entity '" + object +
           "'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. "
           "Please reference your WSDL or the describe call for the appropriate names.";
}

bool is_id_type(SfFieldType type) { return type == SfFieldType::id || type == SfFieldType::reference; }

// Case-insensitive comparison without copying (SOQL compares text case-insensitively).
int icompare(std::string_view a, std::string_view b) {
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        const int x = std::tolower(static_cast<unsigned char>(a[i])), y = std::tolower(static_cast<unsigned char>(b[i]));
        if (x != y) return x < y ? -1 : 1;
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

// The key a value is matched on: ids on their 15-character case-sensitive form, text lower-cased.
std::string match_key(const SfValue& value, SfFieldType type) {
    return is_id_type(type) ? value.text.substr(0, 15) : lower_case(value.text);
}

const SfValue& field_value(const SfColumn& column, const SfRecord& record) {
    static const SfValue null_value;
    if (column.relationship.empty()) return record.at(column.slot);
    const SfValue& reference = record.at(column.reference_slot);
    if (reference.is_null() || !column.target) return null_value;
    const SfRecord* related = column.target->find(reference.text);
    if (!related || related->deleted) return null_value;
    return related->at(column.slot);
}

struct ResolvedField {
    SfColumn column;
    SfFieldType type = SfFieldType::text;
};

struct Filter {
    SoqlCondition::Kind kind = SoqlCondition::Kind::compare;
    SfColumn column;
    SfFieldType type = SfFieldType::text;
    std::string op;
    std::vector<SfValue> values;
    std::unordered_set<std::string> keys;  // IN / NOT IN over text and ids: the values' match keys
    std::vector<Filter> children;
};

class Runner {
public:
    Runner(SfOrg& org, const SoqlQuery& query, const SfQueryContext& context) : org_(org), query_(query), context_(context) {}

    SfQueryResult run() {
        object_ = org_.object(query_.object, context_.tooling);
        if (!object_)
            reject("INVALID_TYPE", query_.object_column,
                   "sObject type '" + query_.object +
                       "' is not supported. If you are attempting to use a custom object, be sure to append the '__c' "
                       "after the entity name. Please reference your WSDL or the describe call for the appropriate names.");
        SfQueryResult result;
        result.object = object_->name();
        result.tooling = context_.tooling;
        result.count = query_.count;
        std::vector<std::string> keys;
        for (const SoqlFieldRef& ref : query_.fields) {
            ResolvedField resolved = resolve(ref);
            const std::string key = lower_case(resolved.column.relationship + "." + resolved.column.key);
            if (std::find(keys.begin(), keys.end(), key) != keys.end())
                reject("MALFORMED_QUERY", ref.column, "duplicate field selected: " + resolved.column.key);
            keys.push_back(key);
            result.columns.push_back(std::move(resolved.column));
        }
        std::optional<Filter> filter;
        if (query_.where) filter = compile(*query_.where);
        std::vector<std::pair<ResolvedField, bool>> order;
        for (const SoqlOrder& o : query_.order) order.emplace_back(resolve(o.field), o.descending);

        const std::vector<SfRecord>& records = object_->records();
        auto consider = [&](std::size_t i) {
            if (records[i].deleted && !context_.all_rows) return;
            if (filter && !matches(*filter, records[i])) return;
            result.rows.push_back(i);
        };
        if (const std::optional<std::vector<std::size_t>> narrowed = filter ? candidates(*filter) : std::nullopt) {
            for (const std::size_t i : *narrowed) consider(i);
        } else {
            for (std::size_t i = 0; i < records.size(); ++i) consider(i);
        }
        if (!order.empty()) {
            std::stable_sort(result.rows.begin(), result.rows.end(), [&](std::size_t a, std::size_t b) {
                for (const auto& [field, descending] : order) {
                    const int c = compare(field_value(field.column, records[a]), field_value(field.column, records[b]));
                    // ASC puts nulls first, DESC puts them last (Salesforce's defaults): reversing does both.
                    if (c != 0) return descending ? c > 0 : c < 0;
                }
                return false;
            });
        }
        if (query_.limit && result.rows.size() > static_cast<std::size_t>(*query_.limit))
            result.rows.resize(static_cast<std::size_t>(*query_.limit));
        result.total_size = result.rows.size();
        return result;
    }

private:
    [[noreturn]] void reject(const char* code, std::size_t column, const std::string& problem) const {
        throw Rejected{{code, soql_error_message(query_.text, column, problem)}};
    }

    static int compare(const SfValue& left, const SfValue& right) {
        if (left.kind == SfValue::Kind::text && right.kind == SfValue::Kind::text) return icompare(left.text, right.text);
        return left.compare(right);
    }

    ResolvedField resolve(const SoqlFieldRef& ref) const {
        ResolvedField resolved;
        const SfObject* owner = object_;
        if (!ref.relationship.empty()) {
            const std::optional<std::size_t> reference = object_->relationship_slot(ref.relationship);
            if (!reference)
                reject("INVALID_FIELD", ref.column,
                       "Didn't understand relationship '" + ref.relationship + "' in field path. If you are attempting to "
                       "use a custom relationship, be sure to append the '__r' after the custom relationship name. Please "
                       "reference your WSDL or the describe call for the appropriate names.");
            const SfField& reference_field = object_->field(*reference);
            owner = org_.object(reference_field.reference_to);
            resolved.column.relationship = reference_field.relationship_name;
            resolved.column.reference_slot = *reference;
            resolved.column.target_object = reference_field.reference_to;
            resolved.column.target = owner;
        }
        const std::optional<std::size_t> slot = owner->slot_of(ref.field);
        if (!slot || !org_.can_read(*owner, owner->field(*slot), context_.user_id))
            reject("INVALID_FIELD", ref.column,
                   no_such_column(ref.relationship.empty() ? ref.field : ref.relationship + "." + ref.field, object_->name()));
        const SfField& field = owner->field(*slot);
        if (ref.convert_currency) {
            if (!context_.multi_currency)
                reject("INVALID_FIELD", ref.column, "convertCurrency() is only valid for multi-currency organizations");
            if (field.type != SfFieldType::currency)
                reject("INVALID_FIELD", ref.column, "convertCurrency can only be applied to currency fields: " + field.name);
            resolved.column.convert_currency = true;
        }
        resolved.column.key = field.name;
        resolved.column.slot = *slot;
        resolved.type = field.type;
        return resolved;
    }

    SfValue literal_value(const ResolvedField& field, const SoqlLiteral& literal) const {
        using K = SoqlLiteral::Kind;
        if (literal.kind == K::null) return SfValue::null();
        const SfFieldType type = field.type;
        const bool textual = is_id_type(type) || type == SfFieldType::text || type == SfFieldType::picklist;
        const bool numeric = type == SfFieldType::number || type == SfFieldType::currency || type == SfFieldType::percent;
        if (textual && literal.kind == K::text) return SfValue::of_text(literal.text);
        if (numeric && literal.kind == K::number) return SfValue::of_number(literal.number);
        if (type == SfFieldType::boolean && literal.kind == K::boolean) return SfValue::of_bool(literal.boolean);
        if (type == SfFieldType::datetime && literal.kind == K::datetime) return SfValue::of_datetime(literal.ms);
        if (type == SfFieldType::date && literal.kind == K::date) return SfValue::of_date(literal.ms);
        const bool quoted = literal.kind == K::text;
        reject("INVALID_FIELD", literal.column,
               "value of filter criterion for field '" + field.column.key + "' must be of type " + type_word(type) +
                   (quoted ? " and should not be enclosed in quotes" : " and should be enclosed in quotes"));
    }

    Filter compile(const SoqlCondition& condition) const {
        Filter filter;
        filter.kind = condition.kind;
        if (condition.kind == SoqlCondition::Kind::all_of || condition.kind == SoqlCondition::Kind::any_of) {
            for (const SoqlCondition& child : condition.children) filter.children.push_back(compile(child));
            return filter;
        }
        const ResolvedField field = resolve(condition.field);
        filter.column = field.column;
        filter.type = field.type;
        filter.op = condition.op;
        for (const SoqlLiteral& literal : condition.values) {
            if (condition.kind == SoqlCondition::Kind::compare && literal.kind == SoqlLiteral::Kind::null && condition.op != "=" &&
                condition.op != "!=")
                reject("MALFORMED_QUERY", literal.column, "unexpected token: 'null'");
            filter.values.push_back(literal_value(field, literal));
        }
        if (condition.kind != SoqlCondition::Kind::compare)
            for (const SfValue& value : filter.values)
                if (value.kind == SfValue::Kind::text) filter.keys.insert(match_key(value, filter.type));
        return filter;
    }

    // The only records a filter can match, from the id index, when it pins an id or reference field.
    std::optional<std::vector<std::size_t>> candidates(const Filter& filter) const {
        if (filter.kind == SoqlCondition::Kind::all_of) {
            for (const Filter& child : filter.children)
                if (auto narrowed = candidates(child)) return narrowed;
            return std::nullopt;
        }
        const bool pinned = filter.kind == SoqlCondition::Kind::in || (filter.kind == SoqlCondition::Kind::compare && filter.op == "=");
        if (!pinned || !filter.column.relationship.empty() || !is_id_type(filter.type)) return std::nullopt;
        std::vector<std::size_t> rows;
        for (const SfValue& value : filter.values) {
            if (value.kind != SfValue::Kind::text) return std::nullopt;  // "= null" scans
            const std::vector<std::size_t>& found = object_->records_with(filter.column.slot, value.text);
            rows.insert(rows.end(), found.begin(), found.end());
        }
        std::sort(rows.begin(), rows.end());
        rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
        return rows;
    }

    static bool equal(const SfValue& left, const SfValue& right, SfFieldType type) {
        if (left.is_null() || right.is_null()) return left.is_null() && right.is_null();
        if (left.kind == SfValue::Kind::text && right.kind == SfValue::Kind::text) {
            if (is_id_type(type)) return std::string_view(left.text).substr(0, 15) == std::string_view(right.text).substr(0, 15);
            return icompare(left.text, right.text) == 0;
        }
        return left.compare(right) == 0;
    }

    bool matches(const Filter& filter, const SfRecord& record) const {
        switch (filter.kind) {
            case SoqlCondition::Kind::all_of:
                return std::all_of(filter.children.begin(), filter.children.end(),
                                   [&](const Filter& child) { return matches(child, record); });
            case SoqlCondition::Kind::any_of:
                return std::any_of(filter.children.begin(), filter.children.end(),
                                   [&](const Filter& child) { return matches(child, record); });
            case SoqlCondition::Kind::in:
            case SoqlCondition::Kind::not_in: {
                const SfValue& value = field_value(filter.column, record);
                bool found;
                if (value.kind == SfValue::Kind::text)
                    found = filter.keys.contains(match_key(value, filter.type));
                else
                    found = std::any_of(filter.values.begin(), filter.values.end(),
                                        [&](const SfValue& v) { return equal(value, v, filter.type); });
                return filter.kind == SoqlCondition::Kind::in ? found : !found;
            }
            case SoqlCondition::Kind::compare: break;
        }
        const SfValue& value = field_value(filter.column, record);
        const SfValue& wanted = filter.values.front();
        if (filter.op == "=") return equal(value, wanted, filter.type);
        if (filter.op == "!=") return !equal(value, wanted, filter.type);
        if (value.is_null() || wanted.is_null()) return false;
        const int c = compare(value, wanted);
        if (filter.op == "<") return c < 0;
        if (filter.op == "<=") return c <= 0;
        if (filter.op == ">") return c > 0;
        return c >= 0;
    }

    SfOrg& org_;
    const SoqlQuery& query_;
    const SfQueryContext& context_;
    const SfObject* object_ = nullptr;
};

// The column's value; a copy only when convertCurrency() changes it.
const SfValue& converted(const SfRecord& record, const SfColumn& column, const SfQueryContext& context,
                         std::optional<std::size_t> currency_slot, SfValue& scratch) {
    const SfValue& value = field_value(column, record);
    if (!column.convert_currency || value.kind != SfValue::Kind::number || !currency_slot) return value;
    const auto rate = context.conversion_rates.find(record.at(*currency_slot).text);
    if (rate == context.conversion_rates.end() || rate->second == 0) return value;
    scratch = SfValue::of_number(value.number / rate->second);
    return scratch;
}

}  // namespace

std::variant<SfQueryResult, SoqlError> run_soql(SfOrg& org, const SoqlQuery& query, const SfQueryContext& context) {
    try {
        return Runner(org, query, context).run();
    } catch (const Rejected& rejected) {
        return rejected.error;
    }
}

SfValue column_value(SfOrg& org, const SfQueryResult& result, std::size_t position, const SfColumn& column,
                     const SfQueryContext& context) {
    const SfObject& object = *org.object(result.object, result.tooling);
    SfValue scratch;
    return converted(object.records()[result.rows[position]], column, context, object.slot_of("CurrencyIsoCode"), scratch);
}

boost::json::array render_records(SfOrg& org, const SfQueryResult& result, std::size_t from, std::size_t to,
                                  const SfQueryContext& context, boost::json::storage_ptr storage) {
    const SfObject& object = *org.object(result.object, result.tooling);
    const std::optional<std::size_t> currency_slot = object.slot_of("CurrencyIsoCode");
    const std::string base = "/services/data/" + context.api_version + (result.tooling ? "/tooling" : "") + "/sobjects/" + object.name() + "/";
    auto attributes = [&](const std::string& type, const std::string& url) {
        boost::json::object a(storage);
        a.emplace("type", type);
        a.emplace("url", url);
        return a;
    };
    boost::json::array records(storage);
    records.reserve(to > from ? to - from : 0);
    std::string url;
    for (std::size_t i = from; i < to && i < result.rows.size(); ++i) {
        const SfRecord& record = object.records()[result.rows[i]];
        boost::json::object out(storage);
        out.reserve(result.columns.size() + 1);
        url.assign(base).append(record.id);
        out.emplace("attributes", attributes(object.name(), url));
        SfValue scratch;
        for (const SfColumn& column : result.columns) {
            const SfValue& value = converted(record, column, context, currency_slot, scratch);
            if (column.relationship.empty()) {
                // The Tooling API's Metadata is an object (CustomFieldMetadata), stored as its JSON text.
                if (result.tooling && column.key == "Metadata" && !value.is_null())
                    out.insert_or_assign(column.key, boost::json::parse(value.text, storage));
                else
                    out.insert_or_assign(column.key, value.to_json(storage));
                continue;
            }
            const SfValue& reference = record.at(column.reference_slot);
            const SfRecord* related = reference.is_null() || !column.target ? nullptr : column.target->find(reference.text);
            if (!related || related->deleted) {
                out.insert_or_assign(column.relationship, nullptr);
                continue;
            }
            boost::json::value& nested = out[column.relationship];
            if (!nested.is_object()) {
                boost::json::object fresh(storage);
                fresh.emplace("attributes", attributes(column.target_object, "/services/data/" + context.api_version + "/sobjects/" +
                                                                                 column.target_object + "/" + related->id));
                nested = std::move(fresh);
            }
            nested.as_object().insert_or_assign(column.key, value.to_json(storage));
        }
        records.push_back(std::move(out));
    }
    return records;
}

}  // namespace sellerscore::fakes
