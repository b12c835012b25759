// HubSpot CRM object JSON as list, search and pipeline reads return it: the body is mapped the
// ways the reader maps what it gets (each result as every object type, as an owner, as archived),
// and also read as a pipelines body and a property list. Beyond not crashing: a mapped deal keeps
// the id it came with.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <boost/json/parse.hpp>

#include "connectors/hubspot/record_mapper.hpp"

namespace {

namespace json = boost::json;
using namespace sellerscore::connectors;
using namespace sellerscore::connectors::hubspot;

// The pipelines of tests/hubspot/hubspot_record_mapper_test.cpp: open, proposal, won, lost, archived.
constexpr const char* pipelines = R"({"results":[
  {"id":"default","label":"Sales","displayOrder":0,"archived":false,"stages":[
    {"id":"appointmentscheduled","label":"Appointment","displayOrder":0,"archived":false,
     "metadata":{"isClosed":"false","probability":"0.2"}},
    {"id":"contractsent","label":"Contract sent","displayOrder":1,"archived":false,
     "metadata":{"isClosed":"false","probability":"0.9"}},
    {"id":"closedwon","label":"Won","displayOrder":2,"archived":false,"metadata":{"isClosed":"true","probability":"1.0"}},
    {"id":"closedlost","label":"Lost","displayOrder":3,"archived":false,"metadata":{"isClosed":"true","probability":"0.0"}}]},
  {"id":"77","label":"Renewals","displayOrder":1,"archived":false,"stages":[
    {"id":"1001","label":"Old stage","displayOrder":0,"archived":true,"metadata":{"isClosed":"false","probability":"0.5"}}]}]})";

struct Mapping {
    StageCatalog stages = StageCatalog::from_pipelines(json::parse(pipelines)).value();
    FieldSchema schema = [] {
        FieldSchema s;
        s.set(RecordObject::deal, "seller_score", PropertyKind::number);
        s.set(RecordObject::deal, "seller_score_band", PropertyKind::enumeration);
        s.set(RecordObject::deal, "kpi_updated_at", PropertyKind::datetime);
        s.set(RecordObject::contact, "churn_risk", PropertyKind::number);
        s.set(RecordObject::company, "customer_lifetime_value", PropertyKind::number);
        return s;
    }();
    MappingOptions options = [] {
        MappingOptions o;
        o.proposal_stages = {"contractsent"};
        return o;
    }();
    RecordMapper mapper{options, stages, schema};
};

const Mapping& mapping() {
    static const Mapping m;
    return m;
}

void map_object(const json::value& object) {
    const RecordMapper& mapper = mapping().mapper;
    const FirstAssociations links = embedded_associations(object);
    ReadPage page;
    if (mapper.add_deal(object, links, page) == MapOutcome::mapped) {
        const json::object* fields = object.if_object();
        const json::value* id = fields ? fields->if_contains("id") : nullptr;
        if (page.records.deals.size() != 1 || id == nullptr) std::abort();
        if (id->is_string() && page.records.deals[0].id != id->get_string()) std::abort();
    }
    mapper.add_contact(object, page);
    mapper.add_company(object, page);
    for (ObjectType type : {ObjectType::calls, ObjectType::emails, ObjectType::meetings, ObjectType::notes,
                            ObjectType::tasks, ObjectType::quotes}) {
        mapper.add_activity(type, object, links, page);
    }
    (void)mapper.seller(object);
    for (ObjectType type : all_object_types) mapper.add_removed(type, object, page.removed);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    boost::system::error_code ec;
    const json::value body = json::parse(std::string_view(reinterpret_cast<const char*>(data), size), ec);
    if (ec) return 0;  // HubspotApi refuses a body that is not JSON before any mapper sees it

    (void)StageCatalog::from_pipelines(body);
    FieldSchema schema;
    schema.load(RecordObject::deal, body);

    map_object(body);
    if (const json::object* page = body.if_object()) {
        if (const json::value* results = page->if_contains("results"); results && results->is_array()) {
            for (const json::value& object : results->get_array()) map_object(object);
        }
    }
    return 0;
}
