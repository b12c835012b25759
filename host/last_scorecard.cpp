#include "last_scorecard.hpp"

#include <memory>

#include "host_session.hpp"

namespace sellerscore::host {

Result<boost::json::value> read_last_scorecard(const std::optional<std::filesystem::path>& config_path) {
    Result<std::unique_ptr<HostSession>> session = HostSession::open(config_path, HostSession::ConfigNeed::required);
    if (!session) return session.status();
    Result<PluginInstance*> instance = (*session)->instance();
    if (!instance) return instance.status();
    return (*instance)->scorecard({});
}

}  // namespace sellerscore::host
