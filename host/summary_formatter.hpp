// One-paragraph human summaries of the plugin's install, sync and uninstall documents
// (docs/abi.md shapes), shared by the individual commands and the demo.
#pragma once

#include <string>

#include <boost/json/value.hpp>

namespace sellerscore::host {

class SummaryFormatter {
public:
    // {"created":[...],"existing":[...]} -> "created 9 custom fields (...); 2 already existed"
    static std::string install(const boost::json::value& document);
    // The run summary -> "read 12 sellers, ...; wrote 1,234 fields on 400 records in 2.3 s",
    // or "nothing changed: nothing written".
    static std::string sync(const boost::json::value& document);
    // {"removed":[...]} -> "removed 11 custom fields (...)"
    static std::string uninstall(const boost::json::value& document);
};

}  // namespace sellerscore::host
