// Just enough of PNG (8-bit RGB or RGBA, not interlaced: what Chromium's --screenshot writes) to look
// at a screenshot's pixels in a test. Inflates IDAT with zlib and undoes the five row filters.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

namespace sellerscore::host::testing {

struct PngImage {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::vector<std::uint32_t> pixels;  // 0xRRGGBB, row by row (alpha dropped)
};

inline std::uint32_t png_be32(const std::string& bytes, std::size_t at) {
    return (std::uint32_t(std::uint8_t(bytes[at])) << 24) | (std::uint32_t(std::uint8_t(bytes[at + 1])) << 16) |
           (std::uint32_t(std::uint8_t(bytes[at + 2])) << 8) | std::uint32_t(std::uint8_t(bytes[at + 3]));
}

inline std::optional<PngImage> decode_png(const std::string& bytes) {
    if (bytes.size() < 8 || bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) return std::nullopt;
    PngImage image;
    int channels = 0;
    std::string compressed;
    for (std::size_t at = 8; at + 8 <= bytes.size();) {
        const std::uint32_t length = png_be32(bytes, at);
        const std::string type = bytes.substr(at + 4, 4);
        if (at + 12 + length > bytes.size()) return std::nullopt;
        if (type == "IHDR") {
            image.width = png_be32(bytes, at + 8);
            image.height = png_be32(bytes, at + 12);
            const int depth = std::uint8_t(bytes[at + 16]);
            const int colour = std::uint8_t(bytes[at + 17]);
            const int interlace = std::uint8_t(bytes[at + 20]);
            if (depth != 8 || interlace != 0 || (colour != 2 && colour != 6)) return std::nullopt;
            channels = colour == 6 ? 4 : 3;
        } else if (type == "IDAT") {
            compressed += bytes.substr(at + 8, length);
        }
        at += 12 + length;
    }
    if (channels == 0) return std::nullopt;
    const std::size_t stride = std::size_t(image.width) * channels;
    std::vector<std::uint8_t> raw((stride + 1) * image.height);
    uLongf raw_size = raw.size();
    if (uncompress(raw.data(), &raw_size, reinterpret_cast<const Bytef*>(compressed.data()), compressed.size()) != Z_OK ||
        raw_size != raw.size()) {
        return std::nullopt;
    }
    std::vector<std::uint8_t> previous(stride, 0);
    std::vector<std::uint8_t> row(stride);
    image.pixels.reserve(std::size_t(image.width) * image.height);
    for (std::uint32_t y = 0; y < image.height; ++y) {
        const std::uint8_t filter = raw[y * (stride + 1)];
        const std::uint8_t* in = &raw[y * (stride + 1) + 1];
        for (std::size_t x = 0; x < stride; ++x) {
            const int a = x >= std::size_t(channels) ? row[x - channels] : 0;
            const int b = previous[x];
            const int c = x >= std::size_t(channels) ? previous[x - channels] : 0;
            int predicted = 0;
            switch (filter) {
            case 0: predicted = 0; break;
            case 1: predicted = a; break;
            case 2: predicted = b; break;
            case 3: predicted = (a + b) / 2; break;
            case 4: {
                const int p = a + b - c;
                const int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
                predicted = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c);
                break;
            }
            default: return std::nullopt;
            }
            row[x] = static_cast<std::uint8_t>(in[x] + predicted);
        }
        for (std::uint32_t x = 0; x < image.width; ++x) {
            const std::uint8_t* p = &row[std::size_t(x) * channels];
            image.pixels.push_back((std::uint32_t(p[0]) << 16) | (std::uint32_t(p[1]) << 8) | p[2]);
        }
        previous = row;
    }
    return image;
}

}  // namespace sellerscore::host::testing
