#include "common/text.hpp"

#include <xapian.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace crib {

const char* encoding_name(Encoding e) {
    switch (e) {
    case Encoding::utf8:
        return "utf-8";
    case Encoding::utf8_bom:
        return "utf-8 (BOM)";
    case Encoding::utf16le:
        return "utf-16le";
    case Encoding::utf16be:
        return "utf-16be";
    case Encoding::windows1252:
        return "windows-1252";
    }
    return "?";
}

void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

// Length of the valid UTF-8 sequence at s[i], or 0 if invalid.
static size_t utf8_seq_len(std::string_view s, size_t i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return 1;
    size_t n;
    uint32_t min;
    if ((c & 0xE0) == 0xC0) {
        n = 2;
        min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3;
        min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4;
        min = 0x10000;
    } else
        return 0;
    if (i + n > s.size()) return 0;
    uint32_t cp = c & (0x7F >> n);
    for (size_t k = 1; k < n; ++k) {
        auto d = static_cast<unsigned char>(s[i + k]);
        if ((d & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (d & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

bool valid_utf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        size_t n = utf8_seq_len(s, i);
        if (!n) return false;
        i += n;
    }
    return true;
}

// Windows-1252 0x80-0x9F; 0 marks the five undefined bytes (mapped to U+FFFD).
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

std::string_view base_name(std::string_view path) {
    size_t slash = path.find_last_of('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view name_stem(std::string_view path) {
    std::string_view name = base_name(path);
    return name.substr(0, name.find('.', 1));
}

std::string join(const std::vector<std::string>& v, char sep) {
    std::string out;
    for (const auto& s : v) {
        if (!out.empty()) out += sep;
        out += s;
    }
    return out;
}

std::string quoted(std::string_view s) {
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"' && s.find('"', 1) == s.size() - 1)
        return std::string(s);
    return "\"" + std::string(s) + "\"";
}

std::string from_cp1252(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (unsigned char c : s) {
        if (c < 0x80)
            out += char(c);
        else if (c < 0xA0)
            append_utf8(out, cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : 0xFFFD);
        else
            append_utf8(out, c);
    }
    return out;
}

static std::string from_utf16(std::string_view s, bool little) {
    std::string out;
    out.reserve(s.size());
    auto unit = [&](size_t i) -> uint32_t {
        auto a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]);
        return little ? (a | (b << 8)) : ((a << 8) | b);
    };
    for (size_t i = 0; i + 1 < s.size(); i += 2) {
        uint32_t u = unit(i);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < s.size()) {
            uint32_t v = unit(i + 2);
            if (v >= 0xDC00 && v <= 0xDFFF) {
                append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
                i += 2;
                continue;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF) u = 0xFFFD;
        append_utf8(out, u);
    }
    return out;
}

bool looks_binary(std::string_view bytes) {
    if (bytes.size() >= 2 &&
        ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF')))
        return false; // UTF-16 text
    std::string_view head = bytes.substr(0, 8192);
    size_t nul = 0, ctrl = 0;
    for (unsigned char c : head) {
        if (c == 0)
            ++nul;
        else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b)
            ++ctrl;
    }
    // A text file may carry a stray NUL; a binary one has many.
    return nul > 8 || (nul + ctrl) * 10 > head.size() + 10;
}

// Replace NULs with U+FFFD and drop '\r' before '\n' (a lone '\r' becomes a space).
static std::string normalise(std::string_view s, bool& had_nul) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '\0') {
            had_nul = true;
            out += "\xEF\xBF\xBD";
        } else if (c == '\r') {
            if (i + 1 < s.size() && s[i + 1] == '\n') continue;
            out += ' '; // a lone CR is not a line end: line numbers follow '\n' only
        } else {
            out += c;
        }
    }
    return out;
}

