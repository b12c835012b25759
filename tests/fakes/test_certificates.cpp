#include "tests/fakes/test_certificates.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <memory>
#include <stdexcept>

namespace sellerscore::fakes {
namespace {

// Test scaffolding: a failure here is a broken test environment, so it throws and Catch reports it.
[[noreturn]] void fail(const std::string& what) {
    char detail[256] = "no OpenSSL error";
    if (unsigned long code = ERR_get_error()) ERR_error_string_n(code, detail, sizeof detail);
    throw std::runtime_error("test certificate: " + what + ": " + detail);
}

struct KeyDeleter {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertificateDeleter {
    void operator()(X509* certificate) const { X509_free(certificate); }
};
struct BioDeleter {
    void operator()(BIO* bio) const { BIO_free(bio); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyDeleter>;
using Certificate = std::unique_ptr<X509, CertificateDeleter>;
using Bio = std::unique_ptr<BIO, BioDeleter>;

Key make_p256_key() {
    Key key(EVP_EC_gen("P-256"));
    if (!key) fail("generating a P-256 key");
    return key;
}

void add_extension(X509* subject, X509* issuer, int nid, const std::string& value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, subject, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
    if (!extension) fail("extension " + value);
    const int added = X509_add_ext(subject, extension, -1);
    X509_EXTENSION_free(extension);
    if (!added) fail("adding extension " + value);
}

// Unsigned certificate for `key` named `common_name`, valid from an hour ago for a day.
Certificate make_certificate(EVP_PKEY* key, const std::string& common_name) {
    Certificate certificate(X509_new());
    if (!certificate) fail("X509_new");
    X509_set_version(certificate.get(), 2);  // v3, for extensions

    // Random serials: several CAs made in one run must not hand out the same issuer+serial pair.
    std::unique_ptr<BIGNUM, decltype(&BN_free)> serial(BN_new(), &BN_free);
    if (!serial || !BN_rand(serial.get(), 64, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) ||
        !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get())))
        fail("serial number");

    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -60 * 60);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 23 * 60 * 60);

    X509_NAME* name = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0);
    if (!X509_set_pubkey(certificate.get(), key)) fail("setting the public key");
    return certificate;
}

void sign(X509* certificate, EVP_PKEY* issuer_key) {
    if (X509_sign(certificate, issuer_key, EVP_sha256()) == 0) fail("signing");
}

std::string to_pem(X509* certificate) {
    Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || !PEM_write_bio_X509(bio.get(), certificate)) fail("writing a certificate as PEM");
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

std::string to_pem(EVP_PKEY* key) {
    Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || !PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr))
        fail("writing a key as PEM");
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

std::string subject_alt_names(const std::vector<std::string>& dns_names, const std::vector<std::string>& ips) {
    std::string names;
    for (const auto& dns : dns_names) names += (names.empty() ? "" : ",") + ("DNS:" + dns);
    for (const auto& ip : ips) names += (names.empty() ? "" : ",") + ("IP:" + ip);
    return names;
}

}  // namespace

ServerCertificate make_server_certificate(const std::vector<std::string>& dns_names,
                                          const std::vector<std::string>& ip_addresses) {
    const Key ca_key = make_p256_key();
    const Certificate ca = make_certificate(ca_key.get(), "sellerscore test CA");
    X509_set_issuer_name(ca.get(), X509_get_subject_name(ca.get()));
    add_extension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE");
    add_extension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
    add_extension(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
    sign(ca.get(), ca_key.get());

    const Key leaf_key = make_p256_key();
    const std::string common_name = dns_names.empty() ? ip_addresses.at(0) : dns_names.front();
    const Certificate leaf = make_certificate(leaf_key.get(), common_name);
    X509_set_issuer_name(leaf.get(), X509_get_subject_name(ca.get()));
    add_extension(leaf.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_extension(leaf.get(), ca.get(), NID_key_usage, "critical,digitalSignature");
    add_extension(leaf.get(), ca.get(), NID_ext_key_usage, "serverAuth");
    add_extension(leaf.get(), ca.get(), NID_subject_alt_name, subject_alt_names(dns_names, ip_addresses));
    add_extension(leaf.get(), ca.get(), NID_authority_key_identifier, "keyid:always");
    sign(leaf.get(), ca_key.get());

    return ServerCertificate{to_pem(ca.get()), to_pem(leaf.get()), to_pem(leaf_key.get())};
}

namespace {

// Every PEM file written by this process, removed when it exits: tests and benches never leave
// certificates behind in the temp folder, even when a test fails halfway.
class TempPemFiles {
public:
    static TempPemFiles& instance() {
        static TempPemFiles files;
        return files;
    }
    void add(const std::string& path) {
        std::lock_guard lock(mutex_);
        paths_.push_back(path);
    }
    ~TempPemFiles() {
        std::error_code ignored;
        for (const auto& path : paths_) std::filesystem::remove(path, ignored);
    }

private:
    std::mutex mutex_;
    std::vector<std::string> paths_;
};

}  // namespace

std::string write_temp_pem(const std::string& pem, const std::string& name_hint) {
    std::string path = (std::filesystem::temp_directory_path() / ("sellerscore-" + name_hint + "-XXXXXX.pem")).string();
    const int fd = mkstemps(path.data(), 4);
    if (fd < 0) throw std::runtime_error("test certificate: cannot create a temp file for " + name_hint);
    std::size_t written = 0;
    while (written < pem.size()) {
        const ssize_t n = ::write(fd, pem.data() + written, pem.size() - written);
        if (n <= 0) {
            ::close(fd);
            throw std::runtime_error("test certificate: cannot write " + path);
        }
        written += static_cast<std::size_t>(n);
    }
    ::close(fd);
    TempPemFiles::instance().add(path);
    return path;
}

}  // namespace sellerscore::fakes
