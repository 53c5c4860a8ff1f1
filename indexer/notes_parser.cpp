#include "notes_parser.hpp"

#include "markdown.hpp"
#include "text.hpp"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace crib {

bool is_markdown_path(std::string_view path) {
    std::string p = ascii_lower(path);
    for (std::string_view ext : {".md", ".markdown", ".mdown", ".mkd"})
        if (p.size() >= ext.size() && p.compare(p.size() - ext.size(), ext.size(), ext) == 0)
            return true;
    return false;
}

// ---------------------------------------------------------------------------
// Small text helpers (no std::regex: a 100 KB line must stay linear).

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string_view ltrim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
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
std::string strip_tags(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '<' && i + 1 < s.size() &&
            (is_alpha(s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!')) {
            size_t close = s.find('>', i);
            if (close != std::string_view::npos) {
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
    static const std::array<std::pair<std::string_view, std::string_view>, 7> ents{{
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
        {"&#39;", "'"}, {"&nbsp;", " "}, {"&apos;", "'"}}};
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
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
std::string strip_links(std::string_view s, bool keep_url = false) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        bool image = s[i] == '!' && i + 1 < s.size() && s[i + 1] == '[';
        if (s[i] == '[' || image) {
            size_t open = image ? i + 1 : i;
            size_t close = s.find(']', open);
            if (close != std::string_view::npos && close + 1 < s.size() && s[close + 1] == '(') {
                size_t end = s.find(')', close);
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

/// Drop ":emoji_shortcode:" tokens.
std::string strip_shortcodes(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
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
        char c = s[i];
        if (c == '`' || (c == '~' && i + 1 < s.size() && s[i + 1] == '~')) {
            if (c == '~') ++i;
            continue;
        }
        if (c == '*' || c == '_') {
            // A marker touches a word on one side and not on the other.
            char prev = i ? s[i - 1] : ' ';
            size_t j = i;
            while (j < s.size() && s[j] == c) ++j;
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
            i = j - 1;
            continue;
        }
        out += c;
    }
    return out;
}

/// Strip one leading structural marker: '#'s, list bullet, "12." / "12)" numbering,
/// "Q." / "Q:" / "Q1:" / "Question:" labels, leading '>'.  Returns true if it stripped.
bool strip_leading_marker(std::string& s, bool* numbered = nullptr, bool* labelled = nullptr) {
    std::string_view v = ltrim(s);
    size_t skip = 0;
    if (!v.empty() && (v[0] == '#' || v[0] == '>')) {
        while (skip < v.size() && (v[skip] == '#' || v[skip] == '>')) ++skip;
    } else if (v.size() >= 2 && (v[0] == '*' || v[0] == '-' || v[0] == '+') && is_space(v[1])) {
        skip = 2;
    } else if (!v.empty() && is_digit(v[0])) {
        size_t j = 0;
        while (j < v.size() && j < 4 && is_digit(v[j])) ++j;
        size_t k = j;
        while (k < v.size() && is_space(v[k])) ++k;
        if (k < v.size() && (v[k] == '.' || v[k] == ')') &&
            !(k + 1 < v.size() && is_digit(v[k + 1]))) {
            skip = k + 1;
            if (numbered) *numbered = true;
        }
    } else if (istarts_with(v, "question")) {
        size_t j = 8;
        while (j < v.size() && (is_digit(v[j]) || is_space(v[j]))) ++j;
        if (j < v.size() && (v[j] == ':' || v[j] == '.' || v[j] == ')' || v[j] == '-')) {
            skip = j + 1;
            if (labelled) *labelled = true;
        }
    } else if (!v.empty() && (v[0] == 'Q' || v[0] == 'q')) {
        size_t j = 1;
        while (j < v.size() && is_digit(v[j])) ++j;
        size_t k = j;
        while (k < v.size() && is_space(v[k])) ++k;
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

} // namespace

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
    while (!s.empty()) {
        size_t sp = s.find(' ');
        if (sp == std::string::npos || has_word_char(s.substr(0, sp))) break;
        std::string_view tok = std::string_view(s).substr(0, sp);
        if (tok.find_first_of("\"'(`<") != std::string_view::npos) break;
        s.erase(0, sp + 1);
    }
    while (!s.empty() && (s.back() == ':' || s.back() == '-' || s.back() == ' ' || s.back() == '='))
        s.pop_back();
    return s;
}

std::string indexable_text(std::string_view answer) {
    return strip_shortcodes(decode_entities(strip_tags(strip_links(answer))));
}

std::string snippet_text(std::string_view answer) { return strip_emphasis(indexable_text(answer)); }

// ---------------------------------------------------------------------------
// Line classification.

namespace {

/// "-----", "=====", "+++++", "# +++++", "***", "___" (3 or more of one char).
bool is_separator(std::string_view t, size_t* length = nullptr) {
    t = trim(t);
    if (!t.empty() && t[0] == '#') t = trim(t.substr(t.find_first_not_of('#') == std::string_view::npos ? t.size() : t.find_first_not_of('#')));
    if (t.size() < 3) return false;
    char c = t[0];
    if (c != '-' && c != '=' && c != '+' && c != '*' && c != '_' && c != '~') return false;
    size_t n = 0;
    for (char d : t) {
        if (d == c) ++n;
        else if (d != ' ') return false;
    }
    if (length) *length = n;
    return n >= 3;
}

bool is_long_dash_separator(std::string_view t) {
    size_t n = 0;
    t = trim(t);
    return !t.empty() && t[0] == '-' && is_separator(t, &n) && n >= 8;
}

bool is_noise_line(std::string_view t) {
    t = trim(t);
    if (t.empty()) return false;
    std::string low = ascii_lower(t);
    if (low == "copy code" || low == "save to grepper" || low == "copy" || low == "copy to clipboard")
        return true;
    if (low.find("back to top") != std::string::npos || t.find("\xE2\x86\xA5") != std::string_view::npos)
        return true;
    if (is_separator(t)) return true;
    // Image-only / tag-only lines.
    std::string rest = std::string(trim(strip_links(strip_tags(t))));
    if (rest.empty()) return true;
    // Table-of-contents lines: a bullet made only of links to anchors.
    std::string_view v = ltrim(t);
    if (v.size() > 2 && (v[0] == '*' || v[0] == '-' || v[0] == '+' || is_digit(v[0]))) {
        if (t.find("](#") != std::string_view::npos) {
            std::string without = strip_links(t);
            std::string_view w = trim(without);
            // nothing but the bullet/number and the link texts
            size_t links = 0, pos = 0;
            while ((pos = t.find("](#", pos)) != std::string_view::npos) { ++links; ++pos; }
            if (links >= 1 && t.find("](http") == std::string_view::npos &&
                trim(t).back() == ')')
                return !w.empty();
        }
    }
    return false;
}

const std::array<std::string_view, 26> kInterrogatives = {
    "what", "what's", "whats", "why", "how", "when", "where", "which", "who", "whom", "whose",
    "is", "are", "can", "could", "do", "does", "did", "should", "would", "will", "explain",
    "describe", "define", "differentiate", "difference"};

std::string first_word(std::string_view s) {
    size_t i = 0;
    while (i < s.size() && !is_alpha(s[i])) ++i;
    size_t j = i;
    while (j < s.size() && (is_alpha(s[j]) || s[j] == '\'')) ++j;
    return ascii_lower(s.substr(i, j - i));
}

bool starts_interrogative(std::string_view cleaned) {
    std::string w = first_word(cleaned);
    return std::find(kInterrogatives.begin(), kInterrogatives.end(), w) != kInterrogatives.end();
}

/// "Answer:", "**Answer:**", "A:", "A :", "Ans:", "Ans -" at the start of a line.
bool is_answer_label(std::string_view t) {
    std::string s = strip_emphasis(trim(t));
    std::string_view v = ltrim(s);
    if (v.size() >= 2 && (v[0] == '-' || v[0] == '*') && is_space(v[1])) return false; // quiz options
    for (std::string_view label : {"answer", "ans", "a"}) {
        if (!istarts_with(v, label)) continue;
        std::string_view rest = ltrim(v.substr(label.size()));
        if (!rest.empty() && (rest[0] == ':' || (rest[0] == '-' && label != "a") ||
                              (rest[0] == '.' && label == "ans")))
            return true;
    }
    return false;
}

/// Leading "Q:", "Q :", "Q1.", "Question:" label; returns the rest or nullopt.
bool question_label(std::string_view t, std::string& rest) {
    std::string s = strip_emphasis(trim(t));
    std::string_view v = ltrim(s);
    if (v.size() >= 2 && (v[0] == '-' || v[0] == '*' || v[0] == '+') && is_space(v[1]))
        v = ltrim(v.substr(2));
    bool is_q = istarts_with(v, "question") || (!v.empty() && v[0] == 'Q');
    if (!is_q) return false;
    std::string copy(v);
    bool labelled = false;
    if (!strip_leading_marker(copy, nullptr, &labelled) || !labelled) return false;
    // "Q. " must be followed by text or end; "Q.js" is not a label.
    rest = copy;
    return true;
}

bool is_list_item(std::string_view line, int* indent = nullptr, char* marker = nullptr) {
    int ind = indent_of(line);
    std::string_view v = ltrim(line);
    if (indent) *indent = ind;
    if (v.size() >= 2 && (v[0] == '*' || v[0] == '-' || v[0] == '+') && is_space(v[1])) {
        if (marker) *marker = v[0];
        return true;
    }
    return false;
}

/// Numbered list line "12. text" / "12)text" / "#1. text"; sets the text.
bool numbered_line(std::string_view line, std::string_view& text) {
    std::string_view v = ltrim(line);
    while (!v.empty() && v[0] == '#') v.remove_prefix(1);
    v = ltrim(v);
    size_t j = 0;
    while (j < v.size() && j < 4 && is_digit(v[j])) ++j;
    if (!j) return false;
    size_t k = j;
    while (k < v.size() && is_space(v[k])) ++k;
    if (k >= v.size() || (v[k] != '.' && v[k] != ')')) return false;
    if (k + 1 < v.size() && is_digit(v[k + 1])) return false; // "2.5"
    text = ltrim(v.substr(k + 1));
    return true;
}

bool bold_only(std::string_view t) {
    std::string_view v = trim(t);
    return v.size() >= 4 && v.substr(0, 2) == "**" && ends_with(v, "**");
}

/// Body of a top-level bullet that is bold from end to end: "- <b>Q</b>",
/// "* **Q**", "- <strong>Q</strong>", "- __Q__".  Empty if the line is not one.
std::string_view bold_bullet_body(std::string_view line) {
    int indent = 0;
    if (!is_list_item(line, &indent) || indent > 1) return {};
    std::string_view body = trim(ltrim(line).substr(2));
    std::string low = ascii_lower(body.substr(0, 8));
    std::string_view tail = body.size() >= 9 ? body.substr(body.size() - 9) : body;
    std::string low_tail = ascii_lower(tail);
    bool html = (low.rfind("<b>", 0) == 0 && ends_with(low_tail, "</b>")) ||
                (low.rfind("<strong>", 0) == 0 && ends_with(low_tail, "</strong>"));
    bool md = body.size() >= 5 && ((body.substr(0, 2) == "**" && ends_with(body, "**")) ||
                                   (body.substr(0, 2) == "__" && ends_with(body, "__")));
    return html || md ? body : std::string_view{};
}

bool title_like(std::string_view cleaned) {
    if (cleaned.empty() || cleaned.size() > 80) return false;
    char last = cleaned.back();
    if (last == '.' || last == ',' || last == ';' || last == '!') return false;
    size_t words = std::count(cleaned.begin(), cleaned.end(), ' ') + 1;
    return words <= 8 && has_word_char(cleaned);
}

// ---------------------------------------------------------------------------

struct Open {
    int line = 0;          // 0-based index of the title line
    int body_from = 0;     // 0-based first answer line
    int limit = 0;         // 0-based exclusive end (set on close)
    bool question = true;
    std::string title;
    std::string inline_answer; // answer text on the question line ("Q: x A: y")
    int heading_level = 0;     // Markdown heading level that opened it
    int parent = -1;           // index into passages for sub-questions
    bool bullet = false;       // opened by a bullet question
    int bullet_indent = 0;
    // Indent of a nested list under this bullet question whose items have no
    // answer of their own ("compare these two: * a * b"); its items are not
    // sub-questions.  -1 = none seen.
    int plain_list_indent = -1;
    bool closed = false;
};

class Parser {
public:
    Parser(std::string_view text, const std::string& file, const ParseOptions& opt)
        : text_(text), lines_(split_lines(text)), file_(file), opt_(opt) {}

    std::vector<Passage> run();

private:
    void mark_code(std::string_view text);
    void detect_style();
    void front_matter();
    bool separator_line(int i);
    bool try_details(int i);
    bool try_heading(int i);
    bool try_hash_line(int i);
    bool try_label(int i);
    bool try_subquestion(int i);
    bool try_numbered(int i);
    bool try_bold_list(int i);
    bool bold_list_asks(int i);
    bool try_bullet(int i);
    bool try_nested_bullet(int i, int indent, char marker, std::string_view body,
                           const std::string& q, bool asks, bool answer_below);
    bool try_bare(int i);
    bool try_entry(int i);
    bool try_section_title(int i);
    void open(Open o);
    void close(int limit);
    bool has_answer_label_before_next_item(int i, int indent) const;
    bool body_has_answer_marker(int i) const;
    bool announces_questions() const;
    int next_nonblank(int i) const;
    std::string_view L(int i) const { return lines_[i]; }
    bool blank(int i) const { return i < 0 || i >= n() || trim(lines_[i]).empty(); }
    int n() const { return static_cast<int>(lines_.size()); }
    Passage finish(const Open& o) const;

    std::string_view text_;
    std::vector<std::string_view> lines_;
    const std::string& file_;
    ParseOptions opt_;
    std::vector<char> code_;
    std::vector<int> heading_level_; // 0 = not a heading line
    std::vector<std::string> file_tags_;
    bool entry_mode_ = false;
    bool structured_ = false;   // headings/details carry the questions
    bool numbered_headings_ask_ = true; // "### 11. Title" is a question (see detect_style)
    bool expect_entry_ = false;
    int skip_until_ = -1;       // inside a <details> block: no splitting up to this line
    int bold_run_end_ = -1;     // last line of the bold-bullet run voted on last
    bool bold_run_asks_ = false; // that run's verdict (each run is scanned once)
    int last_heading_level_ = 0;
    int body_start_ = 0;        // first line after front matter
    std::vector<Open> done_;
    Open cur_;
    bool have_cur_ = false;
};

/// True if the line, after blockquote and list-item markers, starts a code fence.
bool fence_line(std::string_view t) {
    std::string_view v = ltrim(t);
    for (int round = 0; round < 8 && !v.empty(); ++round) {
        size_t digits = 0;
        while (digits < v.size() && digits < 9 && is_digit(v[digits])) ++digits;
        if (v[0] == '>')
            v = ltrim(v.substr(1));
        else if (v.size() >= 2 && (v[0] == '-' || v[0] == '*' || v[0] == '+') && is_space(v[1]))
            v = ltrim(v.substr(2));
        else if (digits && digits + 1 < v.size() && (v[digits] == '.' || v[digits] == ')') &&
                 is_space(v[digits + 1]))
            v = ltrim(v.substr(digits + 1));
        else
            break;
    }
    return v.substr(0, 3) == "```" || v.substr(0, 3) == "~~~";
}

void Parser::mark_code(std::string_view text) {
    code_.assign(lines_.size(), 0);
    heading_level_.assign(lines_.size(), 0);
    for (const md::Block& b : md::outline(text)) {
        int s = std::max(1, b.start_line), e = std::min(n(), std::max(b.start_line, b.end_line));
        if (b.type == md::NodeType::code_block) {
            // cmark quirk: a fenced block that ends because its list item or quote
            // ends (no closing fence) reports the line that ended it as its last line.
            // That line ("* Next question?") is not code.  At end of input the
            // last line really is code.
            if (e > s && e < n() && fence_line(L(s - 1)) && !fence_line(L(e - 1))) --e;
            for (int i = s; i <= e; ++i) code_[i - 1] = 1;
        } else if (b.type == md::NodeType::heading && s <= n()) {
            heading_level_[s - 1] = b.level;
            // Setext underline is part of the heading, not a separator.
            for (int i = s + 1; i <= e; ++i) heading_level_[i - 1] = -1;
        }
    }
}

void Parser::front_matter() {
    if (n() == 0 || trim(L(0)) != "---") return;
    for (int i = 1; i < n() && i < 100; ++i) {
        std::string_view t = trim(L(i));
        if (t == "---" || t == "...") {
            for (int k = 1; k < i; ++k) {
                std::string_view kv = trim(L(k));
                if (!istarts_with(kv, "tags:")) continue;
                std::string list(kv.substr(5));
                for (char& c : list)
                    if (c == '[' || c == ']' || c == ',' || c == '"' || c == '\'') c = ' ';
                std::string word;
                for (char c : list + " ") {
                    if (c == ' ') {
                        if (!word.empty()) file_tags_.push_back(ascii_lower(word));
                        word.clear();
                    } else {
                        word += c;
                    }
                }
            }
            body_start_ = i + 1;
            return;
        }
    }
}

// "- A: x", "* b) x", "C. x": a multiple-choice option (A-F).
bool is_option_line(std::string_view t) {
    std::string_view v = ltrim(t);
    if (v.size() >= 2 && (v[0] == '-' || v[0] == '*' || v[0] == '+') && is_space(v[1]))
        v = ltrim(v.substr(2));
    if (v.size() < 3) return false;
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(v[0])));
    return c >= 'A' && c <= 'F' && (v[1] == ':' || v[1] == ')' || v[1] == '.') && is_space(v[2]);
}

// The markers a heading line carries: "## Q. x" is labelled, "### 11. x" and
// "## Question 3: x" count as numbered / labelled.  The first strip removes the
// '#'s (or the list number of "1. ### Q").
void heading_markers(std::string_view raw, bool& numbered, bool& labelled) {
    std::string s(raw);
    strip_leading_marker(s);
    strip_leading_marker(s, &numbered, &labelled);
}

// True if the body under heading line i (up to the next heading) holds an answer
// marker: a <details> box, an "Answer:" label or quiz options.
bool Parser::body_has_answer_marker(int i) const {
    for (int k = i + 1; k < n() && heading_level_[k] <= 0; ++k) {
        if (code_[k] || heading_level_[k] < 0) continue;
        std::string_view t = L(k);
        if (is_answer_label(t) || is_option_line(t) || ascii_lower(t).find("<details") != std::string::npos)
            return true;
    }
    return false;
}

// True if the file name or the document's first heading says it holds
// questions ("javascript-interview-questions.md", "# Docker FAQ").
bool Parser::announces_questions() const {
    std::string name = file_;
    size_t slash = name.find_last_of("/\\");
    if (slash != std::string::npos) name = name.substr(slash + 1);
    std::string title;
    for (int i = body_start_; i < n() && title.empty(); ++i)
        if (heading_level_[i] > 0 && !code_[i]) title = clean_question(L(i));
    for (const std::string& s : {ascii_lower(name), ascii_lower(title)})
        for (std::string_view w : {"question", "interview", "quiz", "faq", "q&a", "q & a"})
            if (s.find(w) != std::string::npos) return true;
    return false;
}

void Parser::detect_style() {
    int dash = 0, strong = 0;
    int numbered_total = 0, asking = 0;
    for (int i = body_start_; i < n(); ++i) {
        if (code_[i]) continue;
        std::string_view t = L(i);
        if (is_long_dash_separator(t) && (!opt_.markdown || heading_level_[i] == 0)) ++dash;
        if (opt_.markdown && heading_level_[i] > 0) {
            bool numbered = false, labelled = false;
            heading_markers(t, numbered, labelled);
            std::string c = clean_question(t);
            // Numbered headings structure the file either way (weak detectors off).
            if (labelled || numbered || ends_with(c, "?")) ++strong;
            if (numbered) ++numbered_total;
            if (labelled || ends_with(c, "?") || starts_interrogative(c) ||
                (numbered && body_has_answer_marker(i)))
                ++asking;
        }
        if (ascii_lower(t).find("<summary") != std::string::npos) ++strong;
    }
    // "### 11. Title" is a question in a Q&A or quiz file, but "## 3. Pods" is a
    // step in a numbered tutorial.  Trust the number when the file's headings do
    // ask (asking headings, including numbered ones with an answer marker, are at
    // least a third as many as the numbered ones), or when the document calls
    // itself a question set.
    numbered_headings_ask_ = asking * 3 >= numbered_total || announces_questions();
    entry_mode_ = dash >= 2;
    structured_ = strong >= 3;
}

int Parser::next_nonblank(int i) const {
    for (int k = i + 1; k < n(); ++k)
        if (!blank(k)) return k;
    return -1;
}

void Parser::close(int limit) {
    if (!have_cur_) return;
    cur_.limit = std::max(limit, cur_.line + 1);
    done_.push_back(cur_);
    have_cur_ = false;
}

void Parser::open(Open o) {
    close(o.line);
    cur_ = std::move(o);
    have_cur_ = true;
}

bool Parser::try_details(int i) {
    std::string low = ascii_lower(L(i));
    size_t d = low.find("<details");
    if (d == std::string::npos) return false;
    // Find the matching </details> (nesting counted) and the summary line.
    int depth = 0, end = n() - 1, summary_line = -1;
    for (int k = i; k < n(); ++k) {
        std::string lk = ascii_lower(L(k));
        for (size_t p = 0; (p = lk.find("<details", p)) != std::string::npos; ++p) ++depth;
        if (summary_line < 0 && lk.find("<summary") != std::string::npos) summary_line = k;
        for (size_t p = 0; (p = lk.find("</details", p)) != std::string::npos; ++p) --depth;
        if (depth <= 0) {
            end = k;
            break;
        }
    }
    skip_until_ = end;
    if (summary_line < 0 || summary_line > i + 3) return true; // part of the current answer
    // Summary text may run onto following lines until </summary>.
    std::string summary(L(summary_line));
    for (int k = summary_line + 1; k <= end && ascii_lower(summary).find("</summary") == std::string::npos; ++k)
        summary += " " + std::string(L(k));
    std::string lowsum = ascii_lower(summary);
    size_t so = lowsum.find("<summary"), sc = lowsum.find("</summary");
    std::string inner = summary.substr(so, sc == std::string::npos ? std::string::npos : sc - so);
    std::string q = clean_question(inner);
    std::string w = first_word(q);
    bool answer_box = q.empty() || w == "answer" || w == "solution" || w == "show" || w == "hint" ||
                      w == "click" || w == "expand" || w == "output" || w == "ans" || w == "spoiler" ||
                      w == "view" || w == "see" || w == "reveal" || w == "result";
    bool question = !answer_box && (ends_with(q, "?") || starts_interrogative(q) ||
                                    (structured_ && !(have_cur_ && cur_.question && cur_.heading_level)));
    if (!question) return true; // e.g. "<summary>Answer</summary>" under a quiz heading
    Open o;
    o.line = summary_line;
    o.body_from = summary_line + 1;
    o.title = q;
    size_t after = sc == std::string::npos ? std::string::npos : summary.find('>', sc);
    if (after != std::string::npos) o.inline_answer = std::string(trim(summary.substr(after + 1)));
    open(o);
    cur_.limit = end + 1;
    close(end + 1);
    return true;
}

bool Parser::try_heading(int i) {
    if (!opt_.markdown) return false;
    int level = heading_level_[i];
    if (level == 0) return false;
    if (level < 0) return true; // setext underline: keep in the heading's passage
    std::string raw(L(i));
    bool numbered = false, labelled = false;
    heading_markers(raw, numbered, labelled);
    std::string q = clean_question(raw);
    if (q.empty()) return false;
    bool question = labelled || (numbered && numbered_headings_ask_) || ends_with(q, "?") ||
                    starts_interrogative(q);
    if (!question && !numbered) {
        // A deeper non-question heading belongs to the answer of the question
        // above it ("### Example").  Under a section it starts a sub-section
        // (a cheat sheet's "## Images" under "# Docker commands").  A numbered
        // one ("## 3. Pods" in a tutorial) is a step of its own.
        if (have_cur_ && cur_.question && last_heading_level_ && level > last_heading_level_) return false;
    }
    Open o;
    o.line = i;
    o.body_from = i + 1;
    o.title = q;
    o.question = question;
    o.heading_level = level;
    last_heading_level_ = level;
    open(o);
    return true;
}

// Plain-text notes: "# What ...?" is a question; other '#' lines are answer
// bullets, except a title before any passage ("# qt interview").
bool Parser::try_hash_line(int i) {
    if (opt_.markdown) return false;
    std::string_view v = ltrim(L(i));
    if (v.empty() || v[0] != '#') return false;
    std::string q = clean_question(v);
    if (ends_with(q, "?") && q.size() > 3) {
        open({.line = i, .body_from = i + 1, .title = q});
        return true;
    }
    if (!have_cur_ && title_like(q)) {
        open({.line = i, .body_from = i + 1, .question = false, .title = q});
        return true;
    }
    return false;
}

bool Parser::try_label(int i) {
    std::string rest;
    if (!question_label(L(i), rest)) return false;
    Open o;
    o.line = i;
    o.body_from = i + 1;
    // "Q: question? A: answer" on one line.
    std::string q = rest;
    for (std::string_view sep : {" A:", " A :", " Ans:", " Answer:"}) {
        size_t p = q.find(sep);
        if (p != std::string::npos) {
            o.inline_answer = std::string(trim(q.substr(p + sep.size())));
            q = q.substr(0, p);
            break;
        }
    }
    o.title = clean_question(q);
    if (o.title.empty()) { // "Question:" alone, text on the next line
        int k = next_nonblank(i);
        if (k < 0 || is_answer_label(L(k))) return false;
        o.title = clean_question(L(k));
        o.body_from = k + 1;
        skip_until_ = k; // the question line is taken: no detector may start on it again
    }
    open(o);
    return true;
}

bool Parser::has_answer_label_before_next_item(int i, int indent) const {
    for (int k = i + 1; k < n() && k < i + 60; ++k) {
        if (code_[k] || blank(k)) continue;
        std::string_view t = L(k), text;
        if (is_answer_label(t)) return true;
        if (numbered_line(t, text) && indent_of(t) <= indent) return false;
        if (is_separator(t) || (opt_.markdown && heading_level_[k] > 0)) return false;
    }
    return false;
}

// "1. **Scenario: X**" items with their own "Answer:" inside an entry.
bool Parser::try_subquestion(int i) {
    if (!have_cur_) return false;
    std::string_view text;
    if (!numbered_line(L(i), text)) return false;
    std::string q = clean_question(L(i));
    bool scenario = istarts_with(q, "scenario");
    if (!scenario) {
        // Generic "item + Answer:" sub-questions only inside entries and headed blocks.
        if (!(entry_mode_ || cur_.heading_level > 0)) return false;
        if (!has_answer_label_before_next_item(i, indent_of(L(i)))) return false;
    }
    int parent = cur_.parent;
    if (parent < 0) {
        close(i);
        parent = static_cast<int>(done_.size()) - 1;
    }
    Open o;
    o.line = i;
    o.body_from = i + 1;
    o.title = q;
    o.parent = parent;
    open(o);
    return true;
}

bool Parser::try_numbered(int i) {
    if (structured_ || entry_mode_) return false;
    std::string_view text;
    if (!numbered_line(L(i), text)) return false;
    std::string q = clean_question(L(i));
    if (!ends_with(q, "?") || q.size() < 4 || q.size() > 300) return false;
    open({.line = i, .body_from = i + 1, .title = q});
    return true;
}

// A run of bullets that are bold from end to end, outside any answer:
//   - <b>What did you learn this week?</b>
//   - <b>Tell me about your last project.</b>
// Each item is a question (often unanswered) when the run as a whole asks.
bool Parser::try_bold_list(int i) {
    if (entry_mode_) return false;
    std::string_view body = bold_bullet_body(L(i));
    if (body.empty() || body.find("](") != std::string_view::npos) return false;
    if (i > bold_run_end_) {
        // Bold bullets inside an answer are emphasis, unless the answer is that
        // of a sibling bullet question.
        if (have_cur_ && cur_.question && !(cur_.bullet && cur_.bullet_indent <= 1)) return false;
        bold_run_asks_ = bold_list_asks(i);
    }
    if (!bold_run_asks_) return false;
    std::string q = clean_question(body);
    if (!has_word_char(q)) return false;
    open({.line = i, .body_from = i + 1, .title = q, .bullet = true,
          .bullet_indent = indent_of(L(i))});
    return true;
}

// Vote over the run of bold bullets starting at line i (single blank lines
// allowed between items): true if at least half ask.  Remembers the run's end.
bool Parser::bold_list_asks(int i) {
    int items = 0, asking = 0, last = i;
    for (int k = i; k < n(); ++k) {
        if (blank(k)) {
            if (blank(k + 1)) break;
            continue;
        }
        std::string_view body = code_[k] ? std::string_view{} : bold_bullet_body(L(k));
        if (body.empty() || body.find("](") != std::string_view::npos) break;
        std::string q = clean_question(body);
        ++items;
        if (ends_with(q, "?") || starts_interrogative(q)) ++asking;
        last = k;
    }
    bold_run_end_ = last;
    return items > 0 && asking * 2 >= items;
}

bool Parser::try_bullet(int i) {
    if (structured_ || entry_mode_) return false;
    int indent = 0;
    char marker = 0;
    if (!is_list_item(L(i), &indent, &marker)) return false;
    std::string_view body = trim(ltrim(L(i)).substr(2));
    if (bold_only(body) || body.empty()) return false;
    std::string q = clean_question(body);
    if (!has_word_char(q) || q.size() > 400) return false;
    int k = next_nonblank(i);
    int kind = 0;
    char m2 = 0;
    bool answer_below = k > 0 && is_list_item(L(k), &kind, &m2) && kind > indent &&
                        bold_only(ltrim(L(k)).substr(2));
    bool asks = ends_with(q, "?");
    // Very short titles only with their own answer: "* ```tr```" + "- **answer**".
    if (q.size() < 3 && !answer_below) return false;
    if (indent <= 1) {
        if (!asks && !answer_below) return false;
        // A TOC or link list is not a question list.
        if (!asks && body.find("](") != std::string_view::npos) return false;
        open({.line = i, .body_from = i + 1, .title = q, .bullet = true, .bullet_indent = indent});
        return true;
    }
    return try_nested_bullet(i, indent, marker, body, q, asks, answer_below);
}

// A nested bullet under a bullet question: a sub-question when it asks or has
// its own bold answer below ("* What do these do?" / "  * tee" / "    - **...**").
bool Parser::try_nested_bullet(int i, int indent, char marker, std::string_view body,
                               const std::string& q, bool asks, bool answer_below) {
    if (!have_cur_ || !cur_.bullet) return false;
    if (!(asks || answer_below)) {
        // An item with no answer of its own: this list is what the question is
        // about, and its last item may carry the shared answer.
        if (cur_.plain_list_indent < 0) cur_.plain_list_indent = indent;
        return false;
    }
    if (indent == cur_.plain_list_indent && !asks) return false;
    // "- **Answer text ..." whose bold is never closed is an answer line.
    if (!asks && body.substr(0, 2) == "**") return false;
    if (marker == '-' && !answer_below) return false;
    int parent = cur_.parent;
    if (parent < 0) {
        close(i);
        parent = static_cast<int>(done_.size()) - 1;
    }
    open({.line = i, .body_from = i + 1, .title = q, .parent = parent, .bullet = true,
          .bullet_indent = indent});
    return true;
}

bool Parser::try_bare(int i) {
    if (structured_ || entry_mode_) return false;
    std::string_view t = L(i);
    if (indent_of(t) > 3) return false;
    std::string_view v = trim(t);
    if (v.empty() || v[0] == '|' || v[0] == '>' || v[0] == '<' || is_list_item(t)) return false;
    if (!ends_with(v, "?")) return false;
    std::string q = clean_question(v);
    if (q.size() < 6 || q.size() > 250) return false;
    // In a bullet-question file, prose lines are not questions.
    if (have_cur_ && cur_.bullet) return false;
    open({.line = i, .body_from = i + 1, .title = q});
    return true;
}

// Dash-separated entries: the first paragraph after a separator is the question.
bool Parser::try_entry(int i) {
    if (!entry_mode_ || !expect_entry_) return false;
    expect_entry_ = false;
    std::string text(trim(L(i)));
    int last = i;
    while (last + 1 < n() && !blank(last + 1) && last - i < 2 && !is_separator(L(last + 1))) {
        ++last;
        text += " " + std::string(trim(L(last)));
    }
    if (text.size() > 300) {
        text = std::string(trim(L(i)));
        last = i;
    }
    std::string q = clean_question(text);
    if (q.empty()) return false;
    open({.line = i, .body_from = last + 1, .title = q});
    return true;
}

// In plain-text sections (a job description), a short title line between
// blank lines starts a new section ("Requirements").
bool Parser::try_section_title(int i) {
    std::string q = clean_question(L(i));
    if (!have_cur_) {
        if (!has_word_char(q) || is_noise_line(L(i))) return false;
        if (q.size() > 80) q = q.substr(0, q.rfind(' ', 80)) + "...";
        open({.line = i, .body_from = title_like(clean_question(L(i))) ? i + 1 : i, .question = false,
              .title = q});
        return true;
    }
    if (opt_.markdown || cur_.question || !blank(i - 1) || !blank(i + 1) || !title_like(q) ||
        indent_of(L(i)) > 1)
        return false;
    if (is_list_item(L(i)) || ends_with(q, ":")) return false;
    open({.line = i, .body_from = i + 1, .question = false, .title = q});
    return true;
}

Passage Parser::finish(const Open& o) const {
    Passage p;
    p.file = file_;
    p.kind = o.question ? "question" : "section";
    p.question = o.title;
    p.line = o.line + 1;
    int end = o.line;
    std::string answer;
    if (!o.inline_answer.empty()) answer = o.inline_answer + "\n";
    int pending_blank = 0;
    for (int k = o.body_from; k < o.limit && k < n(); ++k) {
        std::string_view t = L(k);
        if (code_[k]) {
            for (; pending_blank > 0; --pending_blank) answer += "\n";
            answer += t;
            answer += "\n";
            end = k;
            continue;
        }
        if (trim(t).empty()) {
            if (!answer.empty()) pending_blank = 1;
            continue;
        }
        if (is_noise_line(t)) {
            if (!is_separator(t)) end = k; // an image line is still part of the passage
            continue;
        }
        std::string line(t);
        if (!opt_.markdown) { // '#' answer bullets of plain-text notes
            std::string_view v = ltrim(line);
            if (!v.empty() && v[0] == '#') {
                size_t h = v.find_first_not_of('#');
                line = std::string(h == std::string_view::npos ? "" : trim(v.substr(h)));
                if (is_separator(line) || line.empty()) continue;
            }
        }
        if (line.find("![") != std::string::npos) line = strip_links(line, true);
        for (; pending_blank > 0; --pending_blank) answer += "\n";
        answer += line;
        answer += "\n";
        end = k;
    }
    while (!answer.empty() && answer.back() == '\n') answer.pop_back();
    p.answer = std::move(answer);
    p.end_line = end + 1;
    if (o.parent >= 0 && o.parent < static_cast<int>(done_.size())) {
        p.parent_line = done_[o.parent].line + 1;
        p.parent_question = done_[o.parent].title;
    }
    // #tags in the passage text (not headings, not inside code).
    for (int k = o.line; k <= end && k < n(); ++k) {
        if (code_[k]) continue;
        std::string_view t = L(k);
        for (size_t pos = t.find('#'); pos != std::string_view::npos; pos = t.find('#', pos + 1)) {
            if (pos > 0 && !is_space(t[pos - 1])) continue;
            size_t e = pos + 1;
            while (e < t.size() && (is_alpha(t[e]) || is_digit(t[e]) || t[e] == '-' || t[e] == '_')) ++e;
            if (e - pos < 3 || !is_alpha(t[pos + 1])) continue;
            if (e < t.size() && !is_space(t[e]) && t[e] != ',' && t[e] != '.') continue;
            p.tags.push_back(ascii_lower(t.substr(pos + 1, e - pos - 1)));
        }
    }
    p.tags.insert(p.tags.end(), file_tags_.begin(), file_tags_.end());
    return p;
}

bool Parser::separator_line(int i) {
    std::string_view t = L(i);
    if ((opt_.markdown && heading_level_[i] != 0) || !is_separator(t)) return false;
    size_t len = 0;
    is_separator(t, &len);
    if (entry_mode_ && is_long_dash_separator(t)) {
        close(i);
        expect_entry_ = true;
    } else if (len >= 5 || !opt_.markdown) {
        // Long rules end a passage; a Markdown "---" is only a thematic break.
        close(i);
    }
    return true;
}

std::vector<Passage> Parser::run() {
    mark_code(text_);
    front_matter();
    detect_style();
    expect_entry_ = entry_mode_;
    for (int i = body_start_; i < n(); ++i) {
        if (i <= skip_until_ || code_[i] || blank(i)) continue;
        if (separator_line(i)) continue;
        bool started = try_details(i) || try_heading(i) || try_hash_line(i) || try_label(i) ||
                       try_numbered(i) || try_subquestion(i) || try_entry(i) || try_bold_list(i) ||
                       try_bullet(i) ||
                       try_bare(i) || try_section_title(i);
        (void)started;
        expect_entry_ = false;
    }
    close(n());
    std::vector<Passage> out;
    out.reserve(done_.size());
    for (const Open& o : done_) {
        Passage p = finish(o);
        // A title with nothing under it ("# qt interview", "## Contents") is not a passage.
        if (p.kind == "section" && trim(indexable_text(p.answer)).empty()) continue;
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace

ParseResult parse_notes(std::string_view bytes, const std::string& file, const ParseOptions& opt) {
    ParseResult r;
    Decoded d = decode_text(bytes);
    if (d.encoding == Encoding::windows1252)
        r.warnings.push_back("invalid UTF-8, decoded as windows-1252");
    else if (d.encoding == Encoding::utf16le || d.encoding == Encoding::utf16be)
        r.warnings.push_back(std::string("decoded from ") + encoding_name(d.encoding));
    if (d.had_nul) r.warnings.push_back("NUL bytes replaced");
    Parser parser(d.text, file, opt);
    r.passages = parser.run();
    return r;
}

ParseResult parse_notes(std::string_view bytes, const std::string& file) {
    ParseOptions opt;
    opt.markdown = is_markdown_path(file);
    return parse_notes(bytes, file, opt);
}

} // namespace crib
