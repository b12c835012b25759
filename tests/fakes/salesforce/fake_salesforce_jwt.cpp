#include "fake_salesforce_jwt.hpp"

#include <memory>

#include <boost/json/parse.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace sellerscore::fakes {

std::optional<std::string> base64url_decode(const std::string& text) {
    std::string decoded;
    unsigned buffer = 0;
    int bits = 0;
    for (const char c : text) {
        int v;
        if (c >= 'A' && c <= 'Z') v = c - 'A';
        else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
        else if (c >= '0' && c <= '9') v = c - '0' + 52;
        else if (c == '-') v = 62;
        else if (c == '_') v = 63;
        else if (c == '=') break;
        else return std::nullopt;
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            decoded += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    return decoded;
}

std::optional<JwtClaims> verify_rs256_jwt(const std::string& assertion, const std::string& public_key_pem) {
    const std::size_t first = assertion.find('.');
    const std::size_t second = first == std::string::npos ? first : assertion.find('.', first + 1);
    if (second == std::string::npos) return std::nullopt;
    const std::optional<std::string> header = base64url_decode(assertion.substr(0, first));
    const std::optional<std::string> payload = base64url_decode(assertion.substr(first + 1, second - first - 1));
    const std::optional<std::string> signature = base64url_decode(assertion.substr(second + 1));
    if (!header || !payload || !signature) return std::nullopt;

    boost::system::error_code error;
    const boost::json::value header_json = boost::json::parse(*header, error);
    if (error || !header_json.is_object()) return std::nullopt;
    const boost::json::value* alg = header_json.as_object().if_contains("alg");
    if (!alg || !alg->is_string() || alg->as_string() != "RS256") return std::nullopt;

    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(public_key_pem.data(), static_cast<int>(public_key_pem.size())),
                                                  &BIO_free);
    if (!bio) return std::nullopt;
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr),
                                                            &EVP_PKEY_free);
    if (!key) {
        // A connected app holds an X.509 certificate; a bare public key is accepted too.
        std::unique_ptr<BIO, decltype(&BIO_free)> again(
            BIO_new_mem_buf(public_key_pem.data(), static_cast<int>(public_key_pem.size())), &BIO_free);
        std::unique_ptr<X509, decltype(&X509_free)> certificate(PEM_read_bio_X509(again.get(), nullptr, nullptr, nullptr),
                                                                &X509_free);
        if (certificate) key.reset(X509_get_pubkey(certificate.get()));
    }
    if (!key) return std::nullopt;
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    const std::string signed_part = assertion.substr(0, second);
    if (!context || EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature->data()), signature->size(),
                         reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size()) != 1)
        return std::nullopt;

    const boost::json::value claims_json = boost::json::parse(*payload, error);
    if (error || !claims_json.is_object()) return std::nullopt;
    const boost::json::object& claims = claims_json.as_object();
    JwtClaims result;
    auto text = [&](const char* name) -> std::string {
        const boost::json::value* v = claims.if_contains(name);
        return v && v->is_string() ? std::string(v->as_string()) : std::string();
    };
    result.iss = text("iss");
    result.sub = text("sub");
    result.aud = text("aud");
    if (const boost::json::value* exp = claims.if_contains("exp")) {
        if (exp->is_int64()) result.exp = exp->as_int64();
        else if (exp->is_uint64()) result.exp = static_cast<std::int64_t>(exp->as_uint64());
        else if (exp->is_double()) result.exp = static_cast<std::int64_t>(exp->as_double());
    }
    return result;
}

}  // namespace sellerscore::fakes
