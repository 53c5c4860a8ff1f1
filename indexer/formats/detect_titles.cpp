// detect_titles.cpp - questions and sections that a title opens: headings,
// <details><summary> boxes, plain-text "# ..." lines, the first paragraph of
// a dash-separated entry, short title lines of plain text.
#include "common/text.hpp"
#include "formats/detector_parser.hpp"
#include "formats/note_text.hpp"
#include "formats/question_lines.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace crib::detect {

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
        !answer_box && (asks(q) || starts_interrogative(q) ||
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

/// A heading that only names a part of an answer: "Problem", "Solution",
/// "Steps to troubleshoot", "Common causes", "Example".
static bool answer_part_label(const std::string& title) {
    static const std::array<std::string_view, 24> labels = {
        "problem",         "description",   "symptom",    "symptoms",    "cause",
        "causes",          "common causes", "root cause", "steps",       "steps to troubleshoot",
        "troubleshooting", "diagnosis",     "solution",   "solutions",   "fix",
        "resolution",      "workaround",    "example",    "examples",    "explanation",
        "answer",          "details",       "prevention", "verification"};
    std::string low = ascii_lower(trim(title));
    while (!low.empty() && (low.back() == ':' || low.back() == '.'))
        low.pop_back();
    return std::find(labels.begin(), labels.end(), low) != labels.end();
}

/// True if a heading deeper than `level` follows line i before one at
/// `level` or above: a "## Troubleshooting" with sections of its own.
bool Parser::has_subheadings(int i, int level) const {
    for (int k = i + 1; k < n(); ++k) {
        if (heading_level_[k] <= 0) continue;
        return heading_level_[k] > level;
    }
    return false;
}

bool Parser::try_heading(int i) {
    int level = heading_level_[i];
    if (level == 0) return false;
    if (level < 0) return true; // setext underline: keep in the heading's passage
    std::string raw(L(i));
    bool numbered = false, labelled = false;
    heading_markers(raw, numbered, labelled);
    std::string q = clean_question(raw);
    if (q.empty()) return labelled && open_question_below(i); // "## Question:" alone
    if (try_label_heading(i, q)) return true;
    // "### When ACID matters" under a question, or under an "## Answer"
    // heading, is a part of that answer.
    bool under_answer = std::any_of(headings_.begin(), headings_.end(), [](const HeadingFrame& h) {
        return heading_label(h.title) == HeadingLabel::answer;
    });
    // A list item's question ends at any heading: a heading is never inside
    // a list item (qcrao's checklist took "==== redis/codis" and "==== mysql"
    // as the answer of its last item).
    const bool heading_question = have_cur_ && cur_.question && cur_.heading_level > 0;
    bool in_answer =
        under_answer || (heading_question && last_heading_level_ && level > last_heading_level_);
    // "## Why", "## How" alone name the parts of a topic's notes, not a question.
    bool bare_word = std::all_of(
        q.begin(), q.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    bool question = labelled || (numbered && numbered_headings_ask_) || asks(q) ||
                    (starts_interrogative(q) && !in_answer && !bare_word) ||
                    level_asks_[std::min(level, 6)];
    // "#### Problem", "#### Steps to troubleshoot" under "## Scenario 4: pod
    // stays pending": labels of the parts of one answer, not passages.
    // Not under a level-1 title: "# Docker" then "## Example" is a section of
    // the document.
    if (!question && !numbered && have_cur_ && cur_.heading_level > 1 &&
        level > cur_.heading_level && answer_part_label(q) && !has_subheadings(i, level))
        return false;
    if (!question && !numbered) {
        // A deeper non-question heading belongs to the answer of the question
        // above it ("### Example").  Under a section it starts a sub-section
        // (a cheat sheet's "## Images" under "# Docker commands").  A numbered
        // one ("## 3. Pods" in a tutorial) is a step of its own.
        if (heading_question && last_heading_level_ && level > last_heading_level_) return false;
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

// A heading that is only a question label ("# Question (EN)", see
// heading_label) with the question in the paragraph below it (often a "> "
// quote) opens that question on the paragraph's line.  ("## Answer (EN)"
// stays a section of its own: folding it and its sub-sections into the
// question made one long passage of two languages and ranked worse.)
bool Parser::try_label_heading(int i, const std::string& q) {
    return heading_label(q) == HeadingLabel::question && open_question_below(i);
}

// Opens the question written in the paragraph below label heading i.
bool Parser::open_question_below(int i) {
    int k = next_nonblank(i);
    if (k < 0 || code_[k] || heading_level_[k] != 0 || out_.lines[k].kind != LineKind::text)
        return false;
    std::string_view text = ltrim(L(k));
    while (!text.empty() && text[0] == '>')
        text = ltrim(text.substr(1));
    std::string title = clean_question(text);
    if (!has_word_char(title)) return false;
    last_heading_level_ = heading_level_[i];
    open({.line = k, .body_from = k + 1, .title = title, .heading_level = heading_level_[i]});
    skip_until_ = k; // the question line is taken
    return true;
}

// Plain-text notes: "# What ...?" is a question; other '#' lines are answer
// bullets, except a title before any passage ("# qt interview").
bool Parser::try_hash_line(int i) {
    if (out_.lines[i].kind != LineKind::hash_line) return false;
    std::string_view v = ltrim(L(i));
    if (v.empty() || v[0] != '#') return false;
    std::string q = clean_question(v);
    if (asks(q) && q.size() > 3) {
        open({.line = i, .body_from = i + 1, .title = q});
        return true;
    }
    if (!have_cur_ && title_like(q)) {
        open({.line = i, .body_from = i + 1, .question = false, .title = q});
        return true;
    }
    return false;
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
    bool one_line = asks(first) || (starts_imperative(first) && title_like(first));
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
    if (is_list_item(L(i)) || ends_with(q, ":") || !paragraph_below(i)) return false;
    open({.line = i, .body_from = i + 1, .question = false, .title = q});
    return true;
}

// A bare title needs a body: the next paragraph exists and is not one more
// line like it.  Notes written as one-line paragraphs ("Kafka notes", then
// "partitions give ordering per key", ...) are text, not titles each with
// nothing under it (each was dropped as an empty section, and the file
// had no passage).
bool Parser::paragraph_below(int i) const {
    int j = next_nonblank(i);
    if (j < 0 || heading_level_[j] > 0 || is_separator(L(j))) return false;
    if (code_[j] || !blank(j + 1) || indent_of(L(j)) > 1 || is_list_item(L(j))) return true;
    std::string next = clean_question(L(j));
    return !title_like(next) || ends_with(next, ":");
}

} // namespace crib::detect
