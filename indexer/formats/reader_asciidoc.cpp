// reader_asciidoc.cpp - AsciiDoc notes.
//
// "= Title" is the document title (level 1), "== Section" level 2 and so on;
// ---- listing, .... literal and ``` blocks are code; ____ quotes are quoted
// text; //// comments, :attribute: lines, [source,lang] and other block
// attribute lines are metadata.  "* item" / "** nested" lists and ". step"
// lists become Markdown lists, nested where the marker changes ("." items
// under a "*" item); "Term:: answer" and "What is X?::" description-list
// entries become terms (the question) and the answer lines under them;
// "NOTE: x" becomes "**Note:** x".
#include "common/text.hpp"
#include "formats/note_text.hpp"
#include "formats/readers.hpp"

#include <map>

namespace crib {

namespace {

/// A delimiter line: 4 or more of one of - . _ = * + / (or ``` exactly).
char delimiter(std::string_view line) {
    std::string_view t = line;
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t'))
        t.remove_suffix(1);
    if (t == "```" || t.substr(0, 3) == "```") return '`';
    if (t.size() < 4) return 0;
    char c = t[0];
    if (std::string_view("-._=*+/").find(c) == std::string_view::npos) return 0;
    for (char d : t)
        if (d != c) return 0;
    return c;
}

/// "== Title" -> level 2 (1..6), 0 if not a section title.
int title_level(std::string_view line) {
    size_t k = 0;
    while (k < line.size() && (line[k] == '=' || line[k] == '#'))
        ++k;
    if (k == 0 || k > 6 || k >= line.size() || !is_space(line[k])) return 0;
    for (size_t j = 1; j < k; ++j)
        if (line[j] != line[0]) return 0;
    return static_cast<int>(k);
}

/// ":name: value" / ":name!:" attribute entry.
bool attribute_line(std::string_view line, std::string& name, std::string_view& value) {
    if (line.size() < 3 || line[0] != ':') return false;
    size_t close = line.find(':', 1);
    if (close == std::string_view::npos || close == 1) return false;
    std::string_view n = line.substr(1, close - 1);
    for (char c : n)
        if (!(is_alpha(c) || is_digit(c) || c == '-' || c == '_' || c == '!')) return false;
    if (close + 1 < line.size() && !is_space(line[close + 1])) return false;
    name = ascii_lower(n);
    value = trim(line.substr(close + 1));
    return true;
}

/// "[source,bash]" -> "bash"; other block attribute lines -> "".
std::string source_language(std::string_view attr) {
    std::string low = ascii_lower(attr);
    if (low.rfind("[source", 0) != 0) return "";
    size_t comma = low.find(',');
    if (comma == std::string::npos) return "";
    std::string lang = low.substr(comma + 1);
    lang = lang.substr(0, lang.find_first_of(",]"));
    return std::string(trim(lang));
}

/// "* x" / "** x" / ". x" / "- x": the marker ("*", "**", ".") and the text; false if none.
bool list_marker(std::string_view l, std::string& marker, std::string_view& text) {
    size_t k = 0;
    char c = l.empty() ? 0 : l[0];
    if (c != '*' && c != '.' && c != '-') return false;
    while (k < l.size() && l[k] == c)
        ++k;
    if (k >= l.size() || !is_space(l[k]) || (c == '-' && k > 1)) return false;
    marker = std::string(l.substr(0, k));
    text = ltrim(l.substr(k));
    return true;
}

/// "Term:: answer" / "What is X?::" (also ":::", "::::", ";;"): the term, its
/// depth (1 for "::") and the inline answer; false if the line is not one.
bool description_term(std::string_view l, std::string_view& term, int& depth,
                      std::string_view& rest) {
    if (l.empty() || is_space(l[0]) || l.substr(0, 2) == "//") return false;
    for (size_t at = l.find_first_of(":;"); at != std::string_view::npos;
         at = l.find_first_of(":;", at + 1)) {
        char c = l[at];
        size_t e = at;
        while (e < l.size() && l[e] == c)
            ++e;
        size_t n = e - at;
        bool ok = c == ':' ? n >= 2 && n <= 4 : n == 2;
        if (ok && at > 0 && !is_space(l[at - 1]) && (e == l.size() || is_space(l[e]))) {
            term = trim(l.substr(0, at));
            if (term.find("://") != std::string_view::npos) return false; // a URL
            depth = c == ':' ? static_cast<int>(n) - 1 : 1;
            rest = trim(l.substr(e));
            return !term.empty();
        }
        at = e - 1;
    }
    return false;
}

/// "NOTE: x" -> "**Note:** x".
std::string admonition(std::string_view l) {
    for (std::string_view a : {"NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"})
        if (l.substr(0, a.size()) == a && l.substr(a.size(), 2) == ": ") {
            std::string label(a.substr(0, 1));
            label += ascii_lower(a.substr(1));
            return "**" + label + ":** " + std::string(l.substr(a.size() + 2));
        }
    return std::string(l);
}

/// Nesting of AsciiDoc lists: a marker not seen in the current list ("." after
/// "*") starts a nested list; a marker seen before returns to its level.
/// Renders items as Markdown lists indented under their parents.
class ListNesting {
  public:
    /// Markdown for an item with `marker`.
    std::string item(const std::string& marker, std::string_view text) {
        size_t d = 0;
        while (d < markers_.size() && markers_[d] != marker)
            ++d;
        markers_.resize(d);
        columns_.resize(d);
        int col = d == 0 ? 0 : columns_[d - 1] + (markers_[d - 1][0] == '.' ? 3 : 2);
        markers_.push_back(marker);
        columns_.push_back(col);
        return std::string(col, ' ') + (marker[0] == '.' ? "1. " : "- ") + std::string(text);
    }
    /// Column where the text of the innermost item starts (0 outside lists).
    int body_column() const {
        return markers_.empty() ? 0 : columns_.back() + (markers_.back()[0] == '.' ? 3 : 2);
    }
    void end() {
        markers_.clear();
        columns_.clear();
    }
    bool open() const { return !markers_.empty(); }

