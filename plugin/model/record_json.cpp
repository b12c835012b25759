#include "record_json.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <type_traits>

#include <boost/json.hpp>

#include "json_text.hpp"
#include "timestamp_format.hpp"

namespace sellerscore::model {

namespace json = boost::json;

namespace {

constexpr std::array<std::string_view, 3> stage_kind_names{"open", "won", "lost"};
constexpr std::array<std::string_view, 3> deal_status_names{"open", "won", "lost"};
constexpr std::array<std::string_view, 7> activity_type_names{"call", "email", "meeting", "visit",
                                                              "proposal", "note", "task"};
constexpr std::array<std::string_view, 2> direction_names{"outbound", "inbound"};
constexpr std::array<std::string_view, 7> outcome_names{"connected", "no_answer", "busy",     "voicemail",
                                                        "completed", "no_show",   "canceled"};
constexpr std::array<std::string_view, 2> survey_kind_names{"csat", "nps"};

template <class Enum>
constexpr std::span<const std::string_view> enum_names() {
    if constexpr (std::is_same_v<Enum, StageKind>) return stage_kind_names;
    if constexpr (std::is_same_v<Enum, DealStatus>) return deal_status_names;
    if constexpr (std::is_same_v<Enum, ActivityType>) return activity_type_names;
    if constexpr (std::is_same_v<Enum, Direction>) return direction_names;
    if constexpr (std::is_same_v<Enum, Outcome>) return outcome_names;
    if constexpr (std::is_same_v<Enum, SurveyKind>) return survey_kind_names;
}

template <class Enum>
std::string_view enum_name(Enum v) {
    return enum_names<Enum>()[static_cast<std::size_t>(v)];
}

Status type_error(std::string_view field, std::string_view expected) {
    return Status::data("field '" + std::string(field) + "' must be " + std::string(expected));
}

// One overload per C++ type in the model: the member's type decides how its JSON is read.
Status read_value(const json::value& v, std::string& out, std::string_view field) {
    if (!v.is_string()) return type_error(field, "a string");
    const json::string& s = v.get_string();
    out.assign(s.data(), s.size());
    return Status::ok();
}

Status read_value(const json::value& v, bool& out, std::string_view field) {
    if (!v.is_bool()) return type_error(field, "true or false");
    out = v.get_bool();
    return Status::ok();
}

Status read_value(const json::value& v, int& out, std::string_view field) {
    if (v.is_int64() && v.get_int64() >= std::numeric_limits<int>::min() &&
        v.get_int64() <= std::numeric_limits<int>::max()) {
        out = static_cast<int>(v.get_int64());
        return Status::ok();
    }
    return type_error(field, "an integer");
}

Status read_value(const json::value& v, double& out, std::string_view field) {
    if (v.is_double()) {
        out = v.get_double();
    } else if (v.is_int64()) {
        out = static_cast<double>(v.get_int64());
    } else if (v.is_uint64()) {
        out = static_cast<double>(v.get_uint64());
    } else {
        return type_error(field, "a number");
    }
    if (!std::isfinite(out)) return type_error(field, "a finite number");
    return Status::ok();
}

// Every Timestamp member travels as an RFC 3339 string.
Status read_value(const json::value& v, Timestamp& out, std::string_view field) {
    if (!v.is_string()) return type_error(field, "an RFC 3339 time string");
    const json::string& s = v.get_string();
    const auto parsed = parse_rfc3339(std::string_view(s.data(), s.size()));
    if (!parsed) {
        return Status::data("field '" + std::string(field) + "' is not an RFC 3339 time: '" + std::string(s) + "'");
    }
    out = *parsed;
    return Status::ok();
}

template <class Enum>
    requires std::is_enum_v<Enum>
Status read_value(const json::value& v, Enum& out, std::string_view field) {
    if (!v.is_string()) return type_error(field, "a string");
    const std::string_view text(v.get_string().data(), v.get_string().size());
    const auto names = enum_names<Enum>();
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == text) {
            out = static_cast<Enum>(i);
            return Status::ok();
        }
    }
    return Status::data("unknown " + std::string(field) + " '" + std::string(text) + "'");
}

template <class T>
Status read_value(const json::value& v, std::optional<T>& out, std::string_view field) {
    if (v.is_null()) {
        out.reset();
        return Status::ok();
    }
    T value{};
    Status status = read_value(v, value, field);
    if (status) out = std::move(value);
    return status;
}

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class MemberPointer>
struct member_traits;
template <class Record, class Value>
struct member_traits<Value Record::*> {
    using record = Record;
    using value = Value;
};

template <class Record>
struct FieldSpec {
    std::string_view name;
    Status (*read)(const json::value&, Record&, std::string_view);
    bool required;
};

