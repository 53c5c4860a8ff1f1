// note_text.hpp - cleaning the text of one note line: markers, markup, links.
//
// Shared by the readers (reader_*.cpp) and the detectors (detectors.cpp).
// All functions are linear in their input (no std::regex: a 100 KB line must
// stay cheap) and accept any bytes.
#pragma once

#include <string>
#include <string_view>

namespace crib {

/// ASCII blank (space or tab).
inline bool is_space(char c) {
    return c == ' ' || c == '\t';
}
/// ASCII digit.
inline bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
/// ASCII letter.
inline bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// The string without leading blanks.
std::string_view ltrim(std::string_view s);
/// True if `s` ends with `suf`.
bool ends_with(std::string_view s, std::string_view suf);
/// True if the string holds at least one letter or digit (any script).
bool has_word_char(std::string_view s);
/// Remove HTML tags ("<b>", "</summary>", "<!-- -->"), keep the text between.
std::string strip_tags(std::string_view s);
/// Decode the handful of HTML entities notes contain (&amp; &lt; &nbsp; ...).
std::string decode_entities(std::string_view s);
/// "![alt](url)" removed, "[text](url)" -> "text" (plus " (url)" with keep_url).
std::string strip_links(std::string_view s, bool keep_url = false);
/// Links as their text alone: "[text](url)" -> "text", and bare or
/// "<...>" URLs ("https://git.example.org/core", "www.x.com") removed.
std::string strip_urls(std::string_view s);
/// Drop ":emoji_shortcode:" tokens.
std::string strip_shortcodes(std::string_view s);
/// Remove Markdown emphasis and code markers (**, __, *, _, ~~, `) around words.
std::string strip_emphasis(std::string_view s);
/// Length of a leading "7 - " / "7 – " / "7 — " numbering (a number of up to
/// three digits, a blank, a dash, a blank) when a word of two or more letters
/// follows it, else 0: "2 - 1 = 1" and "10 - x = 3" are arithmetic, "2024 - Year
/// in review" a year, not numbering.
size_t dash_number_length(std::string_view v);
/// Strip one leading structural marker ('#'s, bullet, "12.", "7 - ", "Q:", "Question 3:", '>');
/// sets *numbered / *labelled when the marker was a number / a question label.
bool strip_leading_marker(std::string& s, bool* numbered = nullptr, bool* labelled = nullptr);

/// "-----", "=====", "+++++", "# +++++", "***", "___" (3 or more of one char, blanks
/// allowed); *length gets the number of rule characters.
bool is_separator(std::string_view t, size_t* length = nullptr);

/// Clean a raw question/heading line for display: numbering, list markers,
/// Q./Question: labels, Markdown and HTML markup, trailing ":-" removed.
std::string clean_question(std::string_view raw);

/// The answer without blockquote markers: a leading "> " (or "> > ") of a line
/// is removed, so an Obsidian callout "> **Tip:** x" reads "**Tip:** x".  Lines
/// inside ``` / ~~~ fences and indented code keep theirs.
std::string strip_quote_markers(std::string_view answer);

/// The number a question line is written with ("3" for "### 3. Why?", "**3) Why?**",
/// "3 - Why?"), the one clean_question() drops; empty when it has none.
std::string written_number(std::string_view raw);

/// Markdown backslash escapes ("doesn\\'t", "a\\_b") as the characters they
/// escape, as cmark shows them, outside fenced code and `code spans`: the
/// backslash split "doesn't" into "doesn" and "t", so the phrase "doesn't
/// give" missed a note that escaped its apostrophes.
std::string unescape_punctuation(std::string_view text);

/// Text of an answer as it is indexed: blockquote markers, images, HTML tags, link targets,
/// emoji shortcodes removed; Markdown punctuation is harmless to the tokenizer.
std::string indexable_text(std::string_view answer);

/// The prose of an answer: fenced code (with its info string) and table rows
/// removed.  Topics are assigned from it, and its length is the passage's
/// substance for ranking (a heading over a bare table or a command list has none).
std::string prose_text(std::string_view answer);

/// Number of words in the prose of an answer (prose_text).
size_t prose_words(std::string_view answer);

/// Parts of camelCase / PascalCase words and their adjacent pairs, space
/// separated: "CrashLoopBackOff" -> "crash loop back off crashloop loopback backoff".
std::string compound_parts(std::string_view text);

/// Answer text for display in a snippet: indexable_text() without Markdown
/// emphasis and code markers.
std::string snippet_text(std::string_view answer);

} // namespace crib
