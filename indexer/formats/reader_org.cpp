// reader_org.cpp - Emacs org-mode notes.
//
// "** TODO What is X? :k8s:pods:" becomes a level-2 heading "## What is X?"
// tagged k8s and pods; #+begin_src/#+begin_example blocks become fenced code;
// #+KEYWORD lines, drawers (:PROPERTIES: ... :END:), planning lines and
// comments are metadata.  #+TITLE is the document title, #+FILETAGS the
// file's tags.
#include "common/text.hpp"
#include "formats/note_text.hpp"
#include "formats/readers.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace crib {

namespace {

/// "#+KEY: value" -> key (lower case) and value; false if not a keyword line.
bool keyword_line(std::string_view line, std::string& key, std::string_view& value) {
    std::string_view v = ltrim(line);
    if (v.substr(0, 2) != "#+") return false;
    size_t colon = v.find(':');
    size_t space = v.find_first_of(" \t");
    if (colon == std::string_view::npos || (space != std::string_view::npos && space < colon)) {
        key = ascii_lower(v.substr(2, space == std::string_view::npos ? v.size() - 2 : space - 2));
        value = space == std::string_view::npos ? std::string_view{} : trim(v.substr(space));
        return true; // "#+begin_src yaml", "#+end_src"
    }
    key = ascii_lower(v.substr(2, colon - 2));
    value = trim(v.substr(colon + 1));
    return true;
}

/// ":a:b:" -> {"a", "b"}; org's "@" and "#" are kept, "_" too.
std::vector<std::string> tag_list(std::string_view s) {
    std::vector<std::string> tags;
    std::string word;
    for (char c : std::string(s) + ":") {
        if (c == ':' || c == ' ') {
            if (!word.empty()) tags.push_back(ascii_lower(word));
            word.clear();
        } else {
            word += c;
        }
    }
    return tags;
}

/// A drawer start (":PROPERTIES:", ":LOGBOOK:") or end (":END:") line.
bool drawer_line(std::string_view line) {
    std::string_view t = trim(line);
    if (t.size() < 3 || t.front() != ':' || t.back() != ':') return false;
    for (char c : t.substr(1, t.size() - 2))
        if (!(is_alpha(c) || is_digit(c) || c == '_' || c == '-')) return false;
    return true;
}

/// SCHEDULED:/DEADLINE:/CLOSED: lines under a heading.
bool planning_line(std::string_view line) {
    std::string_view t = trim(line);
    for (std::string_view k : {"SCHEDULED:", "DEADLINE:", "CLOSED:"})
        if (t.substr(0, k.size()) == k) return true;
    return false;
}

/// "[[url][desc]]" -> "[desc](url)", "[[url]]" -> "url"; "=x=" and "~x~" -> "`x`".
std::string org_inline(std::string_view s) {
    std::string out;
    size_t last_close = s.rfind("]]"); // no "[[" after it can close: keeps this linear
    for (size_t i = 0; i < s.size(); ++i) {
        if (s.substr(i, 2) == "[[" && last_close != std::string_view::npos && last_close > i) {
            size_t close = s.find("]]", i + 2);
            if (close != std::string_view::npos) {
                std::string_view inner = s.substr(i + 2, close - i - 2);
                size_t mid = inner.find("][");
                if (mid == std::string_view::npos)
                    out += inner;
                else
                    out += "[" + std::string(inner.substr(mid + 2)) + "](" +
                           std::string(inner.substr(0, mid)) + ")";
                i = close + 1;
                continue;
            }
        }
        char c = s[i];
        bool opens =
            (c == '=' || c == '~') &&
            (i == 0 || std::string_view(" \t('\"{").find(s[i - 1]) != std::string_view::npos) &&
            i + 1 < s.size() && !is_space(s[i + 1]);
        if (opens) {
            size_t close = s.find(c, i + 1);
            bool ends =
                close != std::string_view::npos && !is_space(s[close - 1]) &&
                (close + 1 == s.size() ||
                 std::string_view(" \t-.,;:!?')\"}").find(s[close + 1]) != std::string_view::npos);
            if (ends) {
                out += '`';
                out += s.substr(i + 1, close - i - 1);
                out += '`';
                i = close;
                continue;
            }
        }
        out += c;
    }
    return out;
}

/// The parts of a heading line "** TODO [#A] Title :tag1:tag2:".
struct OrgHeading {
    int level = 0;
    std::string title;
    std::vector<std::string> tags;
};

bool parse_heading(std::string_view line, const std::set<std::string, std::less<>>& keywords,
                   OrgHeading& h) {
    size_t stars = 0;
    while (stars < line.size() && line[stars] == '*')
        ++stars;
    if (!stars || stars >= line.size() || !is_space(line[stars])) return false;
    std::string_view rest = trim(line.substr(stars));
    size_t sp = rest.find(' ');
    std::string_view first = rest.substr(0, sp);
    if (keywords.count(first) || first == "COMMENT")
        rest = sp == std::string_view::npos ? std::string_view{} : ltrim(rest.substr(sp));
    if (rest.size() >= 4 && rest.substr(0, 2) == "[#" && rest[3] == ']')
        rest = ltrim(rest.substr(4));
    // Trailing ":tag1:tag2:".
    std::string_view t = rest;
    while (!t.empty() && is_space(t.back()))
        t.remove_suffix(1);
    size_t sep = t.find_last_of(" \t");
    std::string_view last = sep == std::string_view::npos ? t : t.substr(sep + 1);
    if (last.size() >= 3 && last.front() == ':' && last.back() == ':' &&
        last.find(' ') == std::string_view::npos) {
        h.tags = tag_list(last);
        t = sep == std::string_view::npos ? std::string_view{} : trim(t.substr(0, sep));
    }
    h.level = static_cast<int>(stars);
    h.title = org_inline(t);
    return true;
}

/// TODO keywords: the defaults plus those a #+TODO / #+SEQ_TODO / #+TYP_TODO line declares.
std::set<std::string, std::less<>> todo_keywords(const std::vector<std::string_view>& lines) {
    std::set<std::string, std::less<>> kw = {"TODO",    "DONE",      "NEXT",     "WAITING", "HOLD",
                                             "STARTED", "CANCELLED", "CANCELED", "SOMEDAY", "WAIT"};
    for (std::string_view l : lines) {
        std::string key;
        std::string_view value;
        if (!keyword_line(l, key, value) ||
            (key != "todo" && key != "seq_todo" && key != "typ_todo"))
            continue;
        std::string word;
        for (char c : std::string(value) + " ") {
            if (c == ' ' || c == '|') {
                if (!word.empty()) kw.insert(word.substr(0, word.find('(')));
                word.clear();
            } else {
                word += c;
            }
        }
    }
    return kw;
}

/// Reads one org file; a small state machine over its lines.
class OrgReader {
  public:
    explicit OrgReader(std::string_view text)
        : lines_(split_lines(text)), keywords_(todo_keywords(lines_)), last_end_(last_ends(lines_)),
          drawer_end_(drawer_ends()) {}

