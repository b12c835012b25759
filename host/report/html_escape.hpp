// Text placed in HTML or SVG markup (element content and double-quoted attributes): seller and
// channel names come from the CRM, so they are escaped before they reach the page.
#pragma once

#include <string>
#include <string_view>

namespace sellerscore::host::report {

std::string html_escape(std::string_view text);

}  // namespace sellerscore::host::report