Decoded decode_text(std::string_view bytes) {
    Decoded d;
    std::string utf8;
    if (bytes.size() >= 2 && bytes[0] == '\xFF' && bytes[1] == '\xFE') {
        d.encoding = Encoding::utf16le;
        utf8 = from_utf16(bytes.substr(2), true);
    } else if (bytes.size() >= 2 && bytes[0] == '\xFE' && bytes[1] == '\xFF') {
        d.encoding = Encoding::utf16be;
        utf8 = from_utf16(bytes.substr(2), false);
    } else {
        if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
            d.encoding = Encoding::utf8_bom;
            bytes.remove_prefix(3);
        }
        if (valid_utf8(bytes)) {
            utf8.assign(bytes);
        } else {
            d.encoding = Encoding::windows1252;
            utf8 = from_cp1252(bytes);
        }
    }
    d.text = normalise(utf8, d.had_nul);
    return d;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    size_t start = 0;
    while (start < text.size()) {
        size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) {
            lines.push_back(text.substr(start));
            break;
        }
        lines.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

std::string_view trim(std::string_view s) {
    auto ws = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    while (!s.empty() && ws(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && ws(s.back()))
        s.remove_suffix(1);
    return s;
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return out;
}

std::string collapse_space(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (char c : trim(s)) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
        char a = s[i], b = prefix[i];
        if (a >= 'A' && a <= 'Z') a = char(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z') b = char(b - 'A' + 'a');
        if (a != b) return false;
    }
    return true;
}

int indent_of(std::string_view line) {
    int n = 0;
    for (char c : line) {
        if (c == ' ')
            ++n;
        else if (c == '\t')
            n += 4;
        else
            break;
    }
    return n;
}

bool read_text_file(const std::string& path, std::string& out) {
    std::string why;
    return read_regular_file(path, UINT64_MAX, out, why);
}

namespace {

const char* file_type_name(mode_t mode) {
    if (S_ISFIFO(mode)) return "FIFO";
    if (S_ISCHR(mode)) return "character device";
    if (S_ISBLK(mode)) return "block device";
    if (S_ISSOCK(mode)) return "socket";
    if (S_ISDIR(mode)) return "folder";
    return "special file";
}

/// Closes a file descriptor when it goes out of scope.
struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

} // namespace

bool read_regular_file(const std::string& path, uint64_t limit, std::string& out,
                       std::string& why) {
    out.clear();
    Fd f{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)};
    if (f.fd < 0) {
        why = std::string("cannot read: ") + std::strerror(errno);
        return false;
    }
    struct stat st;
    if (::fstat(f.fd, &st) != 0) {
        why = std::string("cannot stat: ") + std::strerror(errno);
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        why = std::string("not a regular file (") + file_type_name(st.st_mode) + ")";
        return false;
    }
    char buf[1 << 16];
    for (;;) {
        ssize_t n = ::read(f.fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            why = std::string("read error: ") + std::strerror(errno);
            return false;
        }
        if (n == 0) return true;
        out.append(buf, size_t(n));
        if (out.size() > limit) {
            why = "larger than the size limit (grew while reading)";
            return false;
        }
    }
}

namespace {

/// Length of the control character at s[i] (C0, DEL, C1 as UTF-8 C2 80..9F,
/// or a bidi control), 0 if none.
size_t control_at(std::string_view s, size_t i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) return 1;
    if (c == 0xC2 && i + 1 < s.size()) {
        auto d = static_cast<unsigned char>(s[i + 1]);
        if (d >= 0x80 && d <= 0x9F) return 2;
    }
    return bidi_control_at(s, i);
}

} // namespace

size_t bidi_control_at(std::string_view s, size_t i) {
    auto at = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0; };
    if (at(0) == 0xD8 && at(1) == 0x9C) return 2; // U+061C ARABIC LETTER MARK
    if (at(0) != 0xE2) return 0;
    unsigned char b = at(1), c = at(2);
    if (b == 0x80 && (c == 0x8E || c == 0x8F)) return 3; // U+200E, U+200F
    if (b == 0x80 && c >= 0xAA && c <= 0xAE) return 3;   // U+202A-U+202E
    if (b == 0x81 && c >= 0xA6 && c <= 0xA9) return 3;   // U+2066-U+2069
    return 0;
}

std::string terminal_safe(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        size_t n = control_at(s, i);
        if (n == 0) {
            out += s[i];
            continue;
        }
        out += "\xEF\xBF\xBD";
        i += n - 1;
    }
    return out;
}