    Outline run() {
        for (size_t i = 0; i < lines_.size(); ++i)
            line(static_cast<int>(i) + 1, lines_[i]);
        return std::move(out_);
    }

  private:
    void line(int src, std::string_view l) {
        std::string key;
        std::string_view value;
        if (!block_end_.empty()) return block_line(src, l);
        if (ltrim(l).substr(0, 1) != "|") table_rows_ = 0; // any other line ends a table
        OrgHeading h;
        bool heading = parse_heading(l, keywords_, h);
        if (in_drawer_ && !heading) { // a heading always ends a drawer
            in_drawer_ = trim(l) != ":END:" && trim(l) != ":end:";
            return out_.add(src, LineKind::meta, std::string(l));
        }
        in_drawer_ = false;
        if (heading) {
            out_.add(src, LineKind::heading, std::string(h.level, '#') + " " + h.title, h.level);
            out_.lines.back().tags = h.tags;
            return;
        }
        if (keyword_line(l, key, value)) return keyword(src, l, key, value);
        // A drawer needs its :END: before the next heading; else ":word:" is text.
        if (drawer_line(l) && trim(l) != ":END:" && drawer_closes(src)) {
            in_drawer_ = true;
            return out_.add(src, LineKind::meta, std::string(l));
        }
        std::string_view t = ltrim(l);
        if (planning_line(l) || t == "#" || t.substr(0, 2) == "# ")
            return out_.add(src, LineKind::meta, std::string(l));
        size_t len = 0;
        if (is_separator(t, &len) && t[0] == '-' && len >= 5)
            return out_.add(src, LineKind::separator, std::string(l), 0);
        if (t.substr(0, 2) == ": " || t == ":") // fixed-width line
            return out_.add(src, LineKind::code, "    " + std::string(t.substr(1)));
        if (!t.empty() && t[0] == '|') return table_row(src, t);
        out_.add(src, LineKind::text, quote_ + org_inline(l));
    }

    /// An org table row as a Markdown table row, so that --full shows a
    /// table rather than one long line: the first rule ("|----+----|") after
    /// a row becomes the header delimiter ("|---|---|"), other rules are not
    /// text, and a table with no rule gets one after its first row.
    void table_row(int src, std::string_view t) {
        const bool rule =
            t.size() > 1 && t[1] == '-' && t.find_first_not_of("|-+: ") == std::string_view::npos;
        if (table_rows_ == 0) table_delim_ = false;
        if (rule) {
            if (table_rows_ == 0 || table_delim_)
                return out_.add(src, LineKind::meta, std::string(t));
            table_delim_ = true;
            return out_.add(src, LineKind::text, delimiter_row());
        }
        if (table_rows_ == 1 && !table_delim_) {
            table_delim_ = true;
            out_.add(src, LineKind::text, delimiter_row());
        }
        std::string row = org_inline(t);
        table_cols_ = std::max<size_t>(1, std::count(row.begin(), row.end(), '|') -
                                              (ends_with(trim(row), "|") ? 1 : 0));
        ++table_rows_;
        out_.add(src, LineKind::text, quote_ + row);
    }

