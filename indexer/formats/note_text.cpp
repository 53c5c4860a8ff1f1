#include "formats/note_text.hpp"

#include "common/text.hpp"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace crib {

// ---------------------------------------------------------------------------
// Small text helpers (no std::regex: a 100 KB line must stay linear).

std::string_view ltrim(std::string_view s) {
    while (!s.empty() && is_space(s.front()))
        s.remove_prefix(1);
    return s;
}

bool ends_with(std::string_view s, std::string_view suf) {
    return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf;
}

/// True if the string holds at least one letter or digit (any script).
bool has_word_char(std::string_view s) {
    for (Xapian::Utf8Iterator it(s.data(), s.size()); it != Xapian::Utf8Iterator(); ++it)
        if (Xapian::Unicode::is_wordchar(*it)) return true;
    return false;
}

/// Remove HTML tags ("<b>", "</summary>", "<a href=..>", "<!-- -->"), keep the text between.
namespace {

/// The next position of one character at or after a position that only grows:
/// each search is done once, so scanning a line with it stays linear.
class NextOf {
  public:
    NextOf(std::string_view s, char c) : s_(s), c_(c) {}
    size_t from(size_t pos) {
        if (!searched_ || (at_ != std::string_view::npos && at_ < pos)) {
            at_ = s_.find(c_, pos);
            searched_ = true;
        }
        return at_;
    }

  private:
    std::string_view s_;
    char c_;
    size_t at_ = std::string_view::npos;
    bool searched_ = false;
};

/// The bytes a pass rewrites, as a table (copy_run()).
using Specials = std::array<bool, 256>;

/// The table of the bytes of `set`.
constexpr Specials specials_of(std::string_view set) {
    Specials t{};
    for (char c : set)
        t[static_cast<unsigned char>(c)] = true;
    return t;
}

constexpr Specials kTagOpen = specials_of("<");     ///< strip_tags()
constexpr Specials kEntity = specials_of("&");      ///< decode_entities()
constexpr Specials kLink = specials_of("[!");       ///< strip_links()
constexpr Specials kShortcode = specials_of(":");   ///< strip_shortcodes()
constexpr Specials kEmphasis = specials_of("`~*_"); ///< strip_emphasis()

/// Appends the run of `s` from `i` up to the next byte of `specials` to
/// `out` and leaves `i` before it (a loop's ++i then lands on it); false,
/// touching nothing, when `s[i]` is one of them.  Text between the bytes a
/// pass rewrites is copied whole instead of a byte at a time.
bool copy_run(std::string_view s, const Specials& specials, size_t& i, std::string& out) {
    if (specials[static_cast<unsigned char>(s[i])]) return false;
    size_t next = i + 1;
    while (next < s.size() && !specials[static_cast<unsigned char>(s[next])])
        ++next;
    out.append(s.substr(i, next - i));
    i = next - 1;
    return true;
}

} // namespace

namespace {

/// True if `tag` (the text between < and >) is an HTML tag or comment, not
/// a placeholder such as `<container>` or `<pod-name>` that notes write in
/// commands.
bool html_tag(std::string_view tag) {
    static const char* const names[] = {
        "a",          "abbr",     "address", "area",    "article", "aside",      "audio",
        "b",          "base",     "bdi",     "bdo",     "big",     "blockquote", "body",
        "br",         "button",   "canvas",  "caption", "center",  "cite",       "code",
        "col",        "colgroup", "data",    "dd",      "del",     "details",    "dfn",
        "dialog",     "div",      "dl",      "dt",      "em",      "embed",      "fieldset",
        "figcaption", "figure",   "font",    "footer",  "form",    "h1",         "h2",
        "h3",         "h4",       "h5",      "h6",      "head",    "header",     "hgroup",
        "hr",         "html",     "i",       "iframe",  "img",     "input",      "ins",
        "kbd",        "label",    "legend",  "li",      "link",    "main",       "map",
        "mark",       "menu",     "meta",    "meter",   "nav",     "noscript",   "object",
        "ol",         "option",   "output",  "p",       "param",   "path",       "picture",
        "pre",        "progress", "q",       "rp",      "rt",      "ruby",       "s",
        "samp",       "script",   "search",  "section", "select",  "slot",       "small",
        "source",     "span",     "strike",  "strong",  "style",   "sub",        "summary",
        "sup",        "svg",      "table",   "tbody",   "td",      "template",   "textarea",
        "tfoot",      "th",       "thead",   "time",    "title",   "tr",         "track",
        "tt",         "u",        "ul",      "var",     "video",   "wbr"};
    if (!tag.empty() && tag[0] == '!') return true; // <!-- comment -->, <!DOCTYPE>
    if (!tag.empty() && tag[0] == '/') tag.remove_prefix(1);
    size_t end = 0;
    while (end < tag.size() && std::isalnum(static_cast<unsigned char>(tag[end])))
        ++end;
    if (end < tag.size() && tag[end] != ' ' && tag[end] != '/' && tag[end] != '\t' &&
        tag[end] != '\n')
        return false; // "<pod-name>", "<a.b>"
    std::string name = ascii_lower(tag.substr(0, end));
    for (const char* n : names)
        if (name == n) return true;
    return false;
}

} // namespace

