// detectors.cpp - the question/answer detectors: an Outline in, passages out.
//
// They never ask which format a file was: readers (reader_*.cpp) have already
// marked headings, code, separators, cards and metadata.  Each try_* method
// recognises one way people write a question (detect_titles.cpp,
// detect_items.cpp); run() offers every line to them in order.
#include "formats/detectors.hpp"

#include "common/text.hpp"
#include "formats/detector_parser.hpp"
#include "formats/note_text.hpp"
#include "formats/question_lines.hpp"

#include <algorithm>
#include <map>

namespace crib {

namespace detect {

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
// True if the file's path or its first title says it is a FAQ ("docs/faq.org",
// "doc/build/faq/sessions.rst", "# Frequently asked questions").
bool Parser::is_faq() const {
    std::string title = out_.title;
    for (int i = body_start_; i < n() && title.empty(); ++i)
        if (heading_level_[i] > 0 && !code_[i]) title = clean_question(L(i));
    for (const std::string& s : {ascii_lower(file_), ascii_lower(title)})
        for (std::string_view w : {"faq", "frequently asked"})
            if (s.find(w) != std::string::npos) return true;
    return false;
}

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
    std::vector<int> at_level(7), asking_at_level(7);
    for (int i = body_start_; i < n(); ++i) {
        if (code_[i]) continue;
        std::string_view t = L(i);
        if (out_.lines[i].kind == LineKind::separator && is_long_dash_separator(t)) ++dash;
        if (heading_level_[i] > 0 && !blank(i)) { // (a title-less one only ends a scope)
            bool numbered = false, labelled = false;
            heading_markers(t, numbered, labelled);
            std::string c = clean_question(t);
            // Numbered headings structure the file either way (weak detectors off).
            if (labelled || numbered || asks(c)) ++strong;
            if (numbered) ++numbered_total;
            bool asking_heading = labelled || asks(c) || starts_interrogative(c);
            if (asking_heading || (numbered && body_has_answer_marker(i))) ++asking;
            int level = std::min(heading_level_[i], 6);
            ++at_level[level];
            asking_at_level[level] += asking_heading;
        }
        if (ascii_lower(t).find("<summary") != std::string::npos) ++strong;
    }
    // "### 11. Title" is a question in a Q&A or quiz file, but "## 3. Pods" is a
    // step in a numbered tutorial.  Trust the number when the file's headings do
    // ask (asking headings, including numbered ones with an answer marker, are at
    // least a third as many as the numbered ones), or when the document calls
    // itself a question set.
    numbered_headings_ask_ = asking * 3 >= numbered_total || announces_questions();
    // In a FAQ, a level whose headings mostly ask (two thirds of five or more)
    // is the level of the entries: its statement headings ("Doom crashes on
    // startup", an error message) are entries too.  Elsewhere such a heading is
    // a topic ("Detached HEAD" among "What is ...?").
    level_asks_.assign(7, 0);
    bool faq = is_faq();
    for (int l = 1; l <= 6 && faq; ++l)
        level_asks_[l] = at_level[l] >= 5 && asking_at_level[l] * 3 >= at_level[l] * 2;
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

// Headings at `level` or deeper end where a new heading of `level` starts.
void Parser::leave_headings(int level) {
    while (!headings_.empty() && headings_.back().level >= level)
        headings_.pop_back();
}

// Line i is a heading: later lines sit under it.
// A table of contents is a list of links, not the subject of what follows:
// deeper headings after it ("## Table of Contents" over "#### DevOps
// Questions") do not carry its title (every passage of such a file matched
// "table of contents").
static bool contents_title(const std::string& title) {
    std::string t = ascii_lower(trim(title));
    while (!t.empty() && (t.back() == ':' || t.back() == '.'))
        t.pop_back();
    return t == "table of contents" || t == "contents" || t == "toc" ||
           t == "\xE7\x9B\xAE\xE5\xBD\x95"; // 目录
}

void Parser::enter_heading(int i) {
    std::string title = clean_question(L(i));
    if (contents_title(title)) title.clear(); // keeps its level, gives no title
    headings_.push_back({heading_level_[i], std::move(title), out_.lines[i].tags});
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
    vote_item_runs();
    expect_entry_ = entry_mode_;
    if (!out_.title.empty()) headings_.push_back({0, out_.title, {}});
    for (int i = body_start_; i < n(); ++i) {
        LineKind kind = out_.lines[i].kind;
        if (kind == LineKind::heading && blank(i)) { // a title-less heading ends a scope
            leave_headings(std::max(1, out_.lines[i].level));
            continue;
        }
        if (kind == LineKind::meta && i > skip_until_) adopt_heading_tags(i);
        if (i > skip_until_ && code_[i] && !have_cur_) open_code_section(i);
        if (i <= skip_until_ || code_[i] || blank(i) || kind == LineKind::meta ||
            kind == LineKind::underline)
            continue;
        if (separator_line(i)) continue;
        if (kind == LineKind::comment) { // code comments: only their own detector
            // A comment that opens nothing while no passage is open ("# Count
            // the frequency in list" above the first numbered one, a prompt
            // after a rule cell) titles the text up to the next passage, as a
            // first paragraph does; it was in no passage.
            if (!try_comment(i) && !have_cur_) try_section_title(i);
            continue;
        }
        if (heading_level_[i] > 0) leave_headings(heading_level_[i]);
        bool started = try_card(i) || try_term(i) || try_details(i) || try_heading(i) ||
                       try_hash_line(i) || try_label(i) || try_numbered(i) || try_subquestion(i) ||
                       try_entry(i) || try_bold_list(i) || try_bullet(i) || try_continuation(i) ||
                       try_bare(i) || try_section_title(i);
        (void)started;
        if (heading_level_[i] > 0) enter_heading(i);
        // Under a section title of an entry file, a first paragraph that asks is an entry.
        after_title_ =
            entry_mode_ && heading_level_[i] > 0 && have_cur_ && cur_.line == i && !cur_.question;
        expect_entry_ = false;
    }
    close(n());
    // Code alone opened every passage: the note is not split (whole_file says so).
    if (!done_.empty() &&
        std::all_of(done_.begin(), done_.end(), [](const Open& o) { return o.code_section; }))
        return whole_file();
    number_repeated_titles();
    std::vector<Passage> out;
    out.reserve(done_.size());
    std::vector<Passage> bare; // titles with nothing under them that are no heading
    for (const Open& o : done_) {
        Passage p = finish(o);
        // A title with nothing under it ("# qt interview", "## Contents") is not a passage.
        if (p.kind == "section" && trim(indexable_text(p.answer)).empty()) {
            if (heading_level_[o.line] == 0) bare.push_back(std::move(p));
            continue;
        }
        out.push_back(std::move(p));
    }
    // ... unless it is all the note holds ("One line only" as a whole file,
    // which was indexed as no passage at all).
    if (!out.empty()) return out;
    if (!bare.empty()) return bare;
    return whole_file();
}

// Code with no passage open (a note opening with a code block, code after a
// rule that closed the last passage) is a section named after the file: it
// was in no passage, so its text was never found.
void Parser::open_code_section(int i) {
    open({.line = i,
          .body_from = i,
          .question = false,
          .title = std::string(name_stem(file_)),
          .code_section = true});
}

// A note in which nothing reads as a question or a title (a notebook of code
// cells, a Markdown file of one code block) is one section, named after the
// file: it was no passage at all, indexed but never found.
std::vector<Passage> Parser::whole_file() const {
    int first = 0;
    while (first < n() && (blank(first) || out_.lines[first].kind == LineKind::meta))
        ++first;
    if (first >= n()) return {};
    Open o{.line = first,
           .body_from = first,
           .limit = n(),
           .question = false,
           .title = std::string(name_stem(file_))};
    Passage p = finish(o);
    if (trim(indexable_text(p.answer)).empty()) return {};
    p.whole_file = true;
    return {std::move(p)};
}

} // namespace detect

std::vector<Passage> detect_passages(const Outline& outline, const std::string& file) {
    return detect::Parser(outline, file).run();
}

} // namespace crib
