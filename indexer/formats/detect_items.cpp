// detect_items.cpp - questions that a line item opens: "Q:" labels, bare
// "...?" lines, numbered questions and their "Scenario" sub-questions, bold
// bullet runs and bullet questions at any depth of an outline.
#include "common/text.hpp"
#include "formats/detector_parser.hpp"
#include "formats/note_text.hpp"
#include "formats/question_lines.hpp"

#include <algorithm>

namespace crib::detect {

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

// The next line of a bullet question's own text that asks too: one block
// holding several questions ("- 1. What is ZooKeeper?" / "  2. What does it
// offer?") gives a question per line, siblings of the first.
bool Parser::try_continuation(int i) {
    if (!have_cur_ || !cur_.bullet || !cur_.question || cur_.line != i - 1 ||
        out_.lines[i].kind != LineKind::text || is_list_item(L(i)) ||
        indent_of(L(i)) <= cur_.bullet_indent)
        return false;
    std::string q = clean_question(L(i));
    if (!asks(q) || q.size() > 400) return false;
    open({.line = i,
          .body_from = i + 1,
          .title = q,
          .parent = cur_.parent,
          .bullet = true,
          .bullet_indent = cur_.bullet_indent});
    return true;
}

bool Parser::try_bare(int i) {
    if (structured_ || entry_mode_) return false;
    std::string_view t = L(i);
    if (indent_of(t) > 3) return false;
    std::string_view v = trim(t);
    if (v.empty() || v[0] == '|' || v[0] == '>' || v[0] == '<' || is_list_item(t)) return false;
    if (!asks(v)) return false;
    std::string q = clean_question(v);
    if (q.size() < 6 || q.size() > 250) return false;
    // In a bullet-question file, prose lines are not questions.
    if (have_cur_ && cur_.bullet) return false;
    open({.line = i, .body_from = i + 1, .title = q});
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
    // Chinese numbered questions often go without "？": "3. Kafka如何保证数据时序性".
    bool cjk = cjk_line_asks(q);
    // An item right after a numbered question at the same indent is its
    // sibling, not its answer: in a checklist ("1. 项目中为何选择Kafka",
    // "2. 消息队列的优缺点") the second was taken as the first one's answer.
    bool sibling = have_cur_ && cur_.question && cur_.numbered && cur_.line == i - 1 &&
                   indent_of(L(i)) == indent_of(L(cur_.line)) && votes_with_run(text, q);
    if (!asks(q) && !imperative && !cjk && !sibling) return false;
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
        if (asks(q) || starts_interrogative(q)) ++asking;
        last = k;
    }
    bold_run_end_ = last;
    return items > 0 && asking * 2 >= items;
}

