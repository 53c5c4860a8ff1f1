// question_lines.hpp - line tests shared by the detectors (detectors.cpp,
// detect_titles.cpp, detect_items.cpp): each looks at one line's text only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crib::detect {

/// A rule of 8 or more dashes (an entry separator in dash-separated files).
bool is_long_dash_separator(std::string_view t);

/// A line that is never answer text: "Copy code", "back to top", rules,
/// image/tag-only lines, table-of-contents bullets.
bool is_noise_line(std::string_view t);

/// The first word, lower case, letters and apostrophes only.
std::string first_word(std::string_view s);

/// Ends with a question mark ('?' or the full-width U+FF1F), optionally
/// followed by a bracketed remark ("Why? (2 marks)") or closing emphasis.
bool asks(std::string_view cleaned);

/// "Explain ...", "Describe ...", "What ..." without a question mark.
bool starts_imperative(std::string_view cleaned);

/// Starts with an interrogative word ("what", "is", "how", "explain", ...).
bool starts_interrogative(std::string_view cleaned);

/// True if the text holds a Chinese, Japanese or Korean question word
/// (什么, 为什么, 区别, とは, ですか, 무엇, ...), which these languages write
/// anywhere in a question, without a space before it.
bool has_cjk_question_word(std::string_view cleaned);

/// A line without a question mark that asks in Chinese or Japanese: an
/// interrogative of two characters anywhere (如何, 为何, 什么, 哪些, ...), a
/// final 吗/呢/ですか/とは, or a request at the start (介绍一下); never a
/// sentence ending in 。.  Stricter than has_cjk_question_word(), whose
/// one-character words also occur inside other words (吗啡, 왜곡, ぶどう).
bool cjk_line_asks(std::string_view cleaned);

/// "Answer:", "**Answer:**", "A:", "Ans -" at the start of a line.
bool is_answer_label(std::string_view t);

/// The line without a leading answer label (see detectors: "A." only after a "Q:" question).
std::string strip_answer_label(std::string_view line, bool dotted_a);

/// Leading "Q:", "Q1.", "Question:" label: true and the rest in `rest`.
bool question_label(std::string_view t, std::string& rest);

/// "- x", "* x", "+ x": a bullet item; sets its indent and marker character.
bool is_list_item(std::string_view line, int* indent = nullptr, char* marker = nullptr);

/// Numbered list line "12. text" / "12)text" / "#1. text" / "7 - text"; sets the text.
bool numbered_line(std::string_view line, std::string_view& text);

/// "3. x", "B1. x", "M2) x": an entry's number, optionally after one or two
/// capital letters (a level or section label), then '.' or ')' and a space.
bool entry_number(std::string_view t);

/// Digits, a colon and a space: "1: Find the location of 'B'" (a notebook's
/// "#1: ..." exercise prompts).
bool colon_number(std::string_view t);

/// A code comment's number: as entry_number() or colon_number().
bool comment_number(std::string_view t);

/// What a heading that is only a label names: "Question", "Question (EN)" a
/// question written below it; "Answer (EN)", "Solution" the answer of the open
/// question; "Otvet (RU)" (a word and a language code) a translated part of it.
enum class HeadingLabel { none, question, answer, language };

/// The label a cleaned heading title is, if it is only one.
HeadingLabel heading_label(std::string_view cleaned);

/// "**...**" from end to end.
bool bold_only(std::string_view t);

/// Body of a top-level bullet that is bold from end to end; empty if none.
std::string_view bold_bullet_body(std::string_view line);

/// Short (at most 8 words, 80 bytes), no final sentence punctuation.
bool title_like(std::string_view cleaned);

/// "- A: x", "* b) x", "C. x": a multiple-choice option (A-F).
bool is_option_line(std::string_view t);

/// The markers a heading line carries: numbered ("### 11. x"), labelled ("## Q. x").
void heading_markers(std::string_view raw, bool& numbered, bool& labelled);

/// "#tag", "#k8s/pods" (and its parent "k8s") in a line, appended to `tags`.
void add_hash_tags(std::string_view t, std::vector<std::string>& tags);

} // namespace crib::detect