// A field of the interchange format bound to a member of the model. Optional members may be
// omitted or null; every other member is required unless it has a documented default.
template <auto Member>
constexpr auto field(std::string_view name, bool has_default = false) {
    using Record = typename member_traits<decltype(Member)>::record;
    using Value = typename member_traits<decltype(Member)>::value;
    return FieldSpec<Record>{
        name,
        [](const json::value& v, Record& r, std::string_view n) { return read_value(v, r.*Member, n); },
        !is_optional<Value>::value && !has_default,
    };
}

constexpr std::array seller_fields{
    field<&Seller::id>("id"),     field<&Seller::name>("name"),     field<&Seller::email>("email"),
    field<&Seller::team>("team"), field<&Seller::active>("active"),
};

constexpr std::array stage_fields{
    field<&Stage::id>("id"),       field<&Stage::pipeline_id>("pipeline_id"),
    field<&Stage::name>("name"),   field<&Stage::order>("order"),
    field<&Stage::kind>("kind"),   field<&Stage::probability>("probability"),
};

constexpr std::array contact_fields{
    field<&Contact::id>("id"),
    field<&Contact::owner_id>("owner_id"),
    field<&Contact::created_at>("created_at"),
    field<&Contact::channel>("channel"),
    field<&Contact::referred_by>("referred_by"),
    field<&Contact::company_id>("company_id"),
};

constexpr std::array deal_fields{
    field<&Deal::id>("id"),
    field<&Deal::owner_id>("owner_id"),
    field<&Deal::contact_id>("contact_id"),
    field<&Deal::company_id>("company_id"),
    field<&Deal::pipeline_id>("pipeline_id"),
    field<&Deal::stage_id>("stage_id"),
    field<&Deal::amount>("amount"),
    field<&Deal::created_at>("created_at"),
    field<&Deal::closed_at>("closed_at"),
    field<&Deal::status>("status"),
};

constexpr std::array stage_change_fields{
    field<&StageChange::deal_id>("deal_id"),
    field<&StageChange::stage_id>("stage_id"),
    field<&StageChange::entered_at>("entered_at"),
};

constexpr std::array activity_fields{
    field<&Activity::id>("id"),
    field<&Activity::owner_id>("owner_id"),
    field<&Activity::type>("type"),
    field<&Activity::direction>("direction"),
    field<&Activity::at>("at"),
    field<&Activity::contact_id>("contact_id"),
    field<&Activity::deal_id>("deal_id"),
    field<&Activity::duration_s>("duration_s"),
    field<&Activity::outcome>("outcome"),
    field<&Activity::opened>("opened"),
    field<&Activity::clicked>("clicked"),
    field<&Activity::objection>("objection", true),
};

constexpr std::array spend_fields{
    field<&Spend::channel>("channel"),
    field<&Spend::month>("month"),
    field<&Spend::amount>("amount"),
    field<&Spend::clicks>("clicks"),
};

constexpr std::array survey_response_fields{
    field<&SurveyResponse::id>("id"),
    field<&SurveyResponse::kind>("kind"),
    field<&SurveyResponse::score>("score"),
    field<&SurveyResponse::at>("at"),
    field<&SurveyResponse::contact_id>("contact_id"),
    field<&SurveyResponse::deal_id>("deal_id"),
    field<&SurveyResponse::seller_id>("seller_id"),
};

constexpr std::array delivery_fields{
    field<&Delivery::id>("id"),
    field<&Delivery::deal_id>("deal_id"),
    field<&Delivery::promised_at>("promised_at"),
    field<&Delivery::delivered_at>("delivered_at"),
};

// Parses one line into `record` through its field table. The DOM lives in stack buffers (a
// monotonic resource and the parser's own scratch space), so a typical line allocates nothing on
// the heap beyond the record's own strings: this is the import's hot loop.
template <class Record, std::size_t N>
Status parse_fields(std::string_view line, const std::array<FieldSpec<Record>, N>& fields, Record& record) {
    static_assert(N <= 32, "the seen-field mask is 32 bits wide");
    alignas(std::max_align_t) unsigned char value_buffer[4096];
    unsigned char parser_buffer[1024];
    json::monotonic_resource resource(value_buffer, sizeof value_buffer);
    json::parser parser(json::storage_ptr(), json::parse_options(), parser_buffer, sizeof parser_buffer);
    parser.reset(&resource);

    boost::system::error_code ec;
    parser.write(line.data(), line.size(), ec);
    if (ec) return Status::data("invalid JSON (" + ec.message() + ")");
    const json::value document = parser.release();
    if (!document.is_object()) return Status::data("not a JSON object");

    std::uint32_t seen = 0;
    for (const json::key_value_pair& member : document.get_object()) {
        const std::string_view key = member.key();
        std::size_t index = 0;
        while (index < N && fields[index].name != key) ++index;
        if (index == N) return Status::data("unknown field '" + std::string(key) + "'");
        if (seen & (1u << index)) return Status::data("duplicate field '" + std::string(key) + "'");
        seen |= 1u << index;
        if (Status status = fields[index].read(member.value(), record, key); !status) return status;
    }
    for (std::size_t i = 0; i < N; ++i) {
        if (fields[i].required && !(seen & (1u << i))) {
            return Status::data("missing field '" + std::string(fields[i].name) + "'");
        }
    }
    return Status::ok();
}

