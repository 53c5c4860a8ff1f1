// detectors.cpp - the question/answer detectors: an Outline in, passages out.
//
// They never ask which format a file was: readers (reader_*.cpp) have already
// marked headings, code, separators, cards and metadata.  Each try_* method
// recognises one way people write a question; run() offers every line to
// them in order.
#include "formats/detectors.hpp"

#include "formats/note_text.hpp"
#include "common/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

namespace crib {

// ---------------------------------------------------------------------------
// Line classification.

namespace {

bool is_long_dash_separator(std::string_view t) {
    size_t n = 0;
    t = trim(t);
    return !t.empty() && t[0] == '-' && is_separator(t, &n) && n >= 8;
}

bool is_noise_line(std::string_view t) {
    t = trim(t);
    if (t.empty()) return false;
    std::string low = ascii_lower(t);
    if (low == "copy code" || low == "save to grepper" || low == "copy" ||
        low == "copy to clipboard")
        return true;
    if (low.find("back to top") != std::string::npos ||
        t.find("\xE2\x86\xA5") != std::string_view::npos)
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
            while ((pos = t.find("](#", pos)) != std::string_view::npos) {
                ++links;
                ++pos;
            }
            if (links >= 1 && t.find("](http") == std::string_view::npos && trim(t).back() == ')')
                return !w.empty();
        }
    }
    return false;
}

const std::array<std::string_view, 26> kInterrogatives = {
    "what",    "what's",   "whats",  "why",           "how",       "when",  "where",
    "which",   "who",      "whom",   "whose",         "is",        "are",   "can",
    "could",   "do",       "does",   "did",           "should",    "would", "will",
    "explain", "describe", "define", "differentiate", "difference"};

std::string first_word(std::string_view s) {
    size_t i = 0;
    while (i < s.size() && !is_alpha(s[i]))
        ++i;
    size_t j = i;
    while (j < s.size() && (is_alpha(s[j]) || s[j] == '\''))
        ++j;
    return ascii_lower(s.substr(i, j - i));
}

/// "Explain ...", "Describe ...", "What ..." without a question mark: an
/// instruction that asks, as numbered question lists write them.
bool starts_imperative(std::string_view cleaned) {
    static const std::array<std::string_view, 24> verbs = {
        "explain", "describe", "define", "compare", "contrast",  "differentiate",
        "list",    "name",     "write",  "design",  "implement", "discuss",
        "outline", "tell",     "give",   "walk",    "what",      "why",
        "how",     "when",     "where",  "which",   "who",       "whats"};
    std::string w = first_word(cleaned);
    return std::find(verbs.begin(), verbs.end(), w) != verbs.end();
}

bool starts_interrogative(std::string_view cleaned) {
    std::string w = first_word(cleaned);
    return std::find(kInterrogatives.begin(), kInterrogatives.end(), w) != kInterrogatives.end();
}

/// "Answer:", "**Answer:**", "A:", "A :", "Ans:", "Ans -" at the start of a line.
bool is_answer_label(std::string_view t) {
    std::string s = strip_emphasis(trim(t));
    std::string_view v = ltrim(s);
    if (v.size() >= 2 && (v[0] == '-' || v[0] == '*') && is_space(v[1]))
        return false; // quiz options
    for (std::string_view label : {"answer", "ans", "a"}) {
        if (!istarts_with(v, label)) continue;
        std::string_view rest = ltrim(v.substr(label.size()));
        if (!rest.empty() && (rest[0] == ':' || (rest[0] == '-' && label != "a") ||
                              (rest[0] == '.' && label == "ans")))
            return true;
    }
    return false;
}

