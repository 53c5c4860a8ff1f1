// json.hpp - a small streaming JSON writer (escaping done once, here).
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace crib {

/// Append `s` as a JSON string literal (with quotes) to `out`.
void json_string(std::string& out, std::string_view s);

/// Standard base64 (RFC 4648, with padding) of `bytes`.
std::string base64(std::string_view bytes);

/// Builds one JSON value into a string; the caller keeps commas right by
/// using key()/value() pairs inside begin_object()/end_object().
class JsonWriter {
public:
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view k);
    JsonWriter& value(std::string_view s);
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(long long n);
    JsonWriter& value(int n) { return value(static_cast<long long>(n)); }
    JsonWriter& value(double d);
    JsonWriter& value(bool b);
    JsonWriter& null();
    /// A file path or passage id: a string when it is UTF-8, else (as
    /// ripgrep does) {"bytes": BASE64} of the exact bytes, so no name is lost.
    JsonWriter& path(std::string_view p);
    JsonWriter& strings(const std::vector<std::string>& v);
    const std::string& str() const { return out_; }

private:
    void comma();
    std::string out_;
    std::vector<bool> first_;
    bool after_key_ = false;
};

} // namespace crib
