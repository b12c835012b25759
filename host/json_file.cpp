#include "json_file.hpp"

#include <fstream>
#include <sstream>

#include <boost/json/stream_parser.hpp>

namespace sellerscore::host {

namespace json = boost::json;

Result<json::value> parse_json_text(std::string_view text, const std::string& source_name) {
    json::stream_parser parser;
    boost::system::error_code ec;
    const std::size_t consumed = parser.write(text.data(), text.size(), ec);
    if (!ec) {
        parser.finish(ec);
    }
    if (!ec) {
        return parser.release();
    }
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < consumed && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column;  // columns count characters, not UTF-8 continuation bytes
        }
    }
    return Status::data(source_name + ":" + std::to_string(line) + ":" + std::to_string(column) +
                        ": not valid JSON (" + ec.message() + ")");
}

Result<json::value> read_json_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) {
            return Status::not_found(path.string() + ": no such file");
        }
        return Status(StatusCode::permission, path.string() + ": cannot be read");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_json_text(text.str(), path.string());
}

}  // namespace sellerscore::host
