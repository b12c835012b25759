// Whole numbers grouped by thousands ("1,234,567") for tables and summaries people read.
#pragma once

#include <cstdint>
#include <string>

namespace sellerscore::host {

std::string with_thousands_separators(std::int64_t n);

}  // namespace sellerscore::host