    std::string delimiter_row() const {
        std::string d = quote_ + "|";
        for (size_t c = 0; c < table_cols_; ++c)
            d += "---|";
        return d;
    }

    void keyword(int src, std::string_view l, const std::string& key, std::string_view value) {
        if (key == "title")
            out_.title = org_inline(value);
        else if (key == "filetags") {
            auto tags = tag_list(value);
            out_.file_tags.insert(out_.file_tags.end(), tags.begin(), tags.end());
        }
        if (key.rfind("begin_", 0) == 0 && has_end(src, "end_" + key.substr(6))) {
            std::string kind = key.substr(6);
            block_end_ = "end_" + kind;
            verbatim_ = kind == "src" || kind == "example" || kind == "export" || kind == "verse";
            if (verbatim_) {
                std::string lang(value.substr(0, value.find(' ')));
                return out_.add(src, LineKind::code,
                                "```" + (kind == "src" ? lang : std::string()));
            }
            quote_ = kind == "quote" ? "> " : "";
        }
        out_.add(src, LineKind::meta, std::string(l));
    }

    /// True if an ":END:" line follows line `src` before the next heading.
    bool drawer_closes(int src) const {
        return static_cast<size_t>(src) < drawer_end_.size() && drawer_end_[src] != 0;
    }

    /// Per line: 1 if an ":END:" comes after it before the next heading (one backward pass).
    std::vector<char> drawer_ends() const {
        std::vector<char> out(lines_.size() + 1, 0);
        char seen = 0;
        OrgHeading h;
        for (size_t k = lines_.size(); k-- > 0;) {
            out[k + 1] = seen; // for the line before k+1, i.e. "after line k"
            std::string_view t = trim(lines_[k]);
            if (t == ":END:" || t == ":end:")
                seen = 1;
            else if (!lines_[k].empty() && lines_[k][0] == '*' &&
                     parse_heading(lines_[k], keywords_, h))
                seen = 0;
        }
        out[0] = seen;
        return out;
    }

    /// True if an "#+end_..." line follows line `src` (an unterminated block is text, as in org).
    bool has_end(int src, const std::string& end) const {
        auto it = last_end_.find(end);
        return it != last_end_.end() && it->second >= src; // 0-based index past line src-1
    }

    /// Last line index of each "#+end_..." keyword (one pass, so has_end is cheap).
    static std::map<std::string, int, std::less<>>
    last_ends(const std::vector<std::string_view>& lines) {
        std::map<std::string, int, std::less<>> out;
        for (size_t k = 0; k < lines.size(); ++k) {
            std::string key;
            std::string_view value;
            if (keyword_line(lines[k], key, value) && key.rfind("end_", 0) == 0)
                out[key] = static_cast<int>(k);
        }
        return out;
    }

    void block_line(int src, std::string_view l) {
        std::string key;
        std::string_view value;
        if (keyword_line(l, key, value) && key == block_end_) {
            block_end_.clear();
            quote_.clear();
            return out_.add(src, verbatim_ ? LineKind::code : LineKind::meta,
                            verbatim_ ? "```" : std::string(l));
        }
        if (!verbatim_) return out_.add(src, LineKind::text, quote_ + org_inline(l));
        // Inside src blocks org escapes leading '*' and '#+' with a comma.
        std::string_view t = ltrim(l);
        std::string code(l);
        if (t.size() >= 2 && t[0] == ',' && (t[1] == '*' || t.substr(1, 2) == "#+"))
            code.erase(l.size() - t.size(), 1);
        out_.add(src, LineKind::code, std::move(code));
    }

    std::vector<std::string_view> lines_;
    std::set<std::string, std::less<>> keywords_;
    std::map<std::string, int, std::less<>> last_end_;
    std::vector<char> drawer_end_; ///< see drawer_ends()
    Outline out_;
    std::string block_end_; ///< "end_src" while inside a block
    bool verbatim_ = false; ///< the block is code (src, example)
    bool in_drawer_ = false;
    std::string quote_;        ///< "> " inside a quote block
    int table_rows_ = 0;       ///< rows of the table being read (0: not in a table)
    bool table_delim_ = false; ///< its header delimiter is written
    size_t table_cols_ = 1;    ///< cells in its last row
};

} // namespace

Outline read_org(std::string_view text) {
    return OrgReader(text).run();
}

} // namespace crib