/// The line without a leading answer label ("**Answer:**", "Ans -" with a
/// capital, and after a "Q:" question also "A:", "A." and lower case); the
/// line itself when it has none ("a: 1" in YAML, "answer: 42 is the key").
std::string strip_answer_label(std::string_view line, bool dotted_a) {
    std::string_view v = ltrim(line);
    size_t em = 0;
    while (em < v.size() && em < 2 && (v[em] == '*' || v[em] == '_'))
        ++em;
    std::string_view open = v.substr(0, em);
    for (std::string_view label : {"answer", "ans", "a"}) {
        if (!istarts_with(v.substr(em), label)) continue;
        bool capital = em < v.size() && v[em] >= 'A' && v[em] <= 'Z';
        if (!dotted_a && (label == "a" || !capital)) continue; // only after "Q:"
        std::string_view rest = v.substr(em + label.size());
        bool closed = em && rest.substr(0, em) == open; // "**Answer**:"
        if (closed) rest.remove_prefix(em);
        rest = ltrim(rest);
        char c = rest.empty() ? 0 : rest[0];
        bool dot = c == '.' && (label == "ans" || (dotted_a && label == "a")) &&
                   (rest.size() == 1 || is_space(rest[1]));
        if (!(c == ':' || (c == '-' && label != "a") || dot)) continue;
        rest.remove_prefix(1);
        if (em && !closed && rest.substr(0, em) == open) { // "**Answer:**"
            rest.remove_prefix(em);
            closed = true;
        }
        rest = ltrim(rest);
        return (closed || !em ? "" : std::string(open)) + std::string(rest);
    }
    return std::string(line);
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

/// Numbered list line "12. text" / "12)text" / "#1. text" / "7 - text"; sets the text.
bool numbered_line(std::string_view line, std::string_view& text) {
    std::string_view v = ltrim(line);
    while (!v.empty() && v[0] == '#')
        v.remove_prefix(1);
    v = ltrim(v);
    if (size_t dash = dash_number_length(v)) {
        text = v.substr(dash);
        return true;
    }
    size_t j = 0;
    while (j < v.size() && j < 4 && is_digit(v[j]))
        ++j;
    if (!j) return false;
    size_t k = j;
    while (k < v.size() && is_space(v[k]))
        ++k;
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

void add_hash_tags(std::string_view t, std::vector<std::string>& tags);

/// Headings kept in a passage's heading path (the innermost ones).
constexpr size_t kMaxHeadingPath = 12;

struct Open {
    int line = 0;      // 0-based index of the title line
    int body_from = 0; // 0-based first answer line
    int limit = 0;     // 0-based exclusive end (set on close)
    bool question = true;
    std::string title;
    std::string inline_answer;               // answer text on the question line ("Q: x A: y")
    int heading_level = 0;                   // Markdown heading level that opened it
    int parent = -1;                         // index into passages for sub-questions
    std::vector<std::string> headings;       // titles of the enclosing headings
    std::vector<std::string> inherited_tags; // tags of the enclosing headings
    bool bullet = false;                     // opened by a bullet question
    int bullet_indent = 0;
    // Indent of a nested list under this bullet question whose items have no
    // answer of their own ("compare these two: * a * b"); its items are not
    // sub-questions.  -1 = none seen.
    int plain_list_indent = -1;
    bool closed = false;
    bool numbered = false; // opened by a numbered question line
    bool labelled = false; // opened by a "Q:" / "Question:" label ("A." then labels the answer)
};

class Parser {
  public:
    Parser(const Outline& outline, const std::string& file) : out_(outline), file_(file) {}

    std::vector<Passage> run();

  private:
    void mark_lines();
    void detect_style();
    bool separator_line(int i);
    bool try_card(int i);
    void leave_headings(int level);
    void enter_heading(int i);
    void adopt_heading_tags(int i);
    void number_repeated_titles();
    int src(int i) const {
        return i < n() ? out_.lines[i].source_line : (n() ? out_.lines.back().source_line : 1);
    }
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
    std::string_view L(int i) const { return out_.lines[i].text; }
    bool blank(int i) const { return i < 0 || i >= n() || trim(L(i)).empty(); }
    int n() const { return static_cast<int>(out_.lines.size()); }
    Passage finish(const Open& o) const;

    const Outline& out_;
    const std::string& file_;
    std::vector<char> code_;
    std::vector<int> heading_level_; // 0 = not a heading line
    bool entry_mode_ = false;
    bool structured_ = false;           // headings/details carry the questions
    bool numbered_headings_ask_ = true; // "### 11. Title" is a question (see detect_style)
    bool expect_entry_ = false;
    bool after_title_ = false;   // the line before was a section title (entry files)
    int skip_until_ = -1;        // inside a <details> block: no splitting up to this line
    int bold_run_end_ = -1;      // last line of the bold-bullet run voted on last
    bool bold_run_asks_ = false; // that run's verdict (each run is scanned once)
    int last_heading_level_ = 0;
    int body_start_ = 0; // first line that is not metadata
    struct HeadingFrame {
        int level;
        std::string title;
        std::vector<std::string> tags;
    };
    std::vector<HeadingFrame> headings_; // the headings the current line sits under
    std::vector<Open> done_;
    Open cur_;
    bool have_cur_ = false;
};

// Per-line flags the detectors consult, from the outline's kinds.
void Parser::mark_lines() {
    code_.assign(out_.lines.size(), 0);
    heading_level_.assign(out_.lines.size(), 0);
    for (int i = 0; i < n(); ++i) {
        const OutlineLine& l = out_.lines[i];
        if (l.kind == LineKind::code)
            code_[i] = 1;
        else if (l.kind == LineKind::heading)
            heading_level_[i] = std::max(1, l.level);
        else if (l.kind == LineKind::underline)
            heading_level_[i] = -1;
    }
    while (body_start_ < n() && out_.lines[body_start_].kind == LineKind::meta)
        ++body_start_;
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
        if (is_answer_label(t) || is_option_line(t) ||
            ascii_lower(t).find("<details") != std::string::npos)
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
        if (out_.lines[i].kind == LineKind::separator && is_long_dash_separator(t)) ++dash;
        if (heading_level_[i] > 0) {
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
    // The innermost kMaxHeadingPath headings: an org file can nest thousands
    // deep, and every passage copying them all was quadratic (7 GB for one file).
    size_t from = headings_.size() > kMaxHeadingPath ? headings_.size() - kMaxHeadingPath : 0;
    for (size_t k = from; k < headings_.size(); ++k) {
        const HeadingFrame& h = headings_[k];
        // A front-matter title repeated as the first heading appears once.
        if (!h.title.empty() && (o.headings.empty() || o.headings.back() != h.title))
            o.headings.push_back(h.title);
        o.inherited_tags.insert(o.inherited_tags.end(), h.tags.begin(), h.tags.end());
    }
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
        for (size_t p = 0; (p = lk.find("<details", p)) != std::string::npos; ++p)
            ++depth;
        if (summary_line < 0 && lk.find("<summary") != std::string::npos) summary_line = k;
        for (size_t p = 0; (p = lk.find("</details", p)) != std::string::npos; ++p)
            --depth;
        if (depth <= 0) {
            end = k;
            break;
        }
    }
    skip_until_ = end;
    if (summary_line < 0 || summary_line > i + 3) return true; // part of the current answer
    // Summary text may run onto following lines until </summary>.
    std::string summary(L(summary_line));
    for (int k = summary_line + 1;
         k <= end && ascii_lower(summary).find("</summary") == std::string::npos; ++k)
        summary += " " + std::string(L(k));
    std::string lowsum = ascii_lower(summary);
    size_t so = lowsum.find("<summary"), sc = lowsum.find("</summary");
    std::string inner = summary.substr(so, sc == std::string::npos ? std::string::npos : sc - so);
    std::string q = clean_question(inner);
    std::string w = first_word(q);
    bool answer_box = q.empty() || w == "answer" || w == "solution" || w == "show" || w == "hint" ||
                      w == "click" || w == "expand" || w == "output" || w == "ans" ||
                      w == "spoiler" || w == "view" || w == "see" || w == "reveal" || w == "result";
    bool question =
        !answer_box && (ends_with(q, "?") || starts_interrogative(q) ||
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
        if (have_cur_ && cur_.question && last_heading_level_ && level > last_heading_level_)
            return false;
    }
    Open o;
    o.line = i;
    o.body_from = i + 1;
    o.title = q;
    o.question = question;
    o.labelled = labelled;
    o.heading_level = level;
    last_heading_level_ = level;
    open(o);
    return true;
}

// Plain-text notes: "# What ...?" is a question; other '#' lines are answer
// bullets, except a title before any passage ("# qt interview").
bool Parser::try_hash_line(int i) {
    if (out_.lines[i].kind != LineKind::hash_line) return false;
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
    o.labelled = true;
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
        if (out_.lines[k].kind == LineKind::separator || heading_level_[k] > 0) return false;
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
    if (q.size() < 4 || q.size() > 300) return false;
    // "3. Explain X." asks too in a numbered question list: at the margin,
    // right after a numbered question (a tutorial's "1. Define ..." is a step).
    bool imperative =
        starts_imperative(q) && indent_of(L(i)) == 0 && have_cur_ && cur_.question && cur_.numbered;
    if (!ends_with(q, "?") && !imperative) return false;
    if (imperative && ends_with(q, ".")) q.pop_back();
    open({.line = i, .body_from = i + 1, .title = q, .numbered = true});
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
    open({.line = i,
          .body_from = i + 1,
          .title = q,
          .bullet = true,
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
    // "- Explain why X" with nested answer bullets asks too (outliners).
    if (!asks && k > 0 && indent_of(L(k)) > indent && starts_imperative(q) && title_like(q))
        asks = true;
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
    open({.line = i,
          .body_from = i + 1,
          .title = q,
          .parent = parent,
          .bullet = true,
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
    if (!entry_mode_ || !(expect_entry_ || after_title_)) return false;
    bool after_title = after_title_ && !expect_entry_;
    expect_entry_ = after_title_ = false;
    std::string text(trim(L(i)));
    int last = i;
    // "What is X?" or "Design a URL shortener" on a line of its own: the
    // answer starts on the next line, not after the paragraph.
    std::string first = clean_question(text);
    bool one_line = ends_with(first, "?") || (starts_imperative(first) && title_like(first));
    if (after_title && !one_line) return false;
    while (!one_line && last + 1 < n() && !blank(last + 1) && last - i < 2 &&
           !is_separator(L(last + 1))) {
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
        open({.line = i,
              .body_from = title_like(clean_question(L(i))) ? i + 1 : i,
              .question = false,
              .title = q});
        return true;
    }
    if (!out_.bare_titles || cur_.question || !blank(i - 1) || !blank(i + 1) || !title_like(q) ||
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
    p.line = src(o.line);
    p.headings = o.headings;
    int end = o.line;
    std::string answer;
    if (!o.inline_answer.empty()) answer = o.inline_answer + "\n";
    int pending_blank = 0;
    for (int k = o.body_from; k < o.limit && k < n(); ++k) {
        std::string_view t = L(k);
        LineKind kind = out_.lines[k].kind;
        if (kind == LineKind::meta) // its tags count even after the last answer line
            p.tags.insert(p.tags.end(), out_.lines[k].tags.begin(), out_.lines[k].tags.end());
        if (kind == LineKind::meta || kind == LineKind::underline || kind == LineKind::separator)
            continue;
        if (code_[k]) {
            for (; pending_blank > 0; --pending_blank)
                answer += "\n";
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
        if (out_.lines[k].kind == LineKind::hash_line) { // '#' answer bullets of plain-text notes
            std::string_view v = ltrim(line);
            if (!v.empty() && v[0] == '#') {
                size_t h = v.find_first_not_of('#');
                line = std::string(h == std::string_view::npos ? "" : trim(v.substr(h)));
                if (is_separator(line) || line.empty()) continue;
            }
        }
        if (line.find("![") != std::string::npos) line = strip_links(line, true);
        if (o.question && answer.empty()) { // "A: ..." labels the answer, it is not part of it
            line = strip_answer_label(line, o.labelled);
            end = k;
            if (trim(line).empty()) continue;
        }
        for (; pending_blank > 0; --pending_blank)
            answer += "\n";
        answer += line;
        answer += "\n";
        end = k;
    }
    while (!answer.empty() && answer.back() == '\n')
        answer.pop_back();
    p.answer = std::move(answer);
    p.end_line = src(end);
    if (o.parent >= 0 && o.parent < static_cast<int>(done_.size())) {
        p.parent_line = src(done_[o.parent].line);
        p.parent_question = done_[o.parent].title;
    }
    // #tags in the passage text (not inside code), tags the format put on its
    // lines, tags inherited from the headings above, and the file's tags.
    for (int k = o.line; k <= end && k < n(); ++k) {
        p.tags.insert(p.tags.end(), out_.lines[k].tags.begin(), out_.lines[k].tags.end());
        if (!code_[k] && out_.lines[k].kind != LineKind::meta) add_hash_tags(L(k), p.tags);
    }
    p.tags.insert(p.tags.end(), o.inherited_tags.begin(), o.inherited_tags.end());
    p.tags.insert(p.tags.end(), out_.file_tags.begin(), out_.file_tags.end());
    return p;
}

// "#tag", "#k8s/pods" (a nested tag also yields its parents: "k8s") in a line.
void add_hash_tags(std::string_view t, std::vector<std::string>& tags) {
    for (size_t pos = t.find('#'); pos != std::string_view::npos; pos = t.find('#', pos + 1)) {
        if (pos > 0 && !is_space(t[pos - 1])) continue;
        size_t e = pos + 1;
        while (e < t.size() && (is_alpha(t[e]) || is_digit(t[e]) || t[e] == '-' || t[e] == '_' ||
                                (t[e] == '/' && e > pos + 1)))
            ++e;
        while (e > pos + 1 && t[e - 1] == '/')
            --e;
        if (e - pos < 3 || !is_alpha(t[pos + 1])) continue;
        if (e < t.size() && !is_space(t[e]) && t[e] != ',' && t[e] != '.') continue;
        std::string tag = ascii_lower(t.substr(pos + 1, e - pos - 1));
        for (size_t slash = tag.find('/'); slash != std::string::npos;
             slash = tag.find('/', slash + 1))
            tags.push_back(tag.substr(0, slash));
        tags.push_back(tag);
    }
}

// Headings at `level` or deeper end where a new heading of `level` starts.
void Parser::leave_headings(int level) {
    while (!headings_.empty() && headings_.back().level >= level)
        headings_.pop_back();
}

// Line i is a heading: later lines sit under it.
void Parser::enter_heading(int i) {
    headings_.push_back({heading_level_[i], clean_question(L(i)), out_.lines[i].tags});
}

// Metadata line i carries tags ("#k8s #interview" under an Obsidian heading,
// a Logseq tags:: property): right below a heading they tag the heading's
// section and every section under it.
void Parser::adopt_heading_tags(int i) {
    const std::vector<std::string>& tags = out_.lines[i].tags;
    if (tags.empty() || headings_.empty()) return;
    int k = i - 1;
    while (k >= 0 && (blank(k) || out_.lines[k].kind == LineKind::meta))
        --k;
    while (k >= 0 && heading_level_[k] < 0) // a setext underline: its title is above
        --k;
    if (k < 0 || heading_level_[k] <= 0 || code_[k]) return;
    std::vector<std::string>& frame = headings_.back().tags;
    frame.insert(frame.end(), tags.begin(), tags.end());
    if (have_cur_ && cur_.line == k)
        cur_.inherited_tags.insert(cur_.inherited_tags.end(), tags.begin(), tags.end());
}

// The same question written more than once in a file ("1. What's the output?",
// "2. What's the output?"): each keeps its written number, or hit lists,
// related questions and quiz cards show the same line many times.
void Parser::number_repeated_titles() {
    std::map<std::string, int> count;
    for (const Open& o : done_)
        ++count[o.title];
    for (Open& o : done_) {
        if (count[o.title] < 2) continue;
        std::string number = written_number(L(o.line));
        if (!number.empty()) o.title = number + ". " + o.title;
    }
}

// The front of a flash card (an Anki or CSV row) is a question; the lines up
// to the next card are its answer and are not searched for questions.
bool Parser::try_card(int i) {
    if (out_.lines[i].kind != LineKind::card) return false;
    int last = i;
    while (last + 1 < n() && out_.lines[last + 1].kind != LineKind::card)
        ++last;
    open({.line = i, .body_from = i + 1, .title = clean_question(L(i))});
    skip_until_ = last;
    return true;
}

bool Parser::separator_line(int i) {
    std::string_view t = L(i);
    if (out_.lines[i].kind != LineKind::separator) return false;
    if (entry_mode_ && is_long_dash_separator(t)) {
        close(i);
        expect_entry_ = true;
    } else if (out_.lines[i].level > 0) {
        // Long rules end a passage; a Markdown "---" is only a thematic break.
        close(i);
    }
    return true;
}

std::vector<Passage> Parser::run() {
    mark_lines();
    detect_style();
    expect_entry_ = entry_mode_;
    if (!out_.title.empty()) headings_.push_back({0, out_.title, {}});
    for (int i = body_start_; i < n(); ++i) {
        LineKind kind = out_.lines[i].kind;
        if (kind == LineKind::meta && i > skip_until_) adopt_heading_tags(i);
        if (i <= skip_until_ || code_[i] || blank(i) || kind == LineKind::meta ||
            kind == LineKind::underline)
            continue;
        if (separator_line(i)) continue;
        if (heading_level_[i] > 0) leave_headings(heading_level_[i]);
        bool started = try_card(i) || try_details(i) || try_heading(i) || try_hash_line(i) ||
                       try_label(i) || try_numbered(i) || try_subquestion(i) || try_entry(i) ||
                       try_bold_list(i) || try_bullet(i) || try_bare(i) || try_section_title(i);
        (void)started;
        if (heading_level_[i] > 0) enter_heading(i);
        // Under a section title of an entry file, a first paragraph that asks is an entry.
        after_title_ =
            entry_mode_ && heading_level_[i] > 0 && have_cur_ && cur_.line == i && !cur_.question;
        expect_entry_ = false;
    }
    close(n());
    number_repeated_titles();
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

std::vector<Passage> detect_passages(const Outline& outline, const std::string& file) {
    return Parser(outline, file).run();
}

} // namespace crib
