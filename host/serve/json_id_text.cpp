#include "host/serve/json_id_text.hpp"

namespace sellerscore::host::serve {

std::string json_id_text(const boost::json::value* value) {
    if (value == nullptr) return {};
    if (value->is_string()) return std::string(value->get_string());
    if (value->is_int64()) return std::to_string(value->get_int64());
    if (value->is_uint64()) return std::to_string(value->get_uint64());
    return {};
}

}  // namespace sellerscore::host::serve