Status check_id(const std::string& id) { return id.empty() ? Status::data("empty id") : Status::ok(); }

// Integral amounts print as integers ("1500", not "1.5E3"): easier to read, and still exact.
json::value number_value(double v) {
    constexpr double exact_integer_limit = 9007199254740992.0;  // 2^53
    if (std::trunc(v) == v && std::fabs(v) < exact_integer_limit) {
        return json::value(static_cast<std::int64_t>(v));
    }
    return json::value(v);
}

bool is_month(std::string_view text) {
    if (text.size() != 7 || text[4] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6}) {
        if (text[i] < '0' || text[i] > '9') return false;
    }
    const int month = (text[5] - '0') * 10 + (text[6] - '0');
    return month >= 1 && month <= 12;
}

template <class Record, std::size_t N, class Check>
Result<Record> parse_record(std::string_view line, const std::array<FieldSpec<Record>, N>& fields, Check check) {
    Record record;
    if (Status status = parse_fields(line, fields, record); !status) return status;
    if (Status status = check(record); !status) return status;
    return record;
}

class NdjsonObject {
public:
    NdjsonObject() : object_(&resource_) {}

    void put(std::string_view key, const std::string& v) { object_.emplace(key, json::string_view(v)); }
    void put(std::string_view key, bool v) { object_.emplace(key, v); }
    void put(std::string_view key, int v) { object_.emplace(key, static_cast<std::int64_t>(v)); }
    void put(std::string_view key, double v) { object_.emplace(key, number_value(v)); }
    void put_time(std::string_view key, Timestamp v) { object_.emplace(key, json::string(format_rfc3339(v), &resource_)); }
    template <class Enum>
        requires std::is_enum_v<Enum>
    void put(std::string_view key, Enum v) {
        const std::string_view name = enum_name(v);
        object_.emplace(key, json::string_view(name.data(), name.size()));
    }
    template <class T>
    void put(std::string_view key, const std::optional<T>& v) {
        if (v) put(key, *v);
    }
    void put_time(std::string_view key, const std::optional<Timestamp>& v) {
        if (v) put_time(key, *v);
    }

    std::string text() const { return json_text(object_); }

private:
    json::monotonic_resource resource_;
    json::object object_;
};

}  // namespace

std::string_view ndjson_file_name(RecordType type) {
    switch (type) {
        case RecordType::seller: return "sellers.ndjson";
        case RecordType::stage: return "stages.ndjson";
        case RecordType::contact: return "contacts.ndjson";
        case RecordType::deal: return "deals.ndjson";
        case RecordType::stage_change: return "stage_changes.ndjson";
        case RecordType::activity: return "activities.ndjson";
        case RecordType::spend: return "spend.ndjson";
        case RecordType::survey_response: return "survey_responses.ndjson";
        case RecordType::delivery: return "deliveries.ndjson";
    }
    return {};
}

Result<Seller> parse_seller(std::string_view line) {
    return parse_record(line, seller_fields, [](const Seller& r) { return check_id(r.id); });
}

Result<Stage> parse_stage(std::string_view line) {
    return parse_record(line, stage_fields, [](const Stage& r) {
        if (r.probability && (*r.probability < 0 || *r.probability > 1)) {
            return Status::data("probability " + number_text(*r.probability) + " is outside [0, 1]");
        }
        return check_id(r.id);
    });
}

Result<Contact> parse_contact(std::string_view line) {
    return parse_record(line, contact_fields, [](const Contact& r) { return check_id(r.id); });
}

Result<Deal> parse_deal(std::string_view line) {
    return parse_record(line, deal_fields, [](const Deal& r) {
        if (r.status == DealStatus::open && r.closed_at) return Status::data("closed_at on an open deal");
        if (r.status != DealStatus::open && !r.closed_at) {
            return Status::data(std::string(enum_name(r.status)) + " deal without closed_at");
        }
        return check_id(r.id);
    });
}

Result<StageChange> parse_stage_change(std::string_view line) {
    return parse_record(line, stage_change_fields, [](const StageChange&) { return Status::ok(); });
}

Result<Activity> parse_activity(std::string_view line) {
    return parse_record(line, activity_fields, [](const Activity& r) {
        if (r.duration_s && *r.duration_s < 0) {
            return Status::data("negative duration_s " + number_text(*r.duration_s));
        }
        return check_id(r.id);
    });
}