  private:
    std::vector<std::string> markers_;
    std::vector<int> columns_;
};

/// Reads one AsciiDoc file.
class AsciidocReader {
  public:
    explicit AsciidocReader(std::string_view text)
        : lines_(split_lines(text)), last_delim_(last_delimiters(lines_)) {}

    Outline run() {
        for (size_t i = 0; i < lines_.size(); ++i)
            line(static_cast<int>(i) + 1, lines_[i]);
        return std::move(out_);
    }

  private:
    void line(int src, std::string_view l) {
        char d = delimiter(l);
        if (open_) return inside(src, l, d);
        if (d && closes(src, l, d)) return open_block(src, l, d);
        std::string name;
        std::string_view value;
        std::string_view t = trim(l);
        if (attribute_line(l, name, value)) {
            if (name == "tags" || name == "keywords") add_tags(value);
            return out_.add(src, LineKind::meta, std::string(l));
        }
        if (l.substr(0, 2) == "//" || (t.size() >= 2 && t.front() == '[' && t.back() == ']')) {
            if (t.front() == '[') lang_ = source_language(t);
            return out_.add(src, LineKind::meta, std::string(l));
        }
        if (int level = title_level(l)) {
            lists_.end();
            in_term_ = false;
            return out_.add(src, LineKind::heading,
                            std::string(level, '#') + " " + std::string(trim(l.substr(level))),
                            level);
        }
        if (t == "'''" || t == "---" || t == "***")
            return out_.add(src, LineKind::separator, std::string(l), 0);
        if (t.size() > 1 && t[0] == '.' && !is_space(t[1]) && t[1] != '.') // block title ".Example"
            return out_.add(src, LineKind::text, "**" + std::string(t.substr(1)) + "**");
        text_line(src, l);
    }