// Runs of sibling list items (one indent, nothing shallower between them):
// each item of a run where at least half the items ask is marked, so that
// "Oracle JDK vs OpenJDK" among "Why ...?" siblings is a question too.
void Parser::vote_item_runs() {
    run_asks_.assign(out_.lines.size(), 0);
    leaf_run_parent_.assign(out_.lines.size(), -1);
    item_parent_.assign(out_.lines.size(), -1);
    if (structured_ || entry_mode_) return; // bullets do not carry questions there
    struct Run {
        int indent;
        std::vector<int> items;
        int asking;
        int leaves = 0;
        int parent = -1; // the item the run is nested under
    };
    std::vector<Run> runs;
    int leaves = 0, leaves_asking = 0;
    auto flush = [&] {
        const Run& r = runs.back();
        if (r.items.size() >= 2 && r.asking * 2 >= static_cast<int>(r.items.size()))
            for (int k : r.items)
                run_asks_[k] = 1;
        if (r.items.size() >= 2 && r.leaves == static_cast<int>(r.items.size()))
            for (int k : r.items)
                leaf_run_parent_[k] = r.parent;
        runs.pop_back();
    };
    for (int i = body_start_; i < n(); ++i) {
        LineKind kind = out_.lines[i].kind;
        if (code_[i] || blank(i) || kind == LineKind::meta || kind == LineKind::underline) continue;
        bool item = kind == LineKind::text && is_list_item(L(i));
        int indent = kind == LineKind::text ? indent_of(L(i)) : -1; // titles end every run
        while (!runs.empty() &&
               (runs.back().indent > indent || (!item && runs.back().indent >= indent)))
            flush();
        if (!item) continue;
        if (runs.empty() || runs.back().indent < indent)
            runs.push_back({indent, {}, 0, 0, runs.empty() ? -1 : runs.back().items.back()});
        runs.back().items.push_back(i);
        item_parent_[i] = runs.back().parent;
        // Cleaning only removes text: without a question mark it cannot ask.
        std::string_view text = ltrim(L(i)).substr(2);
        bool asking = (text.find('?') != std::string_view::npos ||
                       text.find("\xEF\xBC\x9F") != std::string_view::npos) &&
                      asks(clean_question(text));
        if (asking) ++runs.back().asking;
        if (!has_children(i)) {
            ++runs.back().leaves;
            ++leaves;
            leaves_asking += asking;
        }
    }
    while (!runs.empty())
        flush();
    // A checklist: at least a quarter of the items with nothing under them ask
    // ("* What is zero-copy?" among "* mvcc", "* covering indexes").
    checklist_ = leaves >= 8 && leaves_asking * 4 >= leaves;
}

// An item that does not ask but stands among siblings that do: short, not a
// sentence, not a link list.
bool votes_with_run(std::string_view body, const std::string& q) {
    if (q.size() > 200 || body.find("](") != std::string_view::npos) return false;
    if (q.rfind("http://", 0) == 0 || q.rfind("https://", 0) == 0) return false; // a bare link
    return !(ends_with(q, ".") || ends_with(q, "\xE3\x80\x82"));                 // '.' and '。'
}

// True if a line deeper than line i follows it (metadata and blank lines skipped).
bool Parser::has_children(int i) const {
    for (int k = i + 1; k < n(); ++k) {
        if (blank(k) || out_.lines[k].kind == LineKind::meta) continue;
        return out_.lines[k].kind == LineKind::code || indent_of(L(k)) > indent_of(L(i));
    }
    return false;
}

// A comment of a cell written as comments: a numbered entry ("3. What is a
// URI?", "B1. Given a list:") or a "Q:" label opens a question, and so does a
// question right above an answer label ("Why ...?" / "Answer: ...").  The
// answer is what follows, up to the next such comment.  Other comments are
// answer text.
bool Parser::try_comment(int i) {
    if (out_.lines[i].kind != LineKind::comment) return false;
    std::string_view line = L(i);
    if (comment_number(line) && !entry_number(line)) // "1: Find ..." without its "1:"
        line = ltrim(line.substr(line.find(':') + 1));
    std::string q = clean_question(line);
    if (!has_word_char(q)) return false;
    std::string rest;
    bool labelled = question_label(L(i), rest);
    bool numbered = comment_number(L(i));
    int k = next_nonblank(i);
    bool answered = asks(q) && k > 0 && is_answer_label(L(k));
    if (!numbered && !labelled && !answered) return false;
    open({.line = i, .body_from = i + 1, .title = q, .numbered = numbered, .labelled = labelled});
    return true;
}

// A description-list term ("What is a cgroup?::", "Idempotency:: ..."): a
// question whose answer is the text under it, up to the next term or question.
// Inside the answer of another question a term that does not ask is part of
// that answer ("GET:: ..." under "Which HTTP verbs are idempotent?").
bool Parser::try_term(int i) {
    if (out_.lines[i].kind != LineKind::term) return false;
    std::string q = clean_question(L(i));
    if (!has_word_char(q)) return false;
    bool in_answer = have_cur_ && cur_.question && !cur_.term;
    if (in_answer && !asks(q)) return false;
    int parent = have_cur_ && cur_.term ? cur_.parent : -1;
    if (in_answer) {
        parent = cur_.parent;
        if (parent < 0) {
            close(i);
            parent = static_cast<int>(done_.size()) - 1;
        }
    }
    open({.line = i, .body_from = i + 1, .title = q, .parent = parent, .term = true});
    return true;
}