std::string quote_path(std::string_view s) {
    bool plain = true;
    for (size_t i = 0; i < s.size() && plain; ++i)
        plain = control_at(s, i) == 0;
    if (plain) return std::string(s);
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c >= 0x7f) {
            char buf[5];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out += char(c);
        }
    }
    return out + "\"";
}

size_t count_quotes(std::string_view tok) {
    size_t n = std::count(tok.begin(), tok.end(), '"');
    for (std::string_view q : {"\u201c", "\u201d"})
        for (size_t at = tok.find(q); at != std::string_view::npos; at = tok.find(q, at + 1))
            ++n;
    return n;
}

std::string
rewrite_tokens(std::string_view query,
               const std::function<std::string(std::string_view, const TokenQuotes&)>& fn) {
    std::string out;
    bool in_quotes = false;
    size_t i = 0;
    while (i < query.size()) {
        size_t j = std::min(query.find_first_of(" \t", i), query.size());
        std::string_view tok = query.substr(i, j - i);
        size_t quotes = count_quotes(tok);
        TokenQuotes at;
        at.opens_inside = in_quotes;
        at.quoted = in_quotes || quotes > 0;
        if (quotes % 2) in_quotes = !in_quotes;
        at.ends_inside = in_quotes;
        std::string replaced = fn(tok, at);
        out += replaced.empty() ? std::string(tok) : replaced;
        i = std::min(query.find_first_not_of(" \t", j), query.size());
        out += query.substr(j, i - j);
    }
    return out;
}

namespace {

/// The plain letters of a Latin-1 or Latin Extended-A letter with a
/// diacritic (U+00C0-U+017F), or "" for any other character.
std::string_view folded_letter(unsigned ch) {
    // U+00C0..U+00FF, one entry per code point ("" = not a letter to fold).
    static const char* const latin1[64] = {
        "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
        "D", "N", "O", "O", "O", "O", "O",  "",  "O", "U", "U", "U", "U", "Y", "",  "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "",  "y"};
    // U+0100..U+017F: the base letter of each code point (0: a ligature, kept).
    static const char extended[] = "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi"
                                   "\0\0JjKkkLlLlLlLlLlNnNnNnnNnOoOoOo\0\0RrRrRrSsSsSsSsTtTtTt"
                                   "UuUuUuUuUuUuWwYyYZzZzZzs";
    static_assert(sizeof(extended) == 128 + 1, "one letter per code point");
    if (ch >= 0xC0 && ch <= 0xFF) return latin1[ch - 0xC0];
    if (ch >= 0x100 && ch <= 0x17F && extended[ch - 0x100])
        return std::string_view(&extended[ch - 0x100], 1);
    return {};
}

} // namespace

std::string utf8_lower(std::string_view s) {
    std::string out;
    for (Xapian::Utf8Iterator it(s.data(), s.size()); it != Xapian::Utf8Iterator(); ++it)
        Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(*it));
    return out;
}

bool is_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
}

std::string fold_diacritics(std::string_view word) {
    if (is_ascii(word)) return std::string(word); // the usual case: nothing to fold
    std::string out;
    bool changed = false;
    for (Xapian::Utf8Iterator it(word.data(), word.size()); it != Xapian::Utf8Iterator(); ++it) {
        std::string_view f = folded_letter(*it);
        if (!f.empty()) {
            out += f;
            changed = true;
        } else {
            Xapian::Unicode::append_utf8(out, *it);
        }
    }
    return changed ? out : std::string(word);
}

std::string hash_hex(std::string_view data) {
    uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : data) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

std::string size_text(uint64_t bytes) {
    if (bytes >= (1u << 20)) return std::to_string(bytes >> 20) + " MiB";
    if (bytes >= (1u << 10)) return std::to_string(bytes >> 10) + " KiB";
    return std::to_string(bytes) + " bytes";
}

std::string heading_path(const std::vector<std::string>& titles,
                         const std::function<std::string(std::string_view)>& each) {
    std::string out;
    for (const std::string& t : titles) {
        if (!out.empty()) out += kPathSeparator;
        out += each ? each(t) : t;
    }
    return out;
}

} // namespace crib
