#include "connectors/http/base_url.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <cctype>

namespace sellerscore::connectors::http {
namespace {

std::string lower(std::string_view text) {
    std::string result(text);
    for (char& c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return result;
}

bool is_loopback(const std::string& host) { return host == "127.0.0.1" || host == "::1" || host == "localhost"; }

}  // namespace

std::string BaseUrl::origin() const { return (tls ? "https://" : "http://") + host_header; }

Result<BaseUrl> parse_base_url(std::string_view text) {
    const std::string where = "base_url " + std::string(text) + ": ";
    const auto parsed = boost::urls::parse_absolute_uri(text);
    if (!parsed) return Status::invalid_argument(where + "not an absolute URL (" + parsed.error().message() + ")");
    const boost::urls::url_view url = *parsed;

    BaseUrl base;
    const std::string scheme = lower(url.scheme());
    if (scheme != "https" && scheme != "http") return Status::invalid_argument(where + "the scheme must be https");
    base.tls = scheme == "https";
    if (url.has_userinfo() || url.has_query() || url.has_fragment())
        return Status::invalid_argument(where + "user info, query and fragment are not allowed");

    switch (url.host_type()) {
        case boost::urls::host_type::name: base.host = lower(url.encoded_host()); break;
        case boost::urls::host_type::ipv4:
        case boost::urls::host_type::ipv6:
            base.host = std::string(url.host_address());
            base.host_is_ip = true;
            break;
        default: return Status::invalid_argument(where + "no usable host");
    }
    if (base.host.empty()) return Status::invalid_argument(where + "no host");
    if (!base.tls && !is_loopback(base.host))
        return Status::invalid_argument(where + "plain http is allowed only for loopback");

    base.port = base.tls ? 443 : 80;
    if (url.has_port()) {
        if (url.port_number() == 0) return Status::invalid_argument(where + "bad port");
        base.port = url.port_number();
    }
    const std::string host_text = lower(url.encoded_host());  // keeps an IPv6 literal's brackets
    const bool default_port = base.port == (base.tls ? 443 : 80);
    base.host_header = default_port ? host_text : host_text + ":" + std::to_string(base.port);

    base.path_prefix = std::string(url.encoded_path());
    while (!base.path_prefix.empty() && base.path_prefix.back() == '/') base.path_prefix.pop_back();
    return base;
}

}  // namespace sellerscore::connectors::http