// A topic bullet that says its items are questions or problems: "推理题",
// "过河/过桥 问题", "Interview questions", "Puzzles" (not "Tools I use").
static bool names_questions(std::string_view title) {
    std::string t = ascii_lower(trim(title));
    for (std::string_view end : {"\xE9\xA2\x98", "\xE9\x97\xAE\xE9\xA2\x98"}) // 题, 问题
        if (ends_with(t, end)) return true;
    for (std::string_view w : {"question", "problem", "puzzle", "interview", "quiz", "exercise"})
        if (t.find(w) != std::string::npos) return true;
    return false;
}

// A line that names where notes came from ("via: [title](url)", "来源：..."):
// never a question, whatever its title asks.
static bool source_label(std::string_view body) {
    for (std::string_view l : {"via:", "source:", "from:", "ref:", "\xE6\x9D\xA5\xE6\xBA\x90"})
        if (istarts_with(body, l)) return true; // the last is 来源
    return false;
}

// True if the item at line i sits directly under a list of references
// ("- Refs", "- See also", "- 参考资料"): its entries are titles of pages
// ("Java 集合存入数据时会自动排序吗？ - 知乎"), not questions of the notes.
bool Parser::under_references(int i) const {
    static const std::array<std::string_view, 11> labels = {
        "refs",
        "ref",
        "references",
        "reference",
        "see also",
        "links",
        "sources",
        "resources",
        "\xE5\x8F\x82\xE8\x80\x83",
        "\xE5\x8F\x82\xE8\x80\x83\xE8\xB5\x84\xE6\x96\x99",
        "\xE5\x8F\x82\xE8\x80\x83\xE9\x93\xBE\xE6\x8E\xA5"}; // 参考, 参考资料, 参考链接
    int p = item_parent_[i];
    if (p < 0) return false;
    std::string low = ascii_lower(clean_question(trim(ltrim(L(p)).substr(2))));
    while (!low.empty() && (low.back() == ':' || low.back() == ' '))
        low.pop_back();
    return std::find(labels.begin(), labels.end(), low) != labels.end();
}

bool Parser::try_bullet(int i) {
    if (structured_ || entry_mode_) return false;
    BulletItem b;
    if (!is_list_item(L(i), &b.indent, &b.marker)) return false;
    b.body = trim(ltrim(L(i)).substr(2));
    if (bold_only(b.body) || b.body.empty()) return false;
    b.q = clean_question(b.body);
    if (!has_word_char(b.q) || b.q.size() > 400) return false;
    if (source_label(b.body)) return false;
    int k = next_nonblank(i);
    int kind = 0;
    char m2 = 0;
    b.answer_below = k > 0 && is_list_item(L(k), &kind, &m2) && kind > b.indent &&
                     bold_only(ltrim(L(k)).substr(2));
    b.asks = asks(b.q) || has_cjk_question_word(b.q);
    // "- Explain why X" with nested answer bullets asks too (outliners).
    if (!b.asks && k > 0 && indent_of(L(k)) > b.indent && starts_imperative(b.q) && title_like(b.q))
        b.asks = true;
    // Under "Refs"/"参考资料" a link ("[Java 集合存入数据时会自动排序吗？ - 知乎](...)")
    // names a page, and an item that does not ask is an entry of the list.
    if (under_references(i) &&
        (!b.asks || b.body.find("](") != std::string_view::npos || b.q.rfind("http", 0) == 0))
        return false;
    // A topic with notes under it ("Copy-on-write") is not voted in: only an
    // unanswered entry of a checklist that mostly asks.
    // The file-wide checklist vote holds for lists under titles, not deep in an
    // outline, except for a list of bare items under a topic bullet ("推理题" over
    // "掰巧克力问题", "辩论赛问题"): a category of the checklist.
    bool in_topic = have_cur_ && cur_.bullet && !cur_.question && leaf_run_parent_[i] >= 0 &&
                    leaf_run_parent_[i] == cur_.line && names_questions(cur_.title);
    bool checklist =
        checklist_ &&
        (!(have_cur_ && cur_.bullet && (!cur_.question || cur_.bullet_indent < b.indent)) ||
         in_topic);
    b.votes = !b.asks && (run_asks_[i] || checklist) && !has_children(i) &&
              votes_with_run(b.body, b.q) && !(have_cur_ && cur_.question && !cur_.bullet);
    // Very short titles only with their own answer: "* ```tr```" + "- **answer**".
    if (b.q.size() < 3 && !b.answer_below) return false;
    if (b.indent <= 1) {
        if (!b.asks && !b.answer_below && !b.votes) return try_topic(i, b);
        // A TOC or link list is not a question list.
        if (!b.asks && b.body.find("](") != std::string_view::npos) return false;
        open({.line = i,
              .body_from = i + 1,
              .title = b.q,
              .bullet = true,
              .bullet_indent = b.indent});
        return true;
    }
    return try_nested_bullet(i, b);
}

