// The plugin manifest compiled into the library (manifest/sellerscore.json at build time).
#pragma once

#include <string_view>

namespace sellerscore::plugin {

// NUL-terminated; the view excludes the terminator.
std::string_view embedded_manifest();

}  // namespace sellerscore::plugin
