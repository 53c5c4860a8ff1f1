// detector_parser.hpp - the detectors' state machine, shared by the files that
// implement it: detectors.cpp (the run, opening and closing passages, the
// file's style), detect_titles.cpp (headings, summaries, entries, titles) and
// detect_items.cpp (list items, numbered lines, labels, bare questions).
// Internal to crib_formats: detectors.hpp is the public entry point.
#pragma once

#include "formats/outline.hpp"
#include "formats/passage.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace crib::detect {

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
    bool numbered = false;     // opened by a numbered question line
    bool labelled = false;     // opened by a "Q:" / "Question:" label ("A." then labels the answer)
    bool term = false;         // opened by a description-list term
    bool code_section = false; // code with no passage open, named after the file
};

/// A bullet line as try_bullet reads it.
struct BulletItem {
    int indent = 0;
    char marker = 0;
    std::string_view body;     ///< the text after the marker
    std::string q;             ///< cleaned
    bool asks = false;         ///< ends with a question mark, or an imperative with children
    bool answer_below = false; ///< a deeper bold item follows: its own answer
    bool votes = false;        ///< does not ask, but its sibling run does (vote_item_runs)
};

/// A bullet that does not ask but stands among siblings that do: short, not a
/// sentence, not a link list.
bool votes_with_run(std::string_view body, const std::string& q);

class Parser {
  public:
    Parser(const Outline& outline, const std::string& file) : out_(outline), file_(file) {}

    std::vector<Passage> run();

  private:
    void mark_lines();
    void detect_style();
    bool separator_line(int i);
    bool try_card(int i);
    bool try_term(int i);
    bool try_comment(int i);
    void leave_headings(int level);
    void enter_heading(int i);
    void adopt_heading_tags(int i);
    void number_repeated_titles();
    int src(int i) const {
        return i < n() ? out_.lines[i].source_line : (n() ? out_.lines.back().source_line : 1);
    }
    bool try_details(int i);
    bool try_heading(int i);
    bool has_subheadings(int i, int level) const;
    bool try_label_heading(int i, const std::string& q);
    bool open_question_below(int i);
    bool try_hash_line(int i);
    bool try_label(int i);
    bool try_subquestion(int i);
    bool try_numbered(int i);
    bool try_bold_list(int i);
    bool bold_list_asks(int i);
    bool try_bullet(int i);
    bool try_nested_bullet(int i, const BulletItem& b);
    bool try_topic(int i, const BulletItem& b);
    void vote_item_runs();
    bool has_children(int i) const;
    bool under_references(int i) const;
    bool try_bare(int i);
    bool try_continuation(int i);
    bool try_entry(int i);
    bool try_section_title(int i);
    bool paragraph_below(int i) const;
    void open(Open o);
    void close(int limit);
    bool has_answer_label_before_next_item(int i, int indent) const;
    bool body_has_answer_marker(int i) const;
    bool announces_questions() const;
    bool is_faq() const;
    int next_nonblank(int i) const;
    std::string_view L(int i) const { return out_.lines[i].text; }
    bool blank(int i) const { return i < 0 || i >= n() || trim(L(i)).empty(); }
    int n() const { return static_cast<int>(out_.lines.size()); }
    Passage finish(const Open& o) const;
    std::vector<Passage> whole_file() const;
    void open_code_section(int i);

    const Outline& out_;
    const std::string& file_;
    std::vector<char> code_;
    std::vector<char> run_asks_;       // list items whose sibling run mostly asks (vote_item_runs)
    std::vector<int> item_parent_;     // per list item: the item it is nested under, else -1
    std::vector<int> leaf_run_parent_; // per list item of a run of two or more with nothing under
                                       // any item: the item the run is nested under; else -1
    std::vector<char> level_asks_;     // heading levels whose headings mostly ask (detect_style)
    bool checklist_ = false;           // unanswered list items mostly ask: each is a question
    std::vector<int> heading_level_;   // 0 = not a heading line
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

} // namespace crib::detect
