// A vendor conversation from one fuzz input: the responses a vendor API sends, one after another,
// to whatever the connector asks. Exchanges are separated by a line "###"; each is
//
//   429                        <- optional: a status line of three digits (else 200, no headers)
//   Retry-After: 5             <- header lines, up to a blank line
//
//   {"body": ...}
//
// When the script runs out, every further exchange is a connection reset, so any loop over pages
// ends after at most a few retries.
#pragma once

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>

#include "connectors/http/http_transport.hpp"

namespace sellerscore::fuzz {

namespace http = sellerscore::connectors::http;

class ScriptedExchanges final : public http::HttpTransport {
public:
    explicit ScriptedExchanges(std::string_view script) {
        constexpr std::string_view separator = "\n###\n";
        while (true) {
            const std::size_t end = script.find(separator);
            responses_.push_back(response_of(script.substr(0, end)));
            if (end == std::string_view::npos) break;
            script.remove_prefix(end + separator.size());
        }
    }

    Result<http::HttpResponse> exchange(const http::HttpRequest&, http::ExchangeTrace& trace) override {
        std::lock_guard lock(mutex_);
        ++exchanges_;
        if (responses_.empty()) {
            trace.request_written = false;
            return Status{StatusCode::network, "connection reset (the script ended)"};
        }
        trace.request_written = true;
        http::HttpResponse response = std::move(responses_.front());
        responses_.pop_front();
        return response;
    }

    std::size_t exchanges() const {
        std::lock_guard lock(mutex_);
        return exchanges_;
    }

private:
    static http::HttpResponse response_of(std::string_view text) {
        http::HttpResponse response;
        response.status = 200;
        const bool has_status = text.size() >= 4 && std::isdigit(static_cast<unsigned char>(text[0])) &&
                                std::isdigit(static_cast<unsigned char>(text[1])) &&
                                std::isdigit(static_cast<unsigned char>(text[2])) && text[3] == '\n';
        if (!has_status) {
            response.body = std::string(text);
            return response;
        }
        response.status = (text[0] - '0') * 100 + (text[1] - '0') * 10 + (text[2] - '0');
        text.remove_prefix(4);
        while (!text.empty()) {
            const std::size_t eol = text.find('\n');
            const std::string_view line = text.substr(0, eol);
            text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
            if (line.empty()) break;
            const std::size_t colon = line.find(':');
            if (colon == std::string_view::npos) continue;
            std::string_view value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
            response.headers.push_back({std::string(line.substr(0, colon)), std::string(value)});
        }
        response.body = std::string(text);
        return response;
    }

    mutable std::mutex mutex_;
    std::deque<http::HttpResponse> responses_;
    std::size_t exchanges_ = 0;
};

}  // namespace sellerscore::fuzz
