// The JWT bearer assertion: RS256 over base64url(header).base64url(claims), verifiable with the
// certificate's public key, from a key file only its owner can read.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <vector>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "connectors/salesforce/jwt_assertion.hpp"

using namespace sellerscore;
using namespace sellerscore::connectors::salesforce;

namespace {

struct KeyFile {
    std::filesystem::path path;
    EVP_PKEY* key = nullptr;
    explicit KeyFile(mode_t mode) {
        key = EVP_RSA_gen(2048);
        path = std::filesystem::temp_directory_path() / ("sf_jwt_key_" + std::to_string(::getpid()) + "_" +
                                                         std::to_string(mode) + ".pem");
        std::FILE* f = std::fopen(path.c_str(), "w");
        PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
        std::fclose(f);
        ::chmod(path.c_str(), mode);
    }
    ~KeyFile() {
        EVP_PKEY_free(key);
        std::filesystem::remove(path);
    }
};

std::string base64url_decode(std::string text) {
    for (char& c : text) c = c == '-' ? '+' : c == '_' ? '/' : c;
    while (text.size() % 4 != 0) text += '=';
    std::vector<unsigned char> out(text.size());
    const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                  static_cast<int>(text.size()));
    const auto padding = static_cast<int>(std::count(text.end() - 2, text.end(), '='));
    return std::string(reinterpret_cast<char*>(out.data()), static_cast<std::size_t>(n - padding));
}

}  // namespace

TEST_CASE("base64url has no padding and uses - and _", "[salesforce][jwt]") {
    CHECK(base64url("\xfb\xff") == "-_8");
    CHECK(base64url("{\"alg\":\"RS256\"}") == "eyJhbGciOiJSUzI1NiJ9");
}

TEST_CASE("The JWT assertion carries the claims and verifies with the public key", "[salesforce][jwt]") {
    KeyFile key(0600);
    const auto jwt = sign_jwt_assertion({"client-id", "integration@example.com", "https://login.salesforce.com", 1'772'323'380},
                                        key.path.string());
    REQUIRE(jwt.is_ok());
    const auto first = jwt->find('.'), second = jwt->rfind('.');
    CHECK(jwt->substr(0, first) == "eyJhbGciOiJSUzI1NiJ9");
    CHECK(base64url_decode(jwt->substr(first + 1, second - first - 1)) ==
          R"({"iss":"client-id","sub":"integration@example.com","aud":"https://login.salesforce.com","exp":1772323380})");
    const std::string input = jwt->substr(0, second);
    const std::string signature = base64url_decode(jwt->substr(second + 1));
    CHECK(signature.size() == 256);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    REQUIRE(EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key.key) == 1);
    CHECK(EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                           reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1);
    EVP_MD_CTX_free(ctx);
}

TEST_CASE("A private key file others can read is refused with one line", "[salesforce][jwt]") {
    KeyFile key(0644);
    const auto jwt = sign_jwt_assertion({"client-id", "u", "https://login.salesforce.com", 1}, key.path.string());
    REQUIRE_FALSE(jwt.is_ok());
    CHECK(jwt.status().code() == StatusCode::permission);
    CHECK(jwt.status().message().find("mode 0644") != std::string::npos);
    CHECK(jwt.status().message().find('\n') == std::string::npos);
}