// An item that does not ask, with notes under it, at the depth of the open
// bullet question or above ("Basic syntax" after the questions of "Basics"):
// a topic of the outline, not part of that answer.  It opens a section.
bool Parser::try_topic(int i, const BulletItem& b) {
    if (!have_cur_ || !cur_.bullet || !cur_.question || cur_.bullet_indent < b.indent ||
        !has_children(i))
        return false;
    open({.line = i,
          .body_from = i + 1,
          .question = false,
          .title = b.q,
          .bullet = true,
          .bullet_indent = b.indent});
    return true;
}

// A bullet below the margin, at any depth of an outline: a question of its
// own when no bullet question is open (under a section, a heading block) or
// when it is at the open one's depth or above; a sub-question of the open one
// when deeper and it asks or has its own bold answer below ("* What do these
// do?" / "  * tee" / "    - **...**").
bool Parser::try_nested_bullet(int i, const BulletItem& b) {
    bool counts = b.asks || b.answer_below || b.votes;
    if (!have_cur_ || !cur_.bullet || !cur_.question) {
        // Inside the answer of a question that is not a bullet, items are its answer.
        if (!counts || (have_cur_ && cur_.question)) return false;
        open({.line = i,
              .body_from = i + 1,
              .title = b.q,
              .bullet = true,
              .bullet_indent = b.indent});
        return true;
    }
    if (cur_.bullet_indent >= b.indent) { // a sibling of the open question, or above it
        int parent = cur_.parent;
        if (parent >= 0 && done_[parent].bullet_indent >= b.indent) parent = -1;
        // Inside a question's answer only an item that asks is a question of its own.
        if (!(parent >= 0 ? b.asks || b.answer_below : counts))
            return parent < 0 && try_topic(i, b);
        open({.line = i,
              .body_from = i + 1,
              .title = b.q,
              .parent = parent,
              .bullet = true,
              .bullet_indent = b.indent});
        return true;
    }
    if (!(b.asks || b.answer_below)) {
        // An item with no answer of its own: this list is what the question is
        // about, and its last item may carry the shared answer.
        if (cur_.plain_list_indent < 0) cur_.plain_list_indent = b.indent;
        return false;
    }
    if (b.indent == cur_.plain_list_indent && !b.asks) return false;
    // "- **Answer text ..." whose bold is never closed is an answer line.
    if (!b.asks && b.body.substr(0, 2) == "**") return false;
    int parent = cur_.parent;
    if (parent < 0) {
        close(i);
        parent = static_cast<int>(done_.size()) - 1;
    }
    open({.line = i,
          .body_from = i + 1,
          .title = b.q,
          .parent = parent,
          .bullet = true,
          .bullet_indent = b.indent});
    return true;
}

} // namespace crib::detect