std::string strip_tags(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    NextOf next_gt(s, '>');
    for (size_t i = 0; i < s.size(); ++i) {
        if (copy_run(s, kTagOpen, i, out)) continue; // nothing to rewrite at i
        if (s[i] == '<' && i + 1 < s.size() &&
            (is_alpha(s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!')) {
            size_t close = next_gt.from(i);
            if (close != std::string_view::npos && html_tag(s.substr(i + 1, close - i - 1))) {
                std::string_view tag = s.substr(i + 1, close - i - 1);
                if (istarts_with(tag, "br") || istarts_with(tag, "p") || istarts_with(tag, "/p"))
                    out += ' ';
                i = close;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

/// Decode the handful of HTML entities notes contain.
std::string decode_entities(std::string_view s) {
    static const std::array<std::pair<std::string_view, std::string_view>, 7> ents{
        {{"&amp;", "&"},
         {"&lt;", "<"},
         {"&gt;", ">"},
         {"&quot;", "\""},
         {"&#39;", "'"},
         {"&nbsp;", " "},
         {"&apos;", "'"}}};
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (copy_run(s, kEntity, i, out)) continue; // nothing to rewrite at i
        bool done = false;
        if (s[i] == '&')
            for (auto& [from, to] : ents)
                if (s.substr(i, from.size()) == from) {
                    out += to;
                    i += from.size() - 1;
                    done = true;
                    break;
                }
        if (!done) out += s[i];
    }
    return out;
}

/// "![alt](url)" removed, "[text](url)" -> "text", "<url>" autolinks kept as text.
std::string strip_links(std::string_view s, bool keep_url) {
    std::string out;
    out.reserve(s.size());
    NextOf next_close(s, ']'), next_paren(s, ')'); // linear on "[[[[..." (was quadratic)
    for (size_t i = 0; i < s.size(); ++i) {
        if (copy_run(s, kLink, i, out)) continue; // nothing to rewrite at i
        bool image = s[i] == '!' && i + 1 < s.size() && s[i + 1] == '[';
        if (s[i] == '[' || image) {
            size_t open = image ? i + 1 : i;
            size_t close = next_close.from(open);
            if (close != std::string_view::npos && close + 1 < s.size() && s[close + 1] == '(') {
                size_t end = next_paren.from(close);
                if (end != std::string_view::npos) {
                    if (!image) {
                        out += s.substr(open + 1, close - open - 1);
                        if (keep_url) {
                            out += " (";
                            out += s.substr(close + 2, end - close - 2);
                            out += ")";
                        }
                    }
                    i = end;
                    continue;
                }
            }
        }
        out += s[i];
    }
    return out;
}

std::string strip_urls(std::string_view s) {
    std::string text = strip_links(s);
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        size_t end = text.find_first_of(" \t\n", i);
        if (end == std::string::npos) end = text.size();
        std::string_view tok = std::string_view(text).substr(i, end - i);
        size_t lead = tok.find_first_not_of("<([\"'");
        std::string_view bare = lead == std::string_view::npos ? tok : tok.substr(lead);
        bool url = bare.find("://") != std::string_view::npos || bare.substr(0, 4) == "www.";
        if (!url) out += tok;
        if (end < text.size()) out += text[end];
        i = end + 1;
    }
    return out;
}

/// Drop ":emoji_shortcode:" tokens.
std::string strip_shortcodes(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (copy_run(s, kShortcode, i, out)) continue; // nothing to rewrite at i
        if (s[i] == ':' && i + 1 < s.size() && (is_alpha(s[i + 1]))) {
            size_t j = i + 1;
            while (j < s.size() && (is_alpha(s[j]) || is_digit(s[j]) || s[j] == '_' || s[j] == '+'))
                ++j;
            if (j < s.size() && s[j] == ':' && j - i > 2 &&
                s.substr(i + 1, j - i - 1).find('_') != std::string_view::npos) {
                i = j;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

/// Remove Markdown emphasis and code markers (**, __, *, _, ~~, `) around words.
std::string strip_emphasis(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (copy_run(s, kEmphasis, i, out)) continue; // nothing to rewrite at i
        char c = s[i];
        if (c == '`' || (c == '~' && i + 1 < s.size() && s[i + 1] == '~')) {
            if (c == '~') ++i;
            continue;
        }
        if (c == '*' || c == '_') {
            // A marker touches a word on one side and not on the other.
            char prev = i ? s[i - 1] : ' ';
            size_t j = i;
            while (j < s.size() && s[j] == c)
                ++j;
            char next = j < s.size() ? s[j] : ' ';
            bool word_prev = std::isalnum(static_cast<unsigned char>(prev));
            bool word_next = std::isalnum(static_cast<unsigned char>(next));
            if (c == '_' && word_prev && word_next) { // snake_case
                out.append(s.substr(i, j - i));
                i = j - 1;
                continue;
            }
            if (c == '*' && prev == ' ' && next == ' ') { // "a * b"
                out += c;
                continue;
            }
            // A glob: "lists/*", "*.txt", "src/**/x".
            if (c == '*' && (prev == '/' || next == '.' || next == '/')) {
                out.append(s.substr(i, j - i));
                i = j - 1;
                continue;
            }
            // "COUNT(*)", "(**)": a marker between brackets emphasises nothing.
            if (c == '*' && (prev == '(' || prev == '[') && (next == ')' || next == ']')) {
                out.append(s.substr(i, j - i));
                i = j - 1;
                continue;
            }
            i = j - 1;
            continue;
        }
        out += c;
    }
    return out;
}

size_t dash_number_length(std::string_view v) {
    size_t j = 0;
    while (j < v.size() && is_digit(v[j]))
        ++j;
    // Up to three digits: "2024 - Year in review" is a year, not numbering.
    if (!j || j > 3 || j >= v.size() || !is_space(v[j])) return 0;
    std::string_view rest = ltrim(v.substr(j));
    size_t dash = 0;
    for (std::string_view d : {"-", "\xE2\x80\x93", "\xE2\x80\x94"}) // -, en dash, em dash
        if (rest.substr(0, d.size()) == d) dash = d.size();
    if (!dash || dash >= rest.size() || !is_space(rest[dash])) return 0;
    std::string_view text = ltrim(rest.substr(dash));
    // A question starts with a word ("What ..."), arithmetic with a number or one letter.
    if (text.size() < 2 || !is_alpha(text[0]) || !is_alpha(text[1])) return 0;
    return v.size() - text.size();
}

namespace {

/// "、" or "．" (full-width full stop) after a number: its length in bytes, else 0.
size_t cjk_number_mark(std::string_view v) {
    for (std::string_view mark : {"\xE3\x80\x81", "\xEF\xBC\x8E"}) // 、 ．
        if (v.substr(0, mark.size()) == mark) return mark.size();
    return 0;
}

/// Numbering as Chinese and Japanese notes write it: "一、" to "十、" (Chinese
/// numerals with an enumeration comma) and "（1）" / "（一）" in full-width
/// brackets.  The marker's length in bytes, else 0.
size_t cjk_numbering_length(std::string_view v) {
    static const std::string_view numerals[] = {
        "\xE4\xB8\x80", "\xE4\xBA\x8C", "\xE4\xB8\x89", "\xE5\x9B\x9B", "\xE4\xBA\x94",
        "\xE5\x85\xAD", "\xE4\xB8\x83", "\xE5\x85\xAB", "\xE4\xB9\x9D", "\xE5\x8D\x81"}; // 一 .. 十
    size_t i = 0;
    const std::string_view open = "\xEF\xBC\x88", close = "\xEF\xBC\x89"; // （ ）
    bool bracketed = v.substr(0, open.size()) == open;
    if (bracketed) i = open.size();
    size_t start = i;
    for (bool more = true; more && i < v.size();) {
        more = false;
        if (is_digit(v[i])) {
            ++i, more = true;
            continue;
        }
        for (std::string_view n : numerals)
            if (v.substr(i, n.size()) == n) i += n.size(), more = true;
    }
    if (i == start || i - start > 9) return 0;
    if (bracketed) return v.substr(i, close.size()) == close ? i + close.size() : 0;
    bool digits = std::all_of(v.begin() + long(start), v.begin() + long(i),
                              [](char c) { return is_digit(c); });
    if (digits) return 0; // "1、" is read with the ASCII numbers
    size_t mark = cjk_number_mark(v.substr(i));
    return mark ? i + mark : 0;
}

} // namespace

/// Strip one leading structural marker: '#'s, list bullet, "12." / "12)" numbering,
/// "Q." / "Q:" / "Q1:" / "Question:" labels, leading '>'.  Returns true if it stripped.
bool strip_leading_marker(std::string& s, bool* numbered, bool* labelled) {
    std::string_view v = ltrim(s);
    size_t skip = 0;
    if (!v.empty() && (v[0] == '#' || v[0] == '>')) {
        while (skip < v.size() && (v[skip] == '#' || v[skip] == '>'))
            ++skip;
    } else if (v.size() >= 2 && (v[0] == '*' || v[0] == '-' || v[0] == '+') && is_space(v[1])) {
        skip = 2;
    } else if (!v.empty() && is_digit(v[0])) {
        size_t j = 0;
        while (j < v.size() && j < 4 && is_digit(v[j]))
            ++j;
        size_t k = j;
        while (k < v.size() && is_space(v[k]))
            ++k;
        if (k < v.size() && (v[k] == '.' || v[k] == ')') &&
            !(k + 1 < v.size() && is_digit(v[k + 1]))) {
            skip = k + 1;
            if (numbered) *numbered = true;
        } else if (size_t mark = cjk_number_mark(v.substr(k))) { // "1、", "1．"
            skip = k + mark;
            if (numbered) *numbered = true;
        } else if (size_t dash = dash_number_length(v)) {
            skip = dash;
            if (numbered) *numbered = true;
        }
    } else if (size_t cjk = cjk_numbering_length(v)) { // "一、", "（1）", "(3)"
        skip = cjk;
        if (numbered) *numbered = true;
    } else if (istarts_with(v, "question")) {
        size_t j = 8;
        while (j < v.size() && (is_digit(v[j]) || is_space(v[j])))
            ++j;
        // "Question 5 - x" is labelled; "Question 5-3 about x" is a number
        // range, not a label and its separator.
        bool dash = j < v.size() && v[j] == '-' && (j + 1 >= v.size() || is_space(v[j + 1]));
        if (j < v.size() && (v[j] == ':' || v[j] == '.' || v[j] == ')' || dash)) {
            skip = j + 1;
            if (labelled) *labelled = true;
        }
    } else if (!v.empty() && (v[0] == 'Q' || v[0] == 'q')) {
        size_t j = 1;
        while (j < v.size() && is_digit(v[j]))
            ++j;
        size_t k = j;
        while (k < v.size() && is_space(v[k]))
            ++k;
        if (k < v.size() && (v[k] == '.' || v[k] == ':' || v[k] == ')') &&
            (k + 1 >= v.size() || is_space(v[k + 1]) || v[k] == ':' || j > 1)) {
            skip = k + 1;
            if (labelled) *labelled = true;
        }
    }
    if (!skip) return false;
    s = std::string(ltrim(v.substr(skip)));
    return true;
}

/// "-----", "=====", "+++++", "# +++++", "***", "___" (3 or more of one char).
bool is_separator(std::string_view t, size_t* length) {
    t = trim(t);
    if (!t.empty() && t[0] == '#')
        t = trim(t.substr(t.find_first_not_of('#') == std::string_view::npos
                              ? t.size()
                              : t.find_first_not_of('#')));
    if (t.size() < 3) return false;
    char c = t[0];
    if (c != '-' && c != '=' && c != '+' && c != '*' && c != '_' && c != '~') return false;
    size_t n = 0;
    for (char d : t) {
        if (d == c)
            ++n;
        else if (d != ' ')
            return false;
    }
    if (length) *length = n;
    return n >= 3;
}

std::string clean_question(std::string_view raw) {
    std::string s = strip_links(decode_entities(strip_tags(raw)));
    s = strip_shortcodes(s);
    for (int round = 0; round < 6; ++round) {
        std::string before = s;
        s = std::string(trim(s));
        strip_leading_marker(s);
        // "**1. What**": emphasis around the numbering.
        if (s.rfind("**", 0) == 0 || s.rfind("__", 0) == 0) s = strip_emphasis(s);
        if (s == before) break;
    }
    s = collapse_space(strip_emphasis(s));
    // Leading symbols with no letters ("⬆ Title").
    size_t cut = 0; // find where the symbols end, then erase once (linear)
    while (cut < s.size()) {
        size_t sp = s.find(' ', cut);
        if (sp == std::string::npos || has_word_char(std::string_view(s).substr(cut, sp - cut)))
            break;
        std::string_view tok = std::string_view(s).substr(cut, sp - cut);
        if (tok.find_first_of("\"'(`<") != std::string_view::npos) break;
        cut = sp + 1;
    }
    s.erase(0, cut);
    while (!s.empty() && (s.back() == ':' || s.back() == '-' || s.back() == ' ' || s.back() == '='))
        s.pop_back();
    return s;
}

namespace {

/// True if the trimmed line opens or closes a ``` / ~~~ fence.
bool fence_marker(std::string_view t) {
    return t.substr(0, 3) == "```" || t.substr(0, 3) == "~~~";
}

/// The line without its blockquote markers ("> ", "> > "), if it has any.
std::string_view unquoted(std::string_view line) {
    if (indent_of(line) > 3) return line; // indented code, not a quote
    std::string_view v = ltrim(line);
    if (v.empty() || v[0] != '>') return line;
    while (!v.empty() && v[0] == '>')
        v = ltrim(v.substr(1));
    return v;
}

} // namespace

std::string strip_quote_markers(std::string_view answer) {
    if (answer.find('>') == std::string_view::npos) return std::string(answer);
    std::string out;
    out.reserve(answer.size());
    bool in_fence = false;
    size_t start = 0;
    while (start <= answer.size()) {
        size_t nl = answer.find('\n', start);
        std::string_view line = answer.substr(
            start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        if (fence_marker(trim(line))) in_fence = !in_fence;
        out += in_fence || fence_marker(trim(line)) ? line : unquoted(line);
        if (nl == std::string_view::npos) break;
        out += '\n';
        start = nl + 1;
    }
    return out;
}

std::string written_number(std::string_view raw) {
    std::string s = strip_links(decode_entities(strip_tags(raw)));
    for (int round = 0; round < 6; ++round) {
        std::string before(trim(s));
        s = before;
        bool numbered = false;
        if (strip_leading_marker(s, &numbered) && numbered) {
            size_t j = 0;
            while (j < before.size() && is_digit(before[j]))
                ++j;
            return before.substr(0, j);
        }
        if (s.rfind("**", 0) == 0 || s.rfind("__", 0) == 0) s = strip_emphasis(s);
        if (s == before) break;
    }
    return {};
}

namespace {

bool ascii_punct(char c) {
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
}

} // namespace

std::string unescape_punctuation(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::string_view fence;
    for (std::string_view line : split_lines(text)) {
        std::string_view t = trim(line);
        if (t.substr(0, 3) == "```" || t.substr(0, 3) == "~~~") {
            if (fence.empty())
                fence = t.substr(0, 3);
            else if (t.substr(0, 3) == fence)
                fence = {};
        }
        if (!fence.empty() || line.find('\\') == std::string_view::npos) {
            out.append(line).append("\n");
            continue;
        }
        size_t ticks = 0; // the backtick run that opened the code span we are in
        for (size_t i = 0; i < line.size(); ++i) {
            if (line[i] == '`') {
                size_t run = line.find_first_not_of('`', i);
                run = (run == std::string_view::npos ? line.size() : run) - i;
                ticks = ticks == 0 ? run : (ticks == run ? 0 : ticks);
                out.append(line.substr(i, run));
                i += run - 1;
            } else if (line[i] == '\\' && ticks == 0 && i + 1 < line.size() &&
                       ascii_punct(line[i + 1])) {
                out += line[++i];
            } else {
                out += line[i];
            }
        }
        out += "\n";
    }
    if (!text.empty() && text.back() != '\n' && !out.empty()) out.pop_back();
    return out;
}

std::string indexable_text(std::string_view answer) {
    return strip_shortcodes(unescape_punctuation(
        decode_entities(strip_tags(strip_links(strip_quote_markers(answer))))));
}

std::string prose_text(std::string_view answer) {
    std::string out;
    std::string_view fence;
    for (std::string_view line : split_lines(answer)) {
        std::string_view t = trim(line);
        bool marker = t.substr(0, 3) == "```" || t.substr(0, 3) == "~~~";
        if (marker) {
            if (fence.empty())
                fence = t.substr(0, 3);
            else if (t.substr(0, 3) == fence)
                fence = {};
            continue;
        }
        if (!fence.empty() || (!t.empty() && t[0] == '|')) continue;
        out += line;
        out += '\n';
    }
    return out;
}

size_t prose_words(std::string_view answer) {
    size_t n = 0;
    bool in_word = false;
    std::string prose = indexable_text(prose_text(answer));
    for (Xapian::Utf8Iterator it(prose); it != Xapian::Utf8Iterator(); ++it) {
        bool w = Xapian::Unicode::is_wordchar(*it);
        n += w && !in_word;
        in_word = w;
    }
    return n;
}

namespace {

bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}

/// Append the parts of one ASCII word with inner capitals ("maxSurge").
void split_camel(std::string_view w, std::string& out) {
    std::vector<std::string> parts;
    size_t start = 0;
    for (size_t i = 1; i <= w.size(); ++i) {
        bool cut = i == w.size() || (is_upper(w[i]) && is_lower(w[i - 1])) ||
                   (is_upper(w[i]) && i + 1 < w.size() && is_lower(w[i + 1]) && is_upper(w[i - 1]));
        if (!cut) continue;
        parts.push_back(ascii_lower(w.substr(start, i - start)));
        start = i;
    }
    if (parts.size() < 2) return;
    for (const std::string& p : parts)
        out += p + " ";
    for (size_t i = 0; i + 1 < parts.size(); ++i)
        out += parts[i] + parts[i + 1] + " ";
}

} // namespace

std::string compound_parts(std::string_view text) {
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
        if (!is_alpha(text[i])) {
            ++i;
            continue;
        }
        size_t j = i;
        bool inner_upper = false;
        while (j < text.size() && is_alpha(text[j])) {
            inner_upper = inner_upper || (j > i && is_upper(text[j]) && is_lower(text[j - 1]));
            ++j;
        }
        if (inner_upper && j - i <= 64) split_camel(text.substr(i, j - i), out);
        i = j;
    }
    return out;
}

std::string snippet_text(std::string_view answer) {
    return strip_emphasis(indexable_text(answer));
}

} // namespace crib
