#include "jwt_assertion.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <memory>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace sellerscore::connectors::salesforce {

namespace {

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
struct KeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

}  // namespace

std::string base64url(std::string_view bytes) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8 |
                           static_cast<unsigned char>(bytes[i + 2]);
        for (int shift : {18, 12, 6, 0}) out += alphabet[(v >> shift) & 63];
    }
    if (i + 1 == bytes.size()) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
    } else if (i + 2 == bytes.size()) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8;
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
    }
    return out;
}

Status check_private_key_file(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        return Status::invalid_argument("salesforce: private key file " + path + " cannot be read");
    }
    if ((info.st_mode & 077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
        return Status(StatusCode::permission, "salesforce: private key file " + path + " has mode " + mode +
                                                  ": others can read it; chmod 600 it");
    }
    return Status::ok();
}

Result<std::string> sign_jwt_assertion(const JwtClaims& claims, const std::string& private_key_path) {
    if (Status st = check_private_key_file(private_key_path); !st) return st;
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(private_key_path.c_str(), "r"));
    if (!file) return Status::invalid_argument("salesforce: private key file " + private_key_path + " cannot be opened");
    std::unique_ptr<EVP_PKEY, KeyFree> key(PEM_read_PrivateKey(file.get(), nullptr, nullptr, nullptr));
    if (!key || EVP_PKEY_base_id(key.get()) != EVP_PKEY_RSA) {
        return Status::invalid_argument("salesforce: " + private_key_path + " holds no unencrypted RSA private key (PEM)");
    }

    boost::json::object header{{"alg", "RS256"}};
    boost::json::object body{{"iss", claims.issuer}, {"sub", claims.subject}, {"aud", claims.audience},
                             {"exp", claims.expires_at_s}};
    const std::string signing_input =
        base64url(boost::json::serialize(header)) + "." + base64url(boost::json::serialize(body));

    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    std::size_t length = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &length,
                       reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) != 1) {
        return Status::internal("salesforce: RS256 signing failed to start");
    }
    std::vector<unsigned char> signature(length);
    if (EVP_DigestSign(ctx.get(), signature.data(), &length,
                       reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) != 1) {
        return Status::internal("salesforce: RS256 signing failed");
    }
    return signing_input + "." +
           base64url(std::string_view(reinterpret_cast<const char*>(signature.data()), length));
}

}  // namespace sellerscore::connectors::salesforce
