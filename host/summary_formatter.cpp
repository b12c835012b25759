#include "summary_formatter.hpp"

#include <fmt/format.h>

#include "thousands_separator.hpp"

namespace sellerscore::host {

namespace json = boost::json;

namespace {

const json::object& as_object(const json::value& v) {
    static const json::object empty;
    return v.is_object() ? v.get_object() : empty;
}

std::int64_t integer_at(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_number() ? v->to_number<std::int64_t>() : 0;
}

std::string string_at(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::string names_at(const json::object& o, std::string_view key, std::size_t& count) {
    std::string names;
    count = 0;
    if (const json::value* v = o.if_contains(key); v && v->is_array()) {
        for (const json::value& name : v->get_array()) {
            names += (names.empty() ? "" : ", ") + std::string(name.is_string() ? name.get_string() : "?");
            ++count;
        }
    }
    return names;
}

std::string plural(std::size_t n, std::string_view noun) {
    return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

}  // namespace

std::string SummaryFormatter::install(const json::value& document) {
    const json::object& o = as_object(document);
    std::size_t created = 0;
    std::size_t existing = 0;
    const std::string created_names = names_at(o, "created", created);
    names_at(o, "existing", existing);
    if (created == 0) {
        return fmt::format("all {} already exist; nothing to create", plural(existing, "custom field"));
    }
    return fmt::format("created {} ({}); {} already existed", plural(created, "custom field"), created_names,
                       existing);
}

std::string SummaryFormatter::sync(const json::value& document) {
    const json::object& o = as_object(document);
    std::string records;
    if (const json::value* r = o.if_contains("records"); r && r->is_object()) {
        for (const auto& [kind, count] : r->get_object()) {
            records += (records.empty() ? "" : ", ") +
                       fmt::format("{} {}", with_thousands_separators(count.is_number() ? count.to_number<std::int64_t>() : 0),
                                   std::string_view(kind));
        }
    }
    const double seconds = static_cast<double>(integer_at(o, "duration_ms")) / 1000.0;
    const json::value* skipped = o.if_contains("skipped");
    const bool read_nothing = skipped && skipped->is_bool() && skipped->get_bool();
    std::string summary = fmt::format("sync run {} as of {}: {}", integer_at(o, "run_id"), string_at(o, "as_of"),
                                      read_nothing ? std::string("nothing read")
                                                   : "read " + (records.empty() ? std::string("no records") : records));
    const std::string message = string_at(o, "message");
    const json::value* nothing = o.if_contains("nothing_to_write");
    if (nothing && nothing->is_bool() && nothing->get_bool()) {
        summary += fmt::format(" in {:.1f} s", seconds);
        if (message.empty()) summary += "\nnothing changed: nothing written";
    } else {
        summary += fmt::format("; wrote {} fields on {} records in {:.1f} s", with_thousands_separators(integer_at(o, "fields_written")),
                               with_thousands_separators(integer_at(o, "records_updated")), seconds);
    }
    if (const std::int64_t failures = integer_at(o, "write_failures"); failures > 0) {
        summary += fmt::format("\n{} could not be written; the log above says which", plural(static_cast<std::size_t>(failures), "field"));
    }
    if (!message.empty()) summary += "\n" + message;
    return summary;
}

std::string SummaryFormatter::uninstall(const json::value& document) {
    std::size_t removed = 0;
    const std::string names = names_at(as_object(document), "removed", removed);
    if (removed == 0) {
        return "no custom fields of this plugin were present; nothing removed";
    }
    return fmt::format("removed {} ({}) and their values", plural(removed, "custom field"), names);
}

}  // namespace sellerscore::host
