// reader_rst.cpp - reStructuredText notes.
//
// Titles are lines under (and optionally over) a line of one punctuation
// character; levels follow the order in which adornment styles first appear.
// A paragraph ending in "::" and code-block directives introduce indented
// literal blocks (fenced code in the outline); admonitions (note, warning,
// tip...) stay as text; comments, targets, images and the docinfo field list
// are metadata.
#include "common/text.hpp"
#include "formats/note_text.hpp"
#include "formats/readers.hpp"

namespace crib {

namespace {

/// ".. name:: argument" -> name and argument; false if not a directive.
bool directive(std::string_view line, std::string& name, std::string_view& arg) {
    std::string_view t = ltrim(line);
    if (t.substr(0, 3) != ".. ") return false;
    size_t colons = t.find("::", 3);
    if (colons == std::string_view::npos) return false;
    std::string_view n = t.substr(3, colons - 3);
    if (n.empty() || n.find(' ') != std::string_view::npos || n[0] == '_' || n[0] == '|' ||
        n[0] == '[')
        return false;
    name = ascii_lower(n);
    arg = trim(t.substr(colons + 2));
    return true;
}

/// "``code``" -> "`code`", ":role:`x`" -> "`x`", "`text <url>`_" -> "text".
std::string rst_inline(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s.substr(i, 2) == "``") {
            size_t close = s.find("``", i + 2);
            if (close != std::string_view::npos) {
                out += "`" + std::string(s.substr(i + 2, close - i - 2)) + "`";
                i = close + 1;
                continue;
            }
        }
        if (s[i] == ':' && i + 1 < s.size() && is_alpha(s[i + 1])) { // :role:`x`
            size_t j = i + 1;
            while (j < s.size() && (is_alpha(s[j]) || s[j] == '-' || s[j] == ':'))
                ++j;
            if (j < s.size() && s[j] == '`' && s[j - 1] == ':') {
                i = j - 1;
                continue;
            }
        }
        if (s[i] == '`') {
            size_t close = s.find('`', i + 1);
            if (close != std::string_view::npos) {
                std::string_view inner = s.substr(i + 1, close - i - 1);
                size_t lt = inner.rfind(" <");
                if (lt != std::string_view::npos && inner.back() == '>')
                    inner = inner.substr(0, lt);
                bool link = close + 1 < s.size() && s[close + 1] == '_';
                out += link ? std::string(inner) : "`" + std::string(inner) + "`";
                i = close + (link ? 1 : 0);
                while (link && i + 1 < s.size() && s[i + 1] == '_')
                    ++i;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

/// Reads one reST file.
class RstReader {
  public:
    explicit RstReader(std::string_view text) : lines_(split_lines(text)) {}

    Outline run() {
        std::vector<bool> code = literal_blocks();
        std::vector<int> titles = underlined_titles(lines_, code, {.rst = true});
        for (int i = 0; i < n(); ++i) {
            std::string_view l = lines_[i];
            if (!code[i]) close_code();
            if (code[i])
                emit_code(i);
            else if (titles[i] > 0)
                out_.add(i + 1, LineKind::heading,
                         std::string(titles[i], '#') + " " + rst_inline(trim(l)), titles[i]);
            else if (titles[i] < 0)
                out_.add(i + 1, LineKind::underline, std::string(l));
            else
                text_line(i);
        }
        close_code();
        return std::move(out_);
    }

  private:
    int n() const { return static_cast<int>(lines_.size()); }
    bool blank(int i) const { return i < 0 || i >= n() || trim(lines_[i]).empty(); }

    /// Lines of literal blocks: after a "::" paragraph or a code directive,
    /// the following more-indented lines (blank lines inside included).
    std::vector<bool> literal_blocks() {
        std::vector<bool> code(lines_.size(), false);
        lang_.assign(lines_.size(), "");
        block_indent_.assign(lines_.size(), 0);
        for (int i = 0; i < n(); ++i) {
            std::string name;
            std::string_view arg;
            bool dir = directive(lines_[i], name, arg);
            bool is_code = dir && (name == "code-block" || name == "code" || name == "sourcecode");
            bool literal = !dir && !blank(i) && ends_with(trim(lines_[i]), "::");
            if (!is_code && !literal) continue;
            int base = indent_of(lines_[i]), k = i + 1;
            while (k < n() && !blank(k) && is_code && trim(lines_[k])[0] == ':')
                ++k; // directive options
            int first = -1, last = -1;
            for (; k < n(); ++k) {
                if (blank(k)) continue;
                if (indent_of(lines_[k]) <= base) break;
                if (first < 0) first = k;
                last = k;
            }
            if (first < 0) continue;
            for (int j = first; j <= last; ++j)
                code[j] = true;
            lang_[first] = is_code ? std::string(arg) : "";
            for (int j = first; j <= last; ++j)
                block_indent_[j] = indent_of(lines_[first]);
            i = last;
        }
        return code;
    }

    void emit_code(int i) {
        if (!in_code_) {
            out_.add(i + 1, LineKind::code, "```" + lang_[i]);
            in_code_ = true;
        }
        std::string_view l = lines_[i];
        size_t cut = std::min<size_t>(block_indent_[i], l.size() - ltrim(l).size());
        out_.add(i + 1, LineKind::code, std::string(l.substr(cut)));
        last_code_ = i;
    }

    void close_code() {
        if (!in_code_) return;
        out_.add(last_code_ + 1, LineKind::code, "```");
        in_code_ = false;
    }

    void text_line(int i) {
        std::string_view l = lines_[i];
        close_code();
        std::string name;
        std::string_view arg;
        std::string_view t = ltrim(l);
        size_t len = 0;
        if (directive(l, name, arg)) {
            // A code directive's language goes into the fence of its block
            // (literal_blocks()); the directive line and its options are not text.
            if (name == "image" || name == "figure" || name == "toctree" || name == "contents" ||
                name == "meta" || name == "include" || name == "raw" || name == "index" ||
                name == "code-block" || name == "code" || name == "sourcecode") {
                meta_indent_ = indent_of(l);
                return out_.add(i + 1, LineKind::meta, std::string(l));
            }
            meta_indent_ = -1;
            std::string label(name);
            label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
            return out_.add(i + 1, LineKind::text, "**" + label + ":** " + rst_inline(arg));
        }
        if (meta_indent_ >= 0 && !blank(i) && indent_of(l) > meta_indent_) {
            // A code block's ":caption: Listing pods" says what the code does: text.
            std::string_view opt = trim(l);
            if (opt.substr(0, 9) == ":caption:")
                return out_.add(i + 1, LineKind::text, rst_inline(trim(opt.substr(9))));
            return out_.add(i + 1, LineKind::meta, std::string(l));
        }
        if (!blank(i)) meta_indent_ = -1;
        if (t.substr(0, 2) == ".." && (t.size() == 2 || t[2] == ' ')) { // comment or target
            meta_indent_ = indent_of(l);
            return out_.add(i + 1, LineKind::meta, std::string(l));
        }
        if (indent_of(l) == 0 && t.size() > 2 && t[0] == ':' &&
            t.find(": ", 1) != std::string_view::npos &&
            !seen_text_) // docinfo field list (":Author: me")
            return out_.add(i + 1, LineKind::meta, std::string(l));
        if (is_separator(t, &len) && blank(i - 1) && blank(i + 1))
            return out_.add(i + 1, LineKind::separator, std::string(l), 0);
        std::string text = rst_inline(l);
        if (ends_with(trim(text), "::")) { // "Example::" -> "Example:", a lone "::" vanishes
            std::string_view tt = trim(text);
            text = tt == "::" ? "" : std::string(tt.substr(0, tt.size() - 1));
        }
        if (!blank(i)) seen_text_ = true;
        out_.add(i + 1, LineKind::text, std::move(text));
    }

    std::vector<std::string_view> lines_;
    std::vector<std::string> lang_;
    std::vector<int> block_indent_;
    Outline out_;
    bool in_code_ = false;
    int last_code_ = 0;
    int meta_indent_ = -1; ///< inside a metadata directive's indented body
    bool seen_text_ = false;
};

} // namespace

Outline read_rst(std::string_view text) {
    return RstReader(text).run();
}

} // namespace crib