Result<Spend> parse_spend(std::string_view line) {
    return parse_record(line, spend_fields, [](const Spend& r) {
        if (!is_month(r.month)) return Status::data("month '" + r.month + "' is not YYYY-MM");
        if (r.clicks && *r.clicks < 0) return Status::data("negative clicks " + number_text(*r.clicks));
        return Status::ok();
    });
}

Result<SurveyResponse> parse_survey_response(std::string_view line) {
    return parse_record(line, survey_response_fields, [](const SurveyResponse& r) {
        const int top = r.kind == SurveyKind::csat ? 5 : 10;
        const int bottom = r.kind == SurveyKind::csat ? 1 : 0;
        if (r.score < bottom || r.score > top) {
            return Status::data(std::string(enum_name(r.kind)) + " score " + std::to_string(r.score) + " is outside " +
                                std::to_string(bottom) + "-" + std::to_string(top));
        }
        return check_id(r.id);
    });
}

Result<Delivery> parse_delivery(std::string_view line) {
    return parse_record(line, delivery_fields, [](const Delivery& r) { return check_id(r.id); });
}

std::string to_ndjson(const Seller& r) {
    NdjsonObject o;
    o.put("id", r.id);
    o.put("name", r.name);
    o.put("email", r.email);
    o.put("team", r.team);
    o.put("active", r.active);
    return o.text();
}

std::string to_ndjson(const Stage& r) {
    NdjsonObject o;
    o.put("id", r.id);
    o.put("pipeline_id", r.pipeline_id);
    o.put("name", r.name);
    o.put("order", r.order);
    o.put("kind", r.kind);
    o.put("probability", r.probability);
    return o.text();
}

std::string to_ndjson(const Contact& r) {
    NdjsonObject o;
    o.put("id", r.id);
    o.put("owner_id", r.owner_id);
    o.put_time("created_at", r.created_at);
    o.put("channel", r.channel);
    o.put("referred_by", r.referred_by);
    o.put("company_id", r.company_id);
    return o.text();
}

std::string to_ndjson(const Deal& r) {
    NdjsonObject o;
    o.put("id", r.id);
    o.put("owner_id", r.owner_id);
    o.put("contact_id", r.contact_id);
    o.put("company_id", r.company_id);
    o.put("pipeline_id", r.pipeline_id);
    o.put("stage_id", r.stage_id);
    o.put("amount", r.amount);
    o.put_time("created_at", r.created_at);
    o.put_time("closed_at", r.closed_at);
    o.put("status", r.status);
    return o.text();
}

std::string to_ndjson(const StageChange& r) {
    NdjsonObject o;
    o.put("deal_id", r.deal_id);
    o.put("stage_id", r.stage_id);
    o.put_time("entered_at", r.entered_at);
    return o.text();
}

std::string to_ndjson(const Activity& r) {
    NdjsonObject o;
    o.put("id", r.id);
    o.put("owner_id", r.owner_id);
    o.put("type", r.type);
    o.put("direction", r.direction);
    o.put_time("at", r.at);
    o.put("contact_id", r.contact_id);
    o.put("deal_id", r.deal_id);
    o.put("duration_s", r.duration_s);
    o.put("outcome", r.outcome);
    o.put("opened", r.opened);
    o.put("clicked", r.clicked);
    o.put("objection", r.objection);
    return o.text();
}

std::string to_ndjson(const Spend& r) {
    NdjsonObject o;
    o.put("channel", r.channel);
    o.put("month", r.month);
    o.put("amount", r.amount);
    o.put("clicks", r.clicks);
    return o.text();
}

std::string to_ndjson(const SurveyResponse& r) {
    NdjsonObject o;
    o.put("id", r.id);
    o.put("kind", r.kind);
    o.put("score", r.score);
    o.put_time("at", r.at);
    o.put("contact_id", r.contact_id);
    o.put("deal_id", r.deal_id);
    o.put("seller_id", r.seller_id);
    return o.text();
}

std::string to_ndjson(const Delivery& r) {
    NdjsonObject o;
    o.put("id", r.id);
    o.put("deal_id", r.deal_id);
    o.put_time("promised_at", r.promised_at);
    o.put_time("delivered_at", r.delivered_at);
    return o.text();
}

std::string_view to_string(StageKind v) { return enum_name(v); }
std::string_view to_string(DealStatus v) { return enum_name(v); }
std::string_view to_string(ActivityType v) { return enum_name(v); }
std::string_view to_string(Direction v) { return enum_name(v); }
std::string_view to_string(Outcome v) { return enum_name(v); }
std::string_view to_string(SurveyKind v) { return enum_name(v); }

}  // namespace sellerscore::model