    /// A list item, a description term, a line of a term's answer, or prose.
    void text_line(int src, std::string_view l) {
        std::string marker;
        std::string_view text, term, rest;
        int depth = 0;
        if (trim(l).empty()) {
            blank_ = true;
            return out_.add(src, LineKind::text, "");
        }
        bool after_blank = blank_;
        blank_ = false;
        if (list_marker(l, marker, text)) {
            in_term_ = false;
            return out_.add(src, LineKind::text, lists_.item(marker, text));
        }
        if (description_term(l, term, depth, rest)) {
            lists_.end();
            in_term_ = true;
            out_.add(src, LineKind::term, "**" + std::string(term) + "**", depth);
            if (!rest.empty()) out_.add(src, LineKind::text, admonition(rest));
            return;
        }
        if (trim(l) == "+") return out_.add(src, LineKind::text, ""); // list continuation
        if (in_term_ && !after_blank)                                 // the answer under a term
            return out_.add(src, LineKind::text, admonition(trim(l)));
        if (after_blank || !lists_.open()) {
            lists_.end();
            in_term_ = false;
            return out_.add(src, LineKind::text, admonition(l));
        }
        // A line right below an item continues it.
        out_.add(src, LineKind::text,
                 std::string(lists_.body_column(), ' ') + std::string(trim(l)));
    }

    /// True if a matching delimiter follows line `src` (else the line is text).
    bool closes(int src, std::string_view l, char d) const {
        auto it = last_delim_.find({d, d == '`' ? 3 : trim(l).size()});
        return it != last_delim_.end() && it->second >= src; // 0-based index past line src-1
    }

    /// Last line index of each delimiter (character, length): one pass, so closes() is cheap.
    static std::map<std::pair<char, size_t>, int>
    last_delimiters(const std::vector<std::string_view>& lines) {
        std::map<std::pair<char, size_t>, int> out;
        for (size_t k = 0; k < lines.size(); ++k)
            if (char d = delimiter(lines[k]))
                if (d != '`' || trim(lines[k]) == "```")
                    out[{d, d == '`' ? 3 : trim(lines[k]).size()}] = static_cast<int>(k);
        return out;
    }

    void open_block(int src, std::string_view l, char d) {
        open_ = d;
        open_len_ = trim(l).size();
        if (d == '-' || d == '.' || d == '`' || d == '+') {
            code_ = true;
            out_.add(src, LineKind::code,
                     "```" + (d == '`' ? std::string(trim(l).substr(3)) : lang_));
        } else {
            code_ = false;
            out_.add(src, LineKind::meta, std::string(l));
        }
        lang_.clear();
    }

    void inside(int src, std::string_view l, char d) {
        if (d == open_ && (d == '`' ? trim(l) == "```" : trim(l).size() == open_len_)) {
            out_.add(src, code_ ? LineKind::code : LineKind::meta, code_ ? "```" : std::string(l));
            open_ = 0;
            return;
        }
        if (code_) return out_.add(src, LineKind::code, std::string(l));
        if (open_ == '/') return out_.add(src, LineKind::meta, std::string(l));
        std::string marker;
        std::string_view text;
        std::string md = list_marker(l, marker, text) ? lists_.item(marker, text) : admonition(l);
        out_.add(src, LineKind::text, (open_ == '_' ? "> " : "") + md);
    }

    void add_tags(std::string_view value) {
        std::string word;
        for (char c : std::string(value) + ",") {
            if (c == ',' || c == ' ') {
                if (!word.empty()) out_.file_tags.push_back(ascii_lower(word));
                word.clear();
            } else {
                word += c;
            }
        }
    }

    std::vector<std::string_view> lines_;
    std::map<std::pair<char, size_t>, int> last_delim_;
    Outline out_;
    char open_ = 0;        ///< delimiter character of the open block, 0 if none
    size_t open_len_ = 0;  ///< its length (the closing line must match)
    bool code_ = false;    ///< the open block is verbatim
    std::string lang_;     ///< language from the last [source,lang] line
    ListNesting lists_;    ///< the list the last items belong to
    bool blank_ = false;   ///< the last text line was blank
    bool in_term_ = false; ///< lines after a description term are its answer
};

} // namespace

Outline read_asciidoc(std::string_view text) {
    return AsciidocReader(text).run();
}

} // namespace crib
