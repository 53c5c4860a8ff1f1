// reader_ipynb.cpp - Jupyter notebooks.
//
// The notebook JSON is parsed with a small parser that remembers the file
// line of every string, so a passage's line points into the .ipynb file (the
// line holding the cell's source text), as grep would show it.  Markdown cells
// go through the Markdown reader; code cells become fenced code, except that a
// cell written mostly as '#' comments (questions and answers kept as comments)
// gives its comment lines as LineKind::comment; outputs are not notes and are
// skipped.
#include "common/text.hpp"
#include "formats/note_text.hpp"
#include "formats/readers.hpp"

#include <algorithm>
#include <memory>
#include <utility>

namespace crib {

namespace {

/// A parsed JSON value; strings keep the 1-based line they start on.
struct JValue {
    enum Type { null, boolean, number, string, array, object } type = null;
    std::string str;
    int line = 0;
    std::vector<JValue> items;     ///< array elements
    std::vector<std::string> keys; ///< object member names...
    std::vector<JValue>
        values; ///< ...and values (vector of an incomplete type is fine, pair is not)

    const JValue* get(std::string_view key) const {
        for (size_t i = 0; i < keys.size(); ++i)
            if (keys[i] == key) return &values[i];
        return nullptr;
    }
};

/// Recursive-descent JSON parser with a depth limit (hostile input cannot
/// exhaust the stack); throws std::runtime_error on malformed input.
class JsonParser {
  public:
    explicit JsonParser(std::string_view s) : s_(s) {}

    JValue parse() {
        JValue v = value(0);
        space();
        if (i_ != s_.size()) fail("trailing data");
        return v;
    }

  private:
    [[noreturn]] void fail(const char* what) {
        throw std::runtime_error(std::string(what) + " at line " + std::to_string(line_));
    }

