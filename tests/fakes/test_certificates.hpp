// A throwaway CA and a server certificate it signed, generated in memory with OpenSSL for each test
// run: nothing secret is committed, and the client is tested with real chain and hostname checks.
#pragma once

#include <string>
#include <vector>

namespace sellerscore::fakes {

struct ServerCertificate {
    std::string ca_pem;           // the CA certificate: what the client's ca_file trusts
    std::string certificate_pem;  // the server's leaf, signed by the CA
    std::string private_key_pem;  // the leaf's key
};

// A fresh P-256 CA and a leaf for `dns_names` and `ip_addresses` (subjectAltName), valid from an
// hour ago for a day.
ServerCertificate make_server_certificate(const std::vector<std::string>& dns_names = {"localhost"},
                                          const std::vector<std::string>& ip_addresses = {"127.0.0.1"});

// Writes `pem` to a new file under the system temp folder and returns its path (for ca_file). The
// file is removed when the process exits (removing it earlier is fine).
std::string write_temp_pem(const std::string& pem, const std::string& name_hint);

}  // namespace sellerscore::fakes
