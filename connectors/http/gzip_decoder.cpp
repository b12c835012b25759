#include "connectors/http/gzip_decoder.hpp"

#include <zlib.h>

#include <array>

namespace sellerscore::connectors::http {
namespace {

class Inflater {
public:
    Inflater() { ok_ = inflateInit2(&stream_, 15 + 16) == Z_OK; }  // 15 + 16: gzip wrapper only
    ~Inflater() {
        if (ok_) inflateEnd(&stream_);
    }
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;

    bool ok() const { return ok_; }
    z_stream& stream() { return stream_; }

private:
    z_stream stream_{};
    bool ok_ = false;
};

}  // namespace

Result<std::string> decode_gzip(std::string_view compressed, std::size_t max_bytes) {
    Inflater inflater;
    if (!inflater.ok()) return Status::internal("zlib inflateInit2 failed");
    z_stream& stream = inflater.stream();
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    stream.avail_in = static_cast<uInt>(compressed.size());

    std::string inflated;
    std::array<char, 64 * 1024> chunk;
    for (;;) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
        stream.avail_out = static_cast<uInt>(chunk.size());
        const int result = inflate(&stream, Z_NO_FLUSH);
        const std::size_t produced = chunk.size() - stream.avail_out;
        if (inflated.size() + produced > max_bytes)
            return Status::invalid_argument("inflated body over " + std::to_string(max_bytes) + " bytes");
        inflated.append(chunk.data(), produced);

        if (result == Z_STREAM_END) {
            if (stream.avail_in == 0) return inflated;
            if (inflateReset(&stream) != Z_OK) return Status{StatusCode::network, "corrupt gzip body: reset failed"};
            continue;
        }
        if (result == Z_BUF_ERROR && stream.avail_in == 0)
            return Status{StatusCode::network, "corrupt gzip body: it ends before the gzip trailer"};
        if (result != Z_OK && result != Z_BUF_ERROR)
            return Status{StatusCode::network,
                          std::string("corrupt gzip body: ") + (stream.msg ? stream.msg : "inflate failed")};
    }
}

}  // namespace sellerscore::connectors::http