    void space() {
        while (i_ < s_.size() &&
               (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
            if (s_[i_++] == '\n') ++line_;
    }

    JValue value(int depth) {
        if (depth > 64) fail("nesting too deep");
        space();
        if (i_ >= s_.size()) fail("unexpected end");
        JValue v;
        v.line = line_;
        char c = s_[i_];
        if (c == '{') {
            v.type = JValue::object;
            ++i_;
            space();
            if (i_ < s_.size() && s_[i_] == '}') return ++i_, v;
            for (;;) {
                space();
                if (i_ >= s_.size() || s_[i_] != '"') fail("expected a key");
                std::string key = string();
                space();
                if (i_ >= s_.size() || s_[i_++] != ':') fail("expected ':'");
                v.keys.push_back(std::move(key));
                v.values.push_back(value(depth + 1));
                space();
                if (i_ < s_.size() && s_[i_] == ',') {
                    ++i_;
                    continue;
                }
                if (i_ < s_.size() && s_[i_] == '}') {
                    ++i_;
                    return v;
                }
                fail("expected ',' or '}'");
            }
        }
        if (c == '[') {
            v.type = JValue::array;
            ++i_;
            space();
            if (i_ < s_.size() && s_[i_] == ']') return ++i_, v;
            for (;;) {
                v.items.push_back(value(depth + 1));
                space();
                if (i_ < s_.size() && s_[i_] == ',') {
                    ++i_;
                    continue;
                }
                if (i_ < s_.size() && s_[i_] == ']') {
                    ++i_;
                    return v;
                }
                fail("expected ',' or ']'");
            }
        }
        if (c == '"') {
            v.type = JValue::string;
            v.str = string();
            return v;
        }
        for (std::string_view word : {"null", "true", "false"})
            if (s_.substr(i_, word.size()) == word) {
                v.type = word == "null" ? JValue::null : JValue::boolean;
                i_ += word.size();
                return v;
            }
        size_t start = i_;
        while (i_ < s_.size() &&
               std::string_view("+-.0123456789eE").find(s_[i_]) != std::string_view::npos)
            ++i_;
        if (i_ == start) fail("unexpected character");
        v.type = JValue::number;
        v.str = std::string(s_.substr(start, i_ - start));
        return v;
    }

    unsigned hex4() {
        if (i_ + 4 > s_.size()) fail("bad \\u escape");
        unsigned u = 0;
        for (int k = 0; k < 4; ++k) {
            char h = s_[i_++];
            u <<= 4;
            if (h >= '0' && h <= '9')
                u |= unsigned(h - '0');
            else if (h >= 'a' && h <= 'f')
                u |= unsigned(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
                u |= unsigned(h - 'A' + 10);
            else
                fail("bad \\u escape");
        }
        return u;
    }

    std::string string() {
        ++i_; // opening quote
        std::string out;
        while (i_ < s_.size() && s_[i_] != '"') {
            char c = s_[i_++];
            if (c == '\n') ++line_;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (i_ >= s_.size()) break;
            char e = s_[i_++];
            switch (e) {
            case 'n':
                out += '\n';
                break;
            case 't':
                out += '\t';
                break;
            case 'r':
                out += '\r';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'u': {
                unsigned cp = hex4();
                if (cp >= 0xD800 && cp < 0xDC00 && s_.substr(i_, 2) == "\\u") {
                    i_ += 2;
                    unsigned lo = hex4();
                    cp = (lo >= 0xDC00 && lo < 0xE000)
                             ? 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
                             : 0xFFFD;
                } else if (cp >= 0xD800 && cp < 0xE000) {
                    cp = 0xFFFD;
                }
                append_utf8(out, cp);
                break;
            }
            default:
                out += e;
            }
        }
        if (i_ >= s_.size()) fail("unterminated string");
        ++i_;
        return out;
    }

    std::string_view s_;
    size_t i_ = 0;
    int line_ = 1;
};

/// A cell's source as text plus the file line of each of its lines.
std::pair<std::string, std::vector<int>> cell_source(const JValue& source) {
    std::string text;
    std::vector<int> lines;
    // Each line of the joined text maps to the JSON line of the string it
    // starts in (empty strings start no line; a string without '\n' continues
    // into the next one).
    bool line_start = true;
    auto add = [&](const JValue& s) {
        if (s.type != JValue::string) return;
        text += s.str;
        for (char c : s.str) {
            if (line_start) lines.push_back(s.line);
            line_start = c == '\n';
        }
    };
    if (source.type == JValue::array)
        for (const JValue& s : source.items)
            add(s);
    else
        add(source);
    return {text, lines};
}

/// Tags in a cell's metadata ({"tags": ["a", "b"]}).
std::vector<std::string> cell_tags(const JValue& cell) {
    std::vector<std::string> tags;
    const JValue* meta = cell.get("metadata");
    const JValue* t = meta ? meta->get("tags") : nullptr;
    if (t && t->type == JValue::array)
        for (const JValue& v : t->items)
            if (v.type == JValue::string) tags.push_back(ascii_lower(v.str));
    return tags;
}

/// A '#' comment line ("# 1. Why ...?", "    # Answer: ..."), not "#!" or "#%%".
bool comment_line(std::string_view l) {
    std::string_view t = ltrim(l);
    return !t.empty() && t[0] == '#' && t.substr(0, 2) != "#!" && t.substr(0, 3) != "#%%";
}

/// True if the cell's language comments with '#' and most of its non-blank
/// lines are comments: prose written in a code cell (questions and answers as
/// comments, a coding prompt above commented-out code).
bool prose_in_comments(const std::vector<std::string_view>& lines, const std::string& lang) {
    static const std::vector<std::string> hash = {"python", "r", "julia", "bash", "ruby", "perl"};
    if (std::find(hash.begin(), hash.end(), ascii_lower(lang)) == hash.end()) return false;
    int comments = 0, other = 0;
    for (std::string_view l : lines)
        if (!trim(l).empty()) ++(comment_line(l) ? comments : other);
    return comments > other;
}

/// Lines [from, to) of a cell as one fenced block.
void add_fenced(Outline& out, const std::vector<std::string_view>& lines, size_t from, size_t to,
                const std::vector<int>& src, const std::string& lang) {
    auto at = [&](size_t i) { return src.empty() ? 1 : i < src.size() ? src[i] : src.back(); };
    out.add(at(from), LineKind::code, "```" + lang);
    for (size_t i = from; i < to; ++i)
        out.add(at(i), LineKind::code, std::string(lines[i]));
    out.add(at(to - 1), LineKind::code, "```");
}

/// A code cell: fenced code, except in a cell of prose written as comments,
/// whose comment lines become LineKind::comment (text without the '#') between
/// fenced runs of the remaining code.
void add_code_cell(Outline& out, const std::string& text, const std::vector<int>& src,
                   const std::string& lang) {
    if (trim(text).empty()) return;
    std::vector<std::string_view> lines = split_lines(text);
    if (!prose_in_comments(lines, lang)) return add_fenced(out, lines, 0, lines.size(), src, lang);
    auto at = [&](size_t i) { return src.empty() ? 1 : i < src.size() ? src[i] : src.back(); };
    for (size_t i = 0; i < lines.size();) {
        if (comment_line(lines[i])) {
            std::string_view t = ltrim(lines[i]).substr(1);
            out.add(at(i), LineKind::comment, std::string(trim(t)));
            ++i;
            continue;
        }
        size_t j = i;
        while (j < lines.size() && !comment_line(lines[j]))
            ++j;
        size_t e = j; // blank lines after the code are not code
        while (e > i && trim(lines[e - 1]).empty())
            --e;
        if (e > i) add_fenced(out, lines, i, e, src, lang);
        for (size_t k = e; k < j; ++k)
            out.add(at(k), LineKind::text, "");
        i = j;
    }
}

} // namespace

Outline read_ipynb(std::string_view text) {
    Outline out;
    JValue nb;
    try {
        nb = JsonParser(text).parse();
    } catch (const std::exception& e) {
        out.warnings.push_back(std::string("not a valid notebook: ") + e.what());
        return out;
    }
    const JValue* cells = nb.get("cells");
    if (!cells || cells->type != JValue::array) {
        out.warnings.push_back("not a notebook: no \"cells\" list");
        return out;
    }
    std::string lang = "python";
    const JValue* meta = nb.get("metadata");
    const JValue* ks = meta ? meta->get("kernelspec") : nullptr;
    const JValue* kl = ks ? ks->get("language") : nullptr;
    if (kl && kl->type == JValue::string) lang = kl->str;
    for (const JValue& cell : cells->items) {
        const JValue* type = cell.get("cell_type");
        const JValue* source = cell.get("source");
        if (!type || !source || type->type != JValue::string) continue;
        auto [src_text, src_lines] = cell_source(*source);
        size_t first = out.lines.size();
        if (type->str == "markdown")
            append_markdown(out, src_text + "\n", src_lines);
        else if (type->str == "code")
            add_code_cell(out, src_text, src_lines, lang);
        if (out.lines.size() > first) {
            std::vector<std::string> tags = cell_tags(cell);
            out.lines[first].tags.insert(out.lines[first].tags.end(), tags.begin(), tags.end());
            out.add(out.lines.back().source_line, LineKind::text, ""); // cells are separate blocks
        }
    }
    return out;
}

} // namespace crib
