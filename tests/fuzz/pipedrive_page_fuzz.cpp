// One page of a Pipedrive list, v1 or v2 ({"success":true,"data":[...],"additional_data":{...}}),
// read the ways the sync reader reads pages: every item as a user, deal, person, activity, note,
// field and stage, the list as pipelines/stages and as a deal's changelog, and the paging members.
// Beyond not crashing: a mapped deal keeps the id it came with.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/parse.hpp>

#include "connectors/pipedrive/company_currency.hpp"
#include "connectors/pipedrive/json_access.hpp"
#include "connectors/pipedrive/record_mapper.hpp"
#include "connectors/pipedrive/stage_catalog.hpp"
#include "connectors/pipedrive/stage_history.hpp"

namespace {

namespace json = boost::json;
using namespace sellerscore::connectors::pipedrive;

const RecordMapper& mapper() {
    static const RecordMapper m = [] {
        MappingOptions options;
        options.home_currency = "EUR";
        options.fx_rates = {{"USD", 0.92}};
        return RecordMapper(std::move(options), ActivityTypeMap({"visit"}, {"proposal"}));
    }();
    return m;
}

// The items of the page's "data" as PipedriveApi hands them on (a non-list is its data error).
std::vector<json::value> data_items(const json::value& body) {
    const json::value* data = body.is_object() ? body.get_object().if_contains("data") : nullptr;
    if (data == nullptr || !data->is_array()) return {};
    return {data->get_array().begin(), data->get_array().end()};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    boost::system::error_code ec;
    const json::value body = json::parse(std::string_view(reinterpret_cast<const char*>(data), size), ec);
    if (ec) return 0;  // PipedriveApi::get refuses a body that is not JSON
    const std::vector<json::value> items = data_items(body);

    if (const json::value* more = member(body, "additional_data")) {
        (void)text_at(*more, "next_cursor");
        if (const json::value* pagination = member(*more, "pagination")) {
            (void)bool_at(*pagination, "more_items_in_collection");
            (void)number_at(*pagination, "next_start");
        }
    }

    PersonFieldKeys keys;
    for (const json::value& item : items) {
        if (auto field = CustomField::from_json(item)) {
            keys.channel = *field;
            keys.referred_by = *field;
        }
    }
    (void)company_currency(items);
    (void)StageCatalog::from_lists(items, items);

    for (const json::value& item : items) {
        (void)mapper().seller(item);
        (void)mapper().contact(item, keys);
        (void)mapper().activity(item);
        (void)mapper().note(item);
        bool unconverted = false;
        const auto deal = mapper().deal(item, unconverted);
        if (!deal) continue;
        const json::value* id = member(item, "id");
        if (id == nullptr || deal->id != text_of(*id)) std::abort();
        (void)stage_history(*deal, deal->stage_id, items);
    }
    return 0;
}
