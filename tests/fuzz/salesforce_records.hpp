// The Salesforce record mapper as the org reader drives it, over whatever records a fuzz input
// produced (a REST query page or a Bulk API CSV result): shared by the two Salesforce targets.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "connectors/salesforce/record_mapper.hpp"
#include "connectors/salesforce/stage_catalog.hpp"

namespace sellerscore::fuzz {

namespace json = boost::json;
using namespace sellerscore::connectors::salesforce;

// The stages of tests/salesforce/salesforce_record_mapper_test.cpp: open, proposal, won, inactive.
inline const StageCatalog& salesforce_stages() {
    static const StageCatalog catalog = StageCatalog::from_rows(json::parse(R"([
      {"Id":"01J1","ApiName":"Prospecting","MasterLabel":"Prospecting","SortOrder":1,"IsClosed":false,"IsWon":false,
       "IsActive":true,"DefaultProbability":10},
      {"Id":"01J2","ApiName":"Proposal","MasterLabel":"Proposal/Price Quote","SortOrder":2,"IsClosed":false,
       "IsWon":false,"IsActive":true,"DefaultProbability":75},
      {"Id":"01J3","ApiName":"Closed Won","MasterLabel":"Closed Won","SortOrder":3,"IsClosed":true,"IsWon":true,
       "IsActive":true,"DefaultProbability":100},
      {"Id":"01J4","ApiName":"Closed Lost","MasterLabel":"Closed Lost","SortOrder":4,"IsClosed":true,"IsWon":false,
       "IsActive":true,"DefaultProbability":0}])").as_array(), json::array());
    return catalog;
}

inline const RecordMapper& salesforce_mapper() {
    static const RecordMapper mapper = [] {
        MappingOptions options;
        options.proposal_stages = {"Proposal"};
        options.fx_rates = {{"USD", 0.92}};
        options.referral_field = "Referred_By__c";
        return RecordMapper(options, salesforce_stages());
    }();
    return mapper;
}

// Every record as each SObject the reader maps; the page itself as stage and record type rows.
// Only the first records are mapped: each deal reads all of them as its history, and a CSV of a
// few hundred empty lines would otherwise spend the run in that square.
inline void map_salesforce_records(const json::array& all) {
    constexpr std::size_t mapped = 32;
    const json::array records(all.begin(), all.begin() + std::min(all.size(), mapped));
    (void)StageCatalog::from_rows(records, records);
    const RecordMapper& mapper = salesforce_mapper();
    const std::vector<json::value> history(records.begin(), records.end());
    const std::map<std::string, std::string> lead_contacts = {{"00QA", "003A"}};
    for (const json::value& record : records) {
        (void)mapper.seller(record);
        model::Dataset out;
        const Status deal = mapper.deal(record, history, std::string("003A"), out);
        if (!deal && deal.message().empty()) std::abort();
        (void)mapper.contact(record, std::nullopt);
        (void)mapper.contact(record, LeadOrigin{1'772'366'400'000, std::string("Web")});
        (void)mapper.unconverted_lead(record);
        (void)mapper.task(record, std::nullopt, lead_contacts);
        (void)mapper.task(record, EmailFacts{true, true}, lead_contacts);
        (void)mapper.event(record, lead_contacts);
    }
}

}  // namespace sellerscore::fuzz
