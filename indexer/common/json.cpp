#include "common/json.hpp"

#include "common/text.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace crib {

void json_string(std::string& out, std::string_view s) {
    std::string fixed;
    if (!valid_utf8(s)) {       // e.g. a file name with non-UTF-8 bytes: JSON must stay UTF-8
        fixed = from_cp1252(s); // read as Windows-1252, as notes are (no BOM sniffing: a
                                // string starting FF FE is no UTF-16 file)
        s = fixed;
    }
    out += '"';
    out.reserve(out.size() + s.size() + 1);
    // Bytes JSON takes as they are go out in runs, not one at a time.
    auto plain = [](unsigned char c) { return c >= 0x20 && c != '"' && c != '\\' && c != 0x7f; };
    for (size_t i = 0; i < s.size(); ++i) {
        if (plain(static_cast<unsigned char>(s[i]))) {
            size_t end = i + 1;
            while (end < s.size() && plain(static_cast<unsigned char>(s[end])))
                ++end;
            out.append(s.substr(i, end - i));
            i = end - 1;
            continue;
        }
        const unsigned char c = static_cast<unsigned char>(s[i]);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += '"';
}

void JsonWriter::comma() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!first_.empty()) {
        if (!first_.back()) out_ += ',';
        first_.back() = false;
    }
}

JsonWriter& JsonWriter::begin_object() {
    comma();
    out_ += '{';
    first_.push_back(true);
    return *this;
}
JsonWriter& JsonWriter::end_object() {
    out_ += '}';
    first_.pop_back();
    return *this;
}
JsonWriter& JsonWriter::begin_array() {
    comma();
    out_ += '[';
    first_.push_back(true);
    return *this;
}
JsonWriter& JsonWriter::end_array() {
    out_ += ']';
    first_.pop_back();
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
    comma();
    json_string(out_, k);
    out_ += ':';
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
    comma();
    json_string(out_, s);
    return *this;
}
JsonWriter& JsonWriter::value(long long n) {
    comma();
    out_ += std::to_string(n);
    return *this;
}
JsonWriter& JsonWriter::value(bool b) {
    comma();
    out_ += b ? "true" : "false";
    return *this;
}
JsonWriter& JsonWriter::null() {
    comma();
    out_ += "null";
    return *this;
}

std::string base64(std::string_view bytes) {
    static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (size_t i = 0; i < bytes.size(); i += 3) {
        uint32_t n = uint32_t(static_cast<unsigned char>(bytes[i])) << 16;
        if (i + 1 < bytes.size()) n |= uint32_t(static_cast<unsigned char>(bytes[i + 1])) << 8;
        if (i + 2 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 2]);
        out += digits[(n >> 18) & 63];
        out += digits[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? digits[(n >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? digits[n & 63] : '=';
    }
    return out;
}

JsonWriter& JsonWriter::path(std::string_view p) {
    if (valid_utf8(p)) return value(p);
    return begin_object().key("bytes").value(base64(p)).end_object();
}

JsonWriter& JsonWriter::value(double d) {
    comma();
    if (!std::isfinite(d)) {
        out_ += "0";
        return *this;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", d);
    out_ += buf;
    return *this;
}

JsonWriter& JsonWriter::strings(const std::vector<std::string>& v) {
    begin_array();
    for (const auto& s : v)
        value(s);
    return end_array();
}

} // namespace crib
