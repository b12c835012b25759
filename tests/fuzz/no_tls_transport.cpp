// The fuzz build compiles the HTTP client without Beast's TLS transport (tls_transport.cpp); the
// targets hand the client a scripted transport instead, so HttpClient::create is never called.
// This definition only satisfies the linker.
#include "connectors/http/http_transport.hpp"

namespace sellerscore::connectors::http {

Result<std::unique_ptr<HttpTransport>> make_tls_transport(const TransportOptions&) {
    return Status::unsupported("no TLS transport in a fuzz build");
}

}  // namespace sellerscore::connectors::http
