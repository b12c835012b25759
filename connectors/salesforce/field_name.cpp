#include "field_name.hpp"

#include <cctype>

namespace sellerscore::connectors::salesforce {

std::string developer_name(std::string_view logical_id) {
    std::string name;
    bool word_start = true;
    for (const char c : logical_id) {
        const auto u = static_cast<unsigned char>(c);
        if (!std::isalnum(u)) {
            if (!name.empty() && name.back() != '_') name += '_';
            word_start = true;
            continue;
        }
        name += word_start ? static_cast<char>(std::toupper(u)) : c;
        word_start = false;
    }
    if (name.size() > 40) name.resize(40);
    while (!name.empty() && name.back() == '_') name.pop_back();
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name.front()))) name.insert(0, "F_");
    return name;
}

std::string api_field_name(std::string_view logical_id) { return developer_name(logical_id) + "__c"; }

std::string_view sobject_of(RecordObject object) {
    switch (object) {
        case RecordObject::deal: return "Opportunity";
        case RecordObject::contact: return "Contact";
        case RecordObject::company: return "Account";
    }
    return "Opportunity";
}

}  // namespace sellerscore::connectors::salesforce
